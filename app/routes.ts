import { index, route, type RouteConfig } from "@react-router/dev/routes";

// Every page of Tavolo. Pages public by design are listed in tests/integration/route-access.test.ts.
export default [
  index("routes/home.tsx"),
  route("accedi", "routes/sign-in.tsx"),
  route("esci", "routes/sign-out.tsx"),
  route("password-dimenticata", "routes/forgot-password.tsx"),
  route("reimposta-password/:token", "routes/reset-password.tsx"),
  route("invito/:token", "routes/accept-invitation.tsx"),
  route("profilo", "routes/profile.tsx"),
  route("utenti", "routes/users.tsx"),
  route("utenti/invita", "routes/users.invite.tsx"),
  route("sviluppo/posta", "routes/dev.outbox.tsx"),
  route("sviluppo/posta/:id", "routes/dev.outbox.mail.tsx"),
  route("accessibilita", "routes/accessibility.tsx"),
  route("healthz", "routes/healthz.ts"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
