import { redirect } from "react-router";
import type { Route } from "./+types/sign-out";
import { getOptionalUser, requireUser } from "~/auth/permissions.server";
import { invalidateSession, sessionClearCookie } from "~/auth/session.server";

// Signing out is a POST (the header's "Esci" button): a link could be triggered by another site.
export function loader(args: Route.LoaderArgs) {
  requireUser(args);
  return redirect("/");
}

export async function action(args: Route.ActionArgs) {
  const user = getOptionalUser(args);
  if (user) await invalidateSession(user.sessionId);
  return redirect("/accedi", { headers: { "Set-Cookie": await sessionClearCookie(args.request) } });
}
