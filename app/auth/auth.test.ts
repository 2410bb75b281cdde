import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./origin.server";
import { hashPassword, passwordProblem, verifyPassword } from "./password.server";
import { can, safeRedirectTarget } from "./permissions.server";
import { generateToken, hashToken } from "./tokens.server";

describe("passwords", () => {
  it("hashes with argon2id and verifies", async () => {
    const hash = await hashPassword("una frase abbastanza lunga");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "una frase abbastanza lunga")).toBe(true);
    expect(await verifyPassword(hash, "un'altra frase")).toBe(false);
    expect(await verifyPassword("non-un-hash", "qualsiasi")).toBe(false);
  });

  it("asks for at least 12 characters and refuses common passwords", () => {
    expect(passwordProblem("corta")).toBe("La password deve avere almeno 12 caratteri.");
    expect(passwordProblem("12345678901")).toMatch(/almeno 12/);
    expect(passwordProblem("Password1234")).toMatch(/tra le più usate/);
    expect(passwordProblem("aaaaaaaaaaaaaaa")).toMatch(/tra le più usate/);
    expect(passwordProblem("x".repeat(257))).toMatch(/al massimo 256/);
    expect(passwordProblem("mario.rossi-2026!", "mario.rossi@example.org")).toMatch(/indirizzo e-mail/);
    expect(passwordProblem("cavallo batteria graffetta")).toBeNull();
  });
});

describe("tokens", () => {
  it("are random, 160-bit, and stored only as SHA-256", () => {
    const a = generateToken();
    expect(a).toMatch(/^[a-z2-7]{32}$/);
    expect(generateToken()).not.toBe(a);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).toBe(hashToken(a));
  });
});

describe("permissions", () => {
  const coordinator = { role: "COORDINATOR" as const, organisationId: "comune" };
  const referent = { role: "REFERENT" as const, organisationId: "caritas" };
  const member = { role: "MEMBER" as const, organisationId: "caritas" };

  it("lets a rendicontazione be written only by its own organisation while it is owed, and reviewed by coordinators", () => {
    const report = (organisationId: string, status: string) => ({ kind: "rendicontazione" as const, organisationId, status, leadOrganisationId: "comune" });
    expect(can(referent, "edit", report("caritas", "DRAFT"))).toBe(true);
    expect(can(referent, "edit", report("caritas", "RETURNED"))).toBe(true);
    expect(can(referent, "edit", report("caritas", "SUBMITTED"))).toBe(false);
    expect(can(referent, "edit", report("cordata", "DRAFT"))).toBe(false);
    expect(can(referent, "view", report("cordata", "DRAFT"))).toBe(false);
    expect(can(member, "edit", report("caritas", "DRAFT"))).toBe(false);
    expect(can(member, "view", report("caritas", "DRAFT"))).toBe(true);
    // Coordinators review everyone's, but write only their own organisation's.
    expect(can(coordinator, "edit", report("caritas", "SUBMITTED"))).toBe(false);
    expect(can(coordinator, "edit", report("caritas", "DRAFT"))).toBe(false);
    expect(can(coordinator, "edit", report("comune", "DRAFT"))).toBe(true);
    expect(can(coordinator, "manage", report("caritas", "SUBMITTED"))).toBe(true);
    expect(can(referent, "manage", report("caritas", "SUBMITTED"))).toBe(false);
    // The lead organisation's referents read what partners have sent, never their drafts.
    const lead = { role: "REFERENT" as const, organisationId: "comune" };
    expect(can(lead, "view", report("caritas", "SUBMITTED"))).toBe(true);
    expect(can(lead, "view", report("caritas", "RETURNED"))).toBe(false);
  });

  it("gives a period's page to the coordinators and the lead's referents, its note to the lead only", () => {
    const period = { kind: "reportingPeriod" as const, leadOrganisationId: "caritas" };
    expect(can(referent, "view", period)).toBe(true);
    expect(can(referent, "edit", period)).toBe(true);
    expect(can(member, "view", period)).toBe(false);
    expect(can({ role: "REFERENT", organisationId: "cordata" }, "view", period)).toBe(false);
    expect(can(coordinator, "view", period)).toBe(true);
    expect(can(coordinator, "edit", period)).toBe(false);
    expect(can(coordinator, "edit", { kind: "reportingPeriod", leadOrganisationId: "comune" })).toBe(true);
  });

  it("lets coordinators manage users and others not", () => {
    expect(can(coordinator, "manage", { kind: "users" })).toBe(true);
    expect(can(referent, "manage", { kind: "users" })).toBe(false);
    expect(can(member, "manage", { kind: "invitations" })).toBe(false);
    expect(can(member, "view", { kind: "outbox" })).toBe(false);
  });

  it("lets a referent edit only their own organisation, and a member only read", () => {
    expect(can(referent, "edit", { kind: "organisation", organisationId: "caritas" })).toBe(true);
    expect(can(referent, "edit", { kind: "organisation", organisationId: "altra" })).toBe(false);
    expect(can(member, "edit", { kind: "organisation", organisationId: "caritas" })).toBe(false);
    expect(can(member, "view", { kind: "tavolo" })).toBe(true);
  });

  it("follows only same-site paths after sign-in", () => {
    expect(safeRedirectTarget("/utenti?x=1")).toBe("/utenti?x=1");
    expect(safeRedirectTarget("https://evil.example/")).toBe("/");
    expect(safeRedirectTarget("//evil.example/")).toBe("/");
    expect(safeRedirectTarget("/\\evil.example")).toBe("/");
    expect(safeRedirectTarget(null)).toBe("/");
  });
});

describe("origin check", () => {
  const check = (headers: Record<string, string>, requestOrigin = "http://10.0.0.5:3000") =>
    isSameOrigin(requestOrigin, (name) => new Headers(headers).get(name));
  it("accepts same-origin requests and refuses cross-site ones", () => {
    expect(check({ Origin: "http://10.0.0.5:3000" })).toBe(true);
    expect(check({ Origin: "http://localhost:3000" }), "APP_URL's origin, e.g. behind a proxy").toBe(true);
    expect(check({ Origin: "http://evil.example" })).toBe(false);
    expect(check({ Origin: "null" })).toBe(false);
    expect(check({ "Sec-Fetch-Site": "cross-site" })).toBe(false);
    expect(check({ Referer: "http://evil.example/form" })).toBe(false);
    expect(check({ Referer: "http://localhost:3000/accedi" })).toBe(true);
    expect(check({}), "a non-browser client carries no cookie to abuse").toBe(true);
  });
});

describe("permissions: announcements (part A)", () => {
  const coordinator = { role: "COORDINATOR" as const, organisationId: "comune" };
  const referent = { role: "REFERENT" as const, organisationId: "caritas" };
  const member = { role: "MEMBER" as const, organisationId: "caritas" };

  it("lets everyone read their feed and only coordinators write announcements", () => {
    for (const user of [coordinator, referent, member]) expect(can(user, "view", { kind: "announcements" })).toBe(true);
    expect(can(coordinator, "manage", { kind: "announcements" })).toBe(true);
    expect(can(referent, "manage", { kind: "announcements" })).toBe(false);
    expect(can(member, "manage", { kind: "announcements" })).toBe(false);
  });

  it("opens an announcement to its recipients only, and to the coordinators always", () => {
    expect(can(member, "view", { kind: "announcement", isRecipient: true })).toBe(true);
    expect(can(member, "view", { kind: "announcement", isRecipient: false })).toBe(false);
    expect(can(referent, "edit", { kind: "announcement", isRecipient: true })).toBe(false);
    expect(can(coordinator, "view", { kind: "announcement", isRecipient: false })).toBe(true);
  });
});

describe("permissions: document archive (part B)", () => {
  const coordinator = { role: "COORDINATOR" as const, organisationId: "comune" };
  const referent = { role: "REFERENT" as const, organisationId: "caritas" };
  const member = { role: "MEMBER" as const, organisationId: "caritas" };
  const doc = (visibility: string, isGroupMember = false) => ({ kind: "document" as const, visibility, isGroupMember });

  it("opens the archive to everyone and lets only coordinators file documents", () => {
    for (const user of [coordinator, referent, member]) expect(can(user, "view", { kind: "documents" })).toBe(true);
    expect(can(coordinator, "manage", { kind: "documents" })).toBe(true);
    expect(can(referent, "manage", { kind: "documents" })).toBe(false);
  });

  it("follows each document's visibility; a group's members read and add versions to its documents", () => {
    for (const visibility of ["TAVOLO", "PUBLIC"]) {
      expect(can(member, "view", doc(visibility))).toBe(true);
      expect(can(member, "edit", doc(visibility))).toBe(false);
    }
    expect(can(referent, "view", doc("COORDINATORS"))).toBe(false);
    expect(can(coordinator, "view", doc("COORDINATORS"))).toBe(true);
    expect(can(member, "view", doc("GROUP", false))).toBe(false);
    expect(can(member, "view", doc("GROUP", true))).toBe(true);
    expect(can(member, "edit", doc("GROUP", true))).toBe(true);
    expect(can(member, "manage", doc("GROUP", true))).toBe(false);
    expect(can(coordinator, "edit", doc("GROUP", false))).toBe(true);
  });
});

describe("permissions: aid services (part C)", () => {
  const coordinator = { role: "COORDINATOR" as const, organisationId: "comune" };
  const referent = { role: "REFERENT" as const, organisationId: "caritas" };
  const member = { role: "MEMBER" as const, organisationId: "caritas" };

  it("lets everyone read the catalogue; referents and coordinators add services", () => {
    for (const user of [coordinator, referent, member]) expect(can(user, "view", { kind: "aidServices" })).toBe(true);
    expect(can(referent, "edit", { kind: "aidServices" })).toBe(true);
    expect(can(coordinator, "edit", { kind: "aidServices" })).toBe(true);
    expect(can(member, "edit", { kind: "aidServices" })).toBe(false);
  });

  it("lets an organisation's referents edit its services and figures, not another's; members only read", () => {
    const caritasService = { kind: "aidService" as const, organisationId: "caritas" };
    expect(can(referent, "edit", caritasService)).toBe(true);
    expect(can({ role: "REFERENT", organisationId: "banco" }, "edit", caritasService)).toBe(false);
    expect(can(member, "edit", caritasService)).toBe(false);
    expect(can(member, "view", caritasService)).toBe(true);
    expect(can(coordinator, "edit", caritasService)).toBe(true);
  });
});
