import { redirect } from "react-router";
import { sessionUserContext, type Role, type SessionUser } from "~/context";
import { env } from "~/env.server";

// The one place that says who may do what. Loaders and actions call requireUser or
// requirePermission; nothing else reads roles. See docs/decisions/005-permissions.md.

interface Args {
  request: Request;
  context: { get: <T>(key: import("react-router").RouterContext<T>) => T };
}

export type Resource =
  | { kind: "tavolo" }
  | { kind: "users" }
  | { kind: "invitations" }
  | { kind: "outbox" }
  | { kind: "registry" }
  | { kind: "organisation"; organisationId: string }
  | { kind: "protocols" }
  | { kind: "objectives" }
  | { kind: "workingGroups" }
  | { kind: "workingGroup"; isMember: boolean }
  | { kind: "meetings" }
  | { kind: "verbale"; status: string; isInvitee: boolean }
  | { kind: "decision"; responsibleOrganisationId: string | null }
  | { kind: "projects" }
  | { kind: "reporting" }
  | { kind: "rendicontazione"; organisationId: string; status: string; leadOrganisationId: string }
  | { kind: "reportingPeriod"; leadOrganisationId: string }
  | { kind: "announcements" }
  | { kind: "announcement"; isRecipient: boolean }
  | { kind: "documents" }
  | { kind: "document"; visibility: string; isGroupMember: boolean }
  | { kind: "aidServices" }
  | { kind: "aidService"; organisationId: string }
  // The tavolo's settings (information notice on personal data, transparency): coordinators only.
  | { kind: "settings" }
  // The register of every change (/registro-modifiche) and its exports: coordinators only.
  | { kind: "auditLog" };

/**
 * view: read it; edit: change the parts a partner may change (their organisation's contacts and
 * description, a group's documents); manage: everything else (coordinators);
 * viewContacts: phone numbers and e-mail addresses of people, which members do not see.
 */
export type Action = "view" | "edit" | "manage" | "viewContacts";

const ROLE_LABELS: Record<Role, string> = {
  COORDINATOR: "Coordinatore",
  REFERENT: "Referente di organizzazione",
  MEMBER: "Componente del tavolo",
};
export const roleLabel = (role: Role) => ROLE_LABELS[role];
export const ROLES = Object.keys(ROLE_LABELS) as Role[];

export function can(user: Pick<SessionUser, "role" | "organisationId">, action: Action, resource: Resource): boolean {
  // The outbox page exists for development only: with real SMTP, mail is read in mailboxes.
  if (resource.kind === "outbox" && env.NODE_ENV === "production") return false;
  // A rendicontazione is written by its own organisation while it is owed, whoever the writer is:
  // coordinators review partners' reports but write only their own organisation's (the Comune's).
  if (resource.kind === "rendicontazione" && action === "edit") {
    const owed = ["NOT_STARTED", "DRAFT", "RETURNED"].includes(resource.status);
    return owed && user.organisationId === resource.organisationId && (user.role === "REFERENT" || user.role === "COORDINATOR");
  }
  // A period's consolidated note is the lead organisation's word on its partners' reports.
  if (resource.kind === "reportingPeriod" && action === "edit") {
    return user.organisationId === resource.leadOrganisationId && (user.role === "REFERENT" || user.role === "COORDINATOR");
  }
  if (user.role === "COORDINATOR") return true;
  switch (resource.kind) {
    case "tavolo":
      return action === "view";
    case "registry":
    case "protocols":
    case "objectives":
    case "workingGroups":
      return action === "view" || (action === "viewContacts" && user.role === "REFERENT");
    case "organisation":
      if (action === "view") return true;
      if (action === "viewContacts") return user.role === "REFERENT";
      return action === "edit" && user.role === "REFERENT" && user.organisationId === resource.organisationId;
    case "workingGroup":
      // Everyone sees a group's name, mandate and member organisations (without this check);
      // its page, meetings and documents are for its members.
      return (action === "view" || action === "edit") && resource.isMember;
    case "meetings":
      // Everyone signed in reads meetings, agendas and replies' counts; coordinators convene them.
      return action === "view";
    case "verbale":
      // A draft is the coordinators'; in review its attendees read and comment it (edit); once
      // approved, attendees still read it; published, everyone in the tavolo does.
      if (action === "view") return resource.status === "PUBBLICATO" || (resource.isInvitee && resource.status !== "BOZZA");
      return action === "edit" && resource.isInvitee && resource.status === "IN_REVISIONE";
    case "decision":
      // The responsible organisation's referents update an action's status with a note.
      if (action === "view") return true;
      return action === "edit" && user.role === "REFERENT" && resource.responsibleOrganisationId === user.organisationId;
    case "projects":
      // Projects, their figures and the tavolo's aggregates are read by everyone signed in;
      // coordinators create and change them.
      return action === "view";
    case "reporting":
      // The reporting dashboard: coordinators see the whole grid; a referent sees (view) the list
      // of what their own organisation owes.
      return action === "view" && user.role === "REFERENT";
    case "rendicontazione": {
      // The organisation's people read its rendicontazioni (who writes them is decided above). The
      // lead organisation's referents read what a partner has sent (never a draft, nor a returned
      // one being corrected). Review (manage) is the coordinators'.
      const own = user.organisationId === resource.organisationId;
      const sent = resource.status === "SUBMITTED" || resource.status === "APPROVED";
      return action === "view" && (own || (user.role === "REFERENT" && user.organisationId === resource.leadOrganisationId && sent));
    }
    case "reportingPeriod":
      // The period page gathers the partners' sent reports for the lead organisation.
      return action === "view" && user.role === "REFERENT" && user.organisationId === resource.leadOrganisationId;
    case "announcements":
      // Everyone reads their own news feed; coordinators write, schedule and follow announcements.
      return action === "view";
    case "announcement":
      // An announcement is read by the people it was sent to.
      return action === "view" && resource.isRecipient;
    case "documents":
      // Everyone signed in opens the archive (each document then checks its visibility);
      // coordinators file documents in it.
      return action === "view";
    case "document":
      // COORDINATORS: only them; GROUP: the linked working group's members, who may also add a
      // new version (edit); TAVOLO and PUBLIC: everyone signed in.
      if (resource.visibility === "GROUP") return (action === "view" || action === "edit") && resource.isGroupMember;
      return action === "view" && (resource.visibility === "TAVOLO" || resource.visibility === "PUBLIC");
    case "aidServices":
      // The catalogue of the territory's services and its monitoring are for everyone signed in;
      // referents add their organisation's services (see aidService); coordinators publish them.
      return action === "view" || (action === "edit" && user.role === "REFERENT");
    case "aidService":
      // An organisation's referents describe its services and enter their monthly figures.
      if (action === "view") return true;
      return action === "edit" && user.role === "REFERENT" && user.organisationId === resource.organisationId;
    case "users":
    case "invitations":
    case "outbox":
    case "settings":
    case "auditLog":
      return false;
  }
}

export function getOptionalUser(args: Args): SessionUser | null {
  return args.context.get(sessionUserContext);
}

/** The signed-in user, or: a redirect to sign-in for page requests, 401 for anything else. */
export function requireUser(args: Args): SessionUser {
  const user = getOptionalUser(args);
  if (user) return user;
  const url = new URL(args.request.url);
  if (args.request.method === "GET") {
    const redirectTo = `${url.pathname}${url.search}`;
    throw redirect(redirectTo === "/" ? "/accedi" : `/accedi?redirectTo=${encodeURIComponent(redirectTo)}`);
  }
  throw new Response("Accesso richiesto", { status: 401 });
}

export function requirePermission(args: Args, action: Action, resource: Resource): SessionUser {
  const user = requireUser(args);
  if (!can(user, action, resource)) {
    throw new Response("Non hai i permessi per questa pagina.", { status: 403 });
  }
  return user;
}

/** Only same-site paths are followed after sign-in: never an open redirect. */
export function safeRedirectTarget(target: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
    return fallback;
  }
  return target;
}
