// Calling a route's loader or action directly, as React Router would after the session
// middleware: the signed-in user (or nobody) is what the context gives for sessionUserContext.
import { sessionUserContext, type SessionUser } from "~/context";

export function routeArgs(request: Request, user: SessionUser | null, params: Record<string, string> = {}) {
  return { request, params, context: { get: (key: unknown) => (key === sessionUserContext ? user : null) } } as never;
}
