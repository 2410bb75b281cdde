import { describe, expect, it } from "vitest";
import { createSession, invalidateSession, SESSION_DURATION_MS, validateSessionToken } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { db } from "~/db.server";
import { changePassword, setUserActive } from "~/domain/users.server";
import { createUser, TEST_PASSWORD } from "../factories";

const DAY = 24 * 60 * 60 * 1000;

describe("sessions (Lucia's pattern)", () => {
  it("stores only the SHA-256 of the token and finds the user behind it", async () => {
    const user = await createUser({ name: "Lucia Verdi" });
    const { token, session } = await createSession(user.id);
    expect(session.id).toBe(hashToken(token));
    expect(session.id).not.toContain(token);
    expect(await db.session.count({ where: { id: token } })).toBe(0);
    const found = await validateSessionToken(token);
    expect(found.user?.name).toBe("Lucia Verdi");
    expect(session.expiresAt.getTime() - Date.now()).toBeGreaterThan(SESSION_DURATION_MS - 60_000);
  });

  it("slides the expiry forward when less than half of the 30 days is left", async () => {
    const user = await createUser();
    const start = new Date("2026-01-01T10:00:00Z");
    const { token } = await createSession(user.id, start);
    const after10days = await validateSessionToken(token, new Date(start.getTime() + 10 * DAY));
    expect(after10days.user).not.toBeNull();
    expect(after10days.user && after10days.renewedUntil).toBeNull();
    const after20days = new Date(start.getTime() + 20 * DAY);
    const renewed = await validateSessionToken(token, after20days);
    expect(renewed.user && renewed.renewedUntil?.getTime()).toBe(after20days.getTime() + 30 * DAY);
    const stored = await db.session.findUniqueOrThrow({ where: { id: hashToken(token) } });
    expect(stored.expiresAt.getTime()).toBe(after20days.getTime() + 30 * DAY);
  });

  it("rejects and deletes an expired session", async () => {
    const user = await createUser();
    const start = new Date("2026-01-01T10:00:00Z");
    const { token } = await createSession(user.id, start);
    const result = await validateSessionToken(token, new Date(start.getTime() + 31 * DAY));
    expect(result.user).toBeNull();
    expect(await db.session.count()).toBe(0);
  });

  it("is revoked on sign-out", async () => {
    const user = await createUser();
    const { token, session } = await createSession(user.id);
    await invalidateSession(session.id);
    expect((await validateSessionToken(token)).user).toBeNull();
  });

  it("is revoked everywhere when the password changes", async () => {
    const user = await createUser();
    const first = await createSession(user.id);
    const second = await createSession(user.id);
    await changePassword({ userId: user.id, currentPassword: TEST_PASSWORD, newPassword: "Un'altra frase segreta 2026" });
    expect((await validateSessionToken(first.token)).user).toBeNull();
    expect((await validateSessionToken(second.token)).user).toBeNull();
  });

  it("is revoked when a coordinator deactivates the user, who then cannot come back", async () => {
    const coordinator = await createUser({ role: "COORDINATOR" });
    const user = await createUser();
    const { token } = await createSession(user.id);
    await setUserActive({ userId: user.id, active: false, by: coordinator });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect((await validateSessionToken(token)).user).toBeNull();
    // Even a session created behind the app's back is refused while the account is closed.
    const sneaky = await createSession(user.id);
    expect((await validateSessionToken(sneaky.token)).user).toBeNull();
  });

  it("does not let a coordinator deactivate themselves", async () => {
    const coordinator = await createUser({ role: "COORDINATOR" });
    await expect(setUserActive({ userId: coordinator.id, active: false, by: coordinator })).rejects.toThrow(
      "Non puoi disattivare il tuo stesso account.",
    );
  });
});
