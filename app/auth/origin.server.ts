import type { MiddlewareFunction } from "react-router";
import { env } from "~/env.server";

// Cross-site request forgery defence: every request that changes something must come from a page
// of Tavolo itself. Browsers send Origin on such requests; together with SameSite=Lax cookies this
// replaces per-form tokens. See docs/decisions/007-csrf-origin-check.md.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSameOriginRequest(request: Request): boolean {
  const allowed = new Set([new URL(request.url).origin, new URL(env.APP_URL).origin]);
  const origin = request.headers.get("Origin");
  if (origin !== null) return allowed.has(origin);
  // No Origin: only a non-browser client or a very old browser. Then the fetch metadata and the
  // Referer, when present, must not point elsewhere.
  const site = request.headers.get("Sec-Fetch-Site");
  if (site !== null && site !== "same-origin" && site !== "none") return false;
  const referer = request.headers.get("Referer");
  if (referer !== null) {
    try {
      return allowed.has(new URL(referer).origin);
    } catch {
      return false;
    }
  }
  return true;
}

export const originCheckMiddleware: MiddlewareFunction<Response> = async ({ request }, next) => {
  if (!SAFE_METHODS.has(request.method.toUpperCase()) && !isSameOriginRequest(request)) {
    throw new Response("Richiesta rifiutata: il modulo è stato inviato da un altro sito.", { status: 403 });
  }
  return next();
};
