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
  // Partner registry
  route("organizzazioni", "routes/organisations.tsx"),
  route("organizzazioni/nuova", "routes/organisations.new.tsx"),
  route("organizzazioni/importa", "routes/organisations.import.tsx"),
  route("organizzazioni/esporta/:format", "routes/organisations.export.ts"),
  route("organizzazioni/:id", "routes/organisation.tsx"),
  route("organizzazioni/:id/modifica", "routes/organisation.edit.tsx"),
  route("organizzazioni/:id/stato", "routes/organisation.status.tsx"),
  route("organizzazioni/:id/contatti", "routes/organisation.contacts.tsx"),
  route("reti", "routes/networks.tsx"),
  route("reti/:id", "routes/network.tsx"),
  // Protocols
  route("protocolli", "routes/protocols.tsx"),
  route("protocolli/nuovo", "routes/protocols.new.tsx"),
  route("protocolli/:id", "routes/protocol.tsx"),
  route("protocolli/:id/modifica", "routes/protocol.edit.tsx"),
  route("protocolli/:id/documento", "routes/protocol.file.ts"),
  // Strategic objectives and working groups
  route("obiettivi", "routes/objectives.tsx"),
  route("gruppi", "routes/groups.tsx"),
  route("gruppi/nuovo", "routes/groups.new.tsx"),
  route("gruppi/:id", "routes/group.tsx"),
  route("gruppi/:id/modifica", "routes/group.edit.tsx"),
  route("gruppi/:id/documenti/:documentId", "routes/group.document.ts"),
  route("sviluppo/posta", "routes/dev.outbox.tsx"),
  route("sviluppo/posta/:id", "routes/dev.outbox.mail.tsx"),
  route("accessibilita", "routes/accessibility.tsx"),
  route("healthz", "routes/healthz.ts"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
