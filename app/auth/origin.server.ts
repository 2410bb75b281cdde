import { env } from "~/env.server";

// Cross-site request forgery defence: every request that changes something must come from a page
// of Tavolo itself. Browsers send Origin on such requests; together with SameSite=Lax cookies this
// replaces per-form tokens. server/app.ts applies it to every request before React Router, whose
// own check (UI-route actions only) would answer a bare 400. See docs/decisions/007.

export const CROSS_SITE_MESSAGE = "Richiesta rifiutata: il modulo è stato inviato da un altro sito.";

export const isSafeMethod = (method: string) => ["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());

/** `requestOrigin` is the origin the request was sent to; `header` reads a request header. */
export function isSameOrigin(requestOrigin: string, header: (name: string) => string | null | undefined): boolean {
  const allowed = new Set([requestOrigin, new URL(env.APP_URL).origin]);
  const origin = header("Origin");
  if (origin) return allowed.has(origin);
  // No Origin: only a non-browser client or a very old browser. Then the fetch metadata and the
  // Referer, when present, must not point elsewhere.
  const site = header("Sec-Fetch-Site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const referer = header("Referer");
  if (referer) {
    try {
      return allowed.has(new URL(referer).origin);
    } catch {
      return false;
    }
  }
  return true;
}
