import { invitationMail } from "../../emails/invitation";
import { passwordResetMail } from "../../emails/password-reset";
import {
  hashPassword,
  passwordProblem,
  verifyAgainstNothing,
  verifyPassword,
} from "~/auth/password.server";
import { roleLabel } from "~/auth/permissions.server";
import { type Actor, recordChange } from "~/domain/audit.server";
import {
  clearAccountAttempts,
  rateLimitWait,
  recordAttempt,
  tooManyAttemptsMessage,
} from "~/auth/rate-limit.server";
import { invalidateUserSessions } from "~/auth/session.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import type { Role } from "~/context";
import { db, isUniqueViolation } from "~/db.server";
import { env } from "~/env.server";
import { enqueueMail, wakeMailWorker } from "~/mail/outbox.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { UserFacingError } from "~/utils/errors";

// Accounts: sign-in, invitations, password reset and change, deactivation.

export const INVITATION_VALID_MS = 7 * 24 * 60 * 60_000;
export const RESET_VALID_MS = 60 * 60_000;

const link = (path: string) => new URL(path, env.APP_URL).toString();

export async function authenticate(input: { email: string; password: string; ip: string }) {
  const wait = await rateLimitWait("SIGNIN", input.ip, input.email);
  if (wait !== null) throw new UserFacingError(tooManyAttemptsMessage(wait), 429);
  const user = await db.user.findUnique({ where: { email: input.email } });
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyAgainstNothing(input.password), false);
  if (!user || !valid || !user.active || user.erasedAt) {
    await recordAttempt("SIGNIN", input.ip, input.email);
    // The same words whether the account exists, is closed, or the password is wrong.
    throw new UserFacingError("E-mail o password non corretti.", 401);
  }
  await clearAccountAttempts("SIGNIN", input.email);
  return user;
}

// --- Invitations -----------------------------------------------------------------------------

export async function inviteUser(input: {
  email: string;
  role: Role;
  organisationId: string;
  invitedBy: { id: string; name: string };
}) {
  const organisation = await db.organisation.findUnique({ where: { id: input.organisationId } });
  if (!organisation) throw new UserFacingError("Scegli un'organizzazione dall'elenco.", 400, "organisationId");
  if (await db.user.findUnique({ where: { email: input.email } })) {
    throw new UserFacingError("Esiste già un account con questo indirizzo e-mail.", 409, "email");
  }
  const token = generateToken();
  const expiresAt = new Date(Date.now() + INVITATION_VALID_MS);
  const invitation = await db.$transaction(async (tx) => {
    // A new invitation to the same address replaces any still open.
    const replaced = await tx.invitation.updateMany({
      where: { email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const created = await tx.invitation.create({
      data: {
        email: input.email,
        role: input.role,
        organisationId: organisation.id,
        tokenHash: hashToken(token),
        expiresAt,
        invitedById: input.invitedBy.id,
      },
    });
    await enqueueMail(tx, {
      template: "invitation",
      to: input.email,
      content: invitationMail({
        inviterName: input.invitedBy.name,
        organisationName: organisation.name,
        roleLabel: roleLabel(input.role),
        acceptUrl: link(`/invito/${token}`),
        expiresOn: formatDate(expiresAt),
        tavoloName: env.TAVOLO_NAME,
      }),
    });
    // Until it is accepted the invitation stands for the account (subject USER, the invitation's id);
    // acceptance then records the account's own first event. Never the token.
    await recordChange(tx, {
      subjectType: "USER",
      subjectId: created.id,
      summary: `Invito inviato a ${input.email}: ${roleLabel(input.role).toLowerCase()} di ${organisation.name}${replaced.count > 0 ? " (sostituisce l'invito ancora aperto)" : ""}`,
      actor: input.invitedBy,
    });
    return created;
  });
  wakeMailWorker();
  return invitation;
}

export async function resendInvitation(invitationId: string, by: { id: string; name: string }) {
  const token = generateToken();
  const expiresAt = new Date(Date.now() + INVITATION_VALID_MS);
  await db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { id: invitationId }, include: { organisation: true } });
    if (!invitation || invitation.acceptedAt || invitation.revokedAt) {
      throw new UserFacingError("Questo invito non è più aperto: non si può inviare di nuovo.", 409);
    }
    // A fresh token: the link in the earlier mail stops working.
    await tx.invitation.update({ where: { id: invitationId }, data: { tokenHash: hashToken(token), expiresAt } });
    await recordChange(tx, { subjectType: "USER", subjectId: invitationId, summary: `Invito inviato di nuovo a ${invitation.email}, con un nuovo collegamento`, actor: by });
    await enqueueMail(tx, {
      template: "invitation",
      to: invitation.email,
      content: invitationMail({
        inviterName: by.name,
        organisationName: invitation.organisation.name,
        roleLabel: roleLabel(invitation.role as Role),
        acceptUrl: link(`/invito/${token}`),
        expiresOn: formatDate(expiresAt),
        tavoloName: env.TAVOLO_NAME,
      }),
    });
  });
  wakeMailWorker();
}

export async function revokeInvitation(invitationId: string, by: Actor) {
  await db.$transaction(async (tx) => {
    const revoked = await tx.invitation.updateMany({
      where: { id: invitationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (revoked.count !== 1) throw new UserFacingError("Questo invito non è più aperto.", 409);
    const invitation = await tx.invitation.findUniqueOrThrow({ where: { id: invitationId }, select: { email: true } });
    await recordChange(tx, { subjectType: "USER", subjectId: invitationId, summary: `Invito annullato: ${invitation.email}`, actor: by });
  });
}

/** The open invitation behind a link, or a UserFacingError saying plainly why it is not usable. */
export async function findOpenInvitation(token: string, now = new Date()) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { organisation: { select: { name: true } } },
  });
  if (!invitation || invitation.revokedAt) {
    throw new UserFacingError("Questo invito non è valido: potrebbe essere stato annullato o sostituito da uno più recente.", 404);
  }
  if (invitation.acceptedAt) throw new UserFacingError("Questo invito è già stato usato. Accedi con la tua e-mail e password.", 410);
  if (invitation.expiresAt <= now) {
    throw new UserFacingError("Questo invito è scaduto. Chiedi al coordinamento del tavolo di inviartene uno nuovo.", 410);
  }
  return invitation;
}

export async function acceptInvitation(input: { token: string; name: string; password: string }) {
  const invitation = await findOpenInvitation(input.token);
  const problem = passwordProblem(input.password, invitation.email);
  if (problem) throw new UserFacingError(problem, 400, "password");
  const passwordHash = await hashPassword(input.password);
  const accepting = db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: invitation.email } })) {
      throw new UserFacingError("Esiste già un account con questo indirizzo e-mail: accedi con la tua password.", 409);
    }
    const user = await tx.user.create({
      data: {
        email: invitation.email,
        name: input.name,
        role: invitation.role,
        organisationId: invitation.organisationId,
        passwordHash,
      },
    });
    // Single use even if the link is opened twice at once: only one update can match.
    const taken = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: new Date(), acceptedById: user.id },
    });
    if (taken.count !== 1) throw new UserFacingError("Questo invito è già stato usato.", 410);
    await recordChange(tx, {
      subjectType: "USER",
      subjectId: user.id,
      summary: `Invito accettato, account creato: ${user.name} (${user.email}), ${roleLabel(invitation.role as Role).toLowerCase()} di ${invitation.organisation.name}`,
      actor: { id: user.id, name: user.name },
    });
    return user;
  });
  // The same link submitted twice at once: the second request loses on the unique e-mail.
  return accepting.catch((error: unknown) => {
    if (isUniqueViolation(error)) throw new UserFacingError("Questo invito è già stato usato.", 410);
    throw error;
  });
}

// --- Passwords -------------------------------------------------------------------------------

/** Always answers the same way, whether or not the address has an account. */
export async function requestPasswordReset(input: { email: string; ip: string }) {
  const wait = await rateLimitWait("RESET", input.ip, input.email);
  if (wait !== null) throw new UserFacingError(tooManyAttemptsMessage(wait), 429);
  await recordAttempt("RESET", input.ip, input.email);
  const user = await db.user.findUnique({ where: { email: input.email } });
  if (!user?.active || !user.passwordHash) return;
  const token = generateToken();
  const expiresAt = new Date(Date.now() + RESET_VALID_MS);
  await db.$transaction(async (tx) => {
    await tx.passwordReset.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } });
    await tx.passwordReset.create({ data: { userId: user.id, tokenHash: hashToken(token), expiresAt } });
    await enqueueMail(tx, {
      template: "password-reset",
      to: user.email,
      content: passwordResetMail({ name: user.name, resetUrl: link(`/reimposta-password/${token}`), expiresAt: formatDateTime(expiresAt) }),
    });
  });
  wakeMailWorker();
}

export async function findOpenPasswordReset(token: string, now = new Date()) {
  const reset = await db.passwordReset.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!reset || reset.usedAt || !reset.user.active) {
    throw new UserFacingError("Questo collegamento non è valido o è già stato usato. Chiedi un nuovo collegamento.", 410);
  }
  if (reset.expiresAt <= now) {
    throw new UserFacingError("Questo collegamento è scaduto (vale un'ora). Chiedi un nuovo collegamento.", 410);
  }
  return reset;
}

export async function resetPassword(input: { token: string; password: string }) {
  const reset = await findOpenPasswordReset(input.token);
  const problem = passwordProblem(input.password, reset.user.email);
  if (problem) throw new UserFacingError(problem, 400, "password");
  const passwordHash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    const used = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null }, data: { usedAt: new Date() } });
    if (used.count !== 1) throw new UserFacingError("Questo collegamento è già stato usato.", 410);
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: reset.userId } });
    await recordChange(tx, {
      subjectType: "USER",
      subjectId: reset.userId,
      summary: "Password reimpostata con il collegamento ricevuto per e-mail; accessi aperti chiusi",
      actor: { id: reset.user.id, name: reset.user.name },
    });
  });
  return reset.user;
}

/** Changing the password signs out every other device; the caller starts a new session. */
export async function changePassword(input: { userId: string; currentPassword: string; newPassword: string }) {
  const user = await db.user.findUniqueOrThrow({ where: { id: input.userId } });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new UserFacingError("La password attuale non è corretta.", 400, "currentPassword");
  }
  const problem = passwordProblem(input.newPassword, user.email);
  if (problem) throw new UserFacingError(problem, 400, "newPassword");
  if (input.newPassword === input.currentPassword) {
    throw new UserFacingError("La nuova password deve essere diversa da quella attuale.", 400, "newPassword");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await recordChange(tx, { subjectType: "USER", subjectId: user.id, summary: "Password cambiata dal profilo; accessi su altri dispositivi chiusi", actor: { id: user.id, name: user.name } });
  });
  await invalidateUserSessions(user.id);
}

// --- Administration --------------------------------------------------------------------------

export async function setUserActive(input: { userId: string; active: boolean; by: Actor }) {
  if (input.userId === input.by.id && !input.active) {
    throw new UserFacingError("Non puoi disattivare il tuo stesso account.", 409);
  }
  await db.$transaction(async (tx) => {
    // A removed person (GDPR) is gone for good: their account is never reopened.
    const updated = await tx.user.updateMany({
      where: { id: input.userId, erasedAt: null },
      data: { active: input.active, deactivatedAt: input.active ? null : new Date() },
    });
    if (updated.count !== 1) {
      const erased = await tx.user.count({ where: { id: input.userId, erasedAt: { not: null } } });
      throw erased ? new UserFacingError("Questa persona è stata rimossa: il suo account non può essere riattivato.", 409) : new UserFacingError("Utente non trovato.", 404);
    }
    if (!input.active) await tx.session.deleteMany({ where: { userId: input.userId } });
    const person = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { name: true, email: true } });
    await recordChange(tx, {
      subjectType: "USER",
      subjectId: input.userId,
      summary: `${input.active ? "Account riattivato" : "Account disattivato"}: ${person.name} (${person.email})`,
      actor: input.by,
      changes: { Attivo: input.active ? ["no", "sì"] : ["sì", "no"] },
    });
  });
}

export async function listUsers() {
  return db.user.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      active: true,
      erasedAt: true,
      organisation: { select: { name: true } },
    },
  });
}

export async function listOpenInvitations(now = new Date()) {
  const invitations = await db.invitation.findMany({
    where: { acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      createdAt: true,
      organisation: { select: { name: true } },
      invitedBy: { select: { name: true } },
    },
  });
  return invitations.map((invitation) => ({ ...invitation, expired: invitation.expiresAt <= now }));
}
