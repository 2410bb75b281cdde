import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateSessionToken, createSession } from "~/auth/session.server";
import { db } from "~/db.server";
import {
  acceptInvitation,
  findOpenInvitation,
  findOpenPasswordReset,
  INVITATION_VALID_MS,
  inviteUser,
  requestPasswordReset,
  resendInvitation,
  resetPassword,
  revokeInvitation,
  authenticate,
} from "~/domain/users.server";
import { deliverDueMails } from "~/mail/outbox.server";
import { UserFacingError } from "~/utils/errors";
import { createOrganisation, createUser, sessionUser, TEST_PASSWORD } from "../factories";
import { linkIn, startSmtpCatcher } from "../smtp";

let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
});
afterAll(() => smtp.close());

/** Delivers what is in the outbox through real SMTP and returns what arrived for `to`. */
async function deliverAndRead(to: string) {
  smtp.messages.length = 0;
  await deliverDueMails({ transport: nodemailer.createTransport(smtp.url), workerId: "test" });
  const mail = smtp.messages.find((m) => m.to.includes(to));
  if (!mail) throw new Error(`no mail for ${to}; got ${smtp.messages.map((m) => m.to.join()).join("; ")}`);
  return mail;
}

const tokenOf = (url: URL) => url.pathname.split("/").pop() ?? "";

describe("invitations", () => {
  it("a coordinator invites a person, who gets the mail, accepts from its link and is a user of the chosen organisation", async () => {
    const coordinator = await createUser({ role: "COORDINATOR", name: "Giulia Ferrari" });
    const caritas = await createOrganisation({ name: "Caritas di prova" });
    await inviteUser({ email: "nuova@example.org", role: "REFERENT", organisationId: caritas.id, invitedBy: sessionUser(coordinator) });

    const mail = await deliverAndRead("nuova@example.org");
    expect(mail.subject).toBe("Invito a partecipare a Tavolo: Tavolo Povertà di Prova");
    expect(mail.text).toContain("Giulia Ferrari ti ha invitato");
    expect(mail.text).toContain("referente di organizzazione per Caritas di prova");
    expect(mail.html).toContain("Accetta l&#39;invito");
    const link = linkIn(mail, "/invito/");
    expect(link.origin).toBe("http://localhost:3000");

    const user = await acceptInvitation({ token: tokenOf(link), name: "Nora Neri", password: "Il mio invito accettato oggi" });
    expect(user).toMatchObject({ email: "nuova@example.org", name: "Nora Neri", role: "REFERENT", organisationId: caritas.id });
    await expect(authenticate({ email: "nuova@example.org", password: "Il mio invito accettato oggi", ip: "1.1.1.1" })).resolves.toBeTruthy();
    // Single use.
    await expect(acceptInvitation({ token: tokenOf(link), name: "Altro", password: "Il mio invito accettato oggi" })).rejects.toThrow(
      "Questo invito è già stato usato",
    );
  });

  it("stores only the token's hash, and writes the mail in the same transaction as the invitation", async () => {
    const coordinator = await createUser({ role: "COORDINATOR" });
    const organisation = await createOrganisation();
    const invitation = await inviteUser({ email: "x@example.org", role: "MEMBER", organisationId: organisation.id, invitedBy: sessionUser(coordinator) });
    const queued = await db.outboxMail.findMany();
    expect(queued).toHaveLength(1);
    const token = tokenOf(linkIn({ text: queued[0]?.text ?? "" } as never, "/invito/"));
    expect(invitation.tokenHash).not.toBe(token);
    expect(JSON.stringify(await db.invitation.findMany())).not.toContain(token);
  });

  it("writes nothing when the invitation is refused", async () => {
    const coordinator = await createUser({ role: "COORDINATOR" });
    const existing = await createUser({ email: "gia@example.org" });
    await expect(
      inviteUser({ email: existing.email, role: "MEMBER", organisationId: existing.organisationId, invitedBy: sessionUser(coordinator) }),
    ).rejects.toThrow("Esiste già un account con questo indirizzo e-mail.");
    await expect(
      inviteUser({ email: "nuovo@example.org", role: "MEMBER", organisationId: "non-esiste", invitedBy: sessionUser(coordinator) }),
    ).rejects.toThrow("Scegli un'organizzazione dall'elenco.");
    expect(await db.invitation.count()).toBe(0);
    expect(await db.outboxMail.count()).toBe(0);
  });

  it("expires after 7 days", async () => {
    const coordinator = await createUser({ role: "COORDINATOR" });
    const organisation = await createOrganisation();
    await inviteUser({ email: "tardi@example.org", role: "MEMBER", organisationId: organisation.id, invitedBy: sessionUser(coordinator) });
    const token = tokenOf(linkIn(await deliverAndRead("tardi@example.org"), "/invito/"));
    await expect(findOpenInvitation(token, new Date(Date.now() + INVITATION_VALID_MS - 60_000))).resolves.toBeTruthy();
    await expect(findOpenInvitation(token, new Date(Date.now() + INVITATION_VALID_MS + 60_000))).rejects.toThrow("Questo invito è scaduto");
  });

  it("resending sends a new link and kills the old one; revoking kills it too", async () => {
    const coordinator = await createUser({ role: "COORDINATOR" });
    const organisation = await createOrganisation();
    const invitation = await inviteUser({ email: "due@example.org", role: "MEMBER", organisationId: organisation.id, invitedBy: sessionUser(coordinator) });
    const first = tokenOf(linkIn(await deliverAndRead("due@example.org"), "/invito/"));
    await resendInvitation(invitation.id, sessionUser(coordinator));
    const second = tokenOf(linkIn(await deliverAndRead("due@example.org"), "/invito/"));
    expect(second).not.toBe(first);
    await expect(findOpenInvitation(first)).rejects.toThrow("Questo invito non è valido");
    await expect(findOpenInvitation(second)).resolves.toBeTruthy();
    await revokeInvitation(invitation.id, sessionUser(coordinator));
    await expect(findOpenInvitation(second)).rejects.toThrow("Questo invito non è valido");
    await expect(resendInvitation(invitation.id, sessionUser(coordinator))).rejects.toThrow("non è più aperto");
  });

  it("accepts the same link submitted twice at once only once, with a clear message for the other", async () => {
    const coordinator = await createUser({ role: "COORDINATOR" });
    const organisation = await createOrganisation();
    await inviteUser({ email: "doppioclic@example.org", role: "MEMBER", organisationId: organisation.id, invitedBy: sessionUser(coordinator) });
    const token = tokenOf(linkIn(await deliverAndRead("doppioclic@example.org"), "/invito/"));
    const results = await Promise.allSettled([
      acceptInvitation({ token, name: "Primo", password: "Un clic solo per favore" }),
      acceptInvitation({ token, name: "Secondo", password: "Un clic solo per favore" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused?.reason).toBeInstanceOf(UserFacingError);
    expect(String(refused?.reason)).toMatch(/già stato usato|già un account/);
    expect(await db.user.count({ where: { email: "doppioclic@example.org" } })).toBe(1);
  });

  it("refuses a weak password when accepting, and creates no user", async () => {
    const coordinator = await createUser({ role: "COORDINATOR" });
    const organisation = await createOrganisation();
    await inviteUser({ email: "debole@example.org", role: "MEMBER", organisationId: organisation.id, invitedBy: sessionUser(coordinator) });
    const token = tokenOf(linkIn(await deliverAndRead("debole@example.org"), "/invito/"));
    await expect(acceptInvitation({ token, name: "D", password: "corta" })).rejects.toThrow("almeno 12 caratteri");
    await expect(acceptInvitation({ token, name: "D", password: "password1234" })).rejects.toThrow("tra le più usate");
    expect(await db.user.count({ where: { email: "debole@example.org" } })).toBe(0);
    await expect(findOpenInvitation(token)).resolves.toBeTruthy();
  });
});

describe("password reset", () => {
  it("sends a single-use link valid one hour; the new password works and old sessions end", async () => {
    const user = await createUser({ email: "smemorata@example.org", name: "Sara Galli" });
    const oldSession = await createSession(user.id);
    await requestPasswordReset({ email: "smemorata@example.org", ip: "10.9.0.1" });
    const mail = await deliverAndRead("smemorata@example.org");
    expect(mail.subject).toBe("Reimposta la password di Tavolo");
    expect(mail.text).toContain("Buongiorno Sara Galli");
    const token = tokenOf(linkIn(mail, "/reimposta-password/"));

    await expect(findOpenPasswordReset(token, new Date(Date.now() + 61 * 60_000))).rejects.toThrow("è scaduto");
    await resetPassword({ token, password: "La mia nuova frase segreta" });
    await expect(resetPassword({ token, password: "Ancora un'altra frase" })).rejects.toThrow("non è valido o è già stato usato");
    await expect(authenticate({ email: user.email, password: TEST_PASSWORD, ip: "10.9.0.2" })).rejects.toThrow();
    await expect(authenticate({ email: user.email, password: "La mia nuova frase segreta", ip: "10.9.0.2" })).resolves.toBeTruthy();
    expect((await validateSessionToken(oldSession.token)).user).toBeNull();
  });

  it("answers the same for an unknown address, and sends nothing", async () => {
    await expect(requestPasswordReset({ email: "sconosciuto@example.org", ip: "10.9.0.3" })).resolves.toBeUndefined();
    expect(await db.outboxMail.count()).toBe(0);
    expect(await db.passwordReset.count()).toBe(0);
  });

  it("a newer request makes the earlier link useless", async () => {
    await createUser({ email: "doppia@example.org" });
    await requestPasswordReset({ email: "doppia@example.org", ip: "10.9.0.4" });
    const first = tokenOf(linkIn(await deliverAndRead("doppia@example.org"), "/reimposta-password/"));
    await requestPasswordReset({ email: "doppia@example.org", ip: "10.9.0.4" });
    const second = tokenOf(linkIn(await deliverAndRead("doppia@example.org"), "/reimposta-password/"));
    await expect(findOpenPasswordReset(first)).rejects.toThrow();
    await expect(findOpenPasswordReset(second)).resolves.toBeTruthy();
  });

  it("is rate-limited per address and per IP", async () => {
    await createUser({ email: "insistente@example.org" });
    for (let i = 0; i < 5; i++) await requestPasswordReset({ email: "insistente@example.org", ip: `10.8.0.${i}` });
    await expect(requestPasswordReset({ email: "insistente@example.org", ip: "10.8.0.50" })).rejects.toThrow("Troppi tentativi");
  });
});
