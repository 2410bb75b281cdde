import { describe, expect, it } from "vitest";
import { rateLimitWait } from "~/auth/rate-limit.server";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { authenticate } from "~/domain/users.server";
import { UserFacingError } from "~/utils/errors";
import { createUser, TEST_PASSWORD } from "../factories";

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the sign-in to fail");
    },
    (error: unknown) => {
      if (!(error instanceof UserFacingError)) throw error;
      return error;
    },
  );

describe("sign-in", () => {
  it("accepts the right password and refuses a wrong one with the same words as an unknown address", async () => {
    const user = await createUser({ email: "anna@example.org" });
    const signedIn = await authenticate({ email: "anna@example.org", password: TEST_PASSWORD, ip: "10.0.0.1" });
    expect(signedIn.id).toBe(user.id);
    const wrong = await failure(authenticate({ email: "anna@example.org", password: "sbagliata-sbagliata", ip: "10.0.0.1" }));
    const unknown = await failure(authenticate({ email: "nessuno@example.org", password: TEST_PASSWORD, ip: "10.0.0.1" }));
    expect(wrong.message).toBe("E-mail o password non corretti.");
    expect(unknown.message).toBe(wrong.message);
    expect(wrong.status).toBe(401);
  });

  it("refuses a deactivated account with the same words", async () => {
    await createUser({ email: "chiuso@example.org", active: false });
    const error = await failure(authenticate({ email: "chiuso@example.org", password: TEST_PASSWORD, ip: "10.0.0.2" }));
    expect(error.message).toBe("E-mail o password non corretti.");
  });

  it("locks an account after 5 failures in 15 minutes, even for the right password, with an Italian message", async () => {
    await createUser({ email: "bersaglio@example.org" });
    for (let i = 0; i < env.RATE_LIMIT_ACCOUNT_MAX; i++) {
      await failure(authenticate({ email: "bersaglio@example.org", password: `tentativo-${i}-sbagliato`, ip: `10.1.0.${i}` }));
    }
    const locked = await failure(authenticate({ email: "bersaglio@example.org", password: TEST_PASSWORD, ip: "10.1.0.99" }));
    expect(locked.status).toBe(429);
    expect(locked.message).toMatch(/^Troppi tentativi non riusciti\. Per sicurezza riprova tra 1[45] minuti\.$/);
    // The window passes: the account opens again.
    const later = new Date(Date.now() + 16 * 60_000);
    expect(await rateLimitWait("SIGNIN", "10.1.0.99", "bersaglio@example.org", later)).toBeNull();
  });

  it("limits one IP address trying many accounts", async () => {
    for (let i = 0; i < env.RATE_LIMIT_IP_MAX; i++) {
      await failure(authenticate({ email: `vittima${i}@example.org`, password: "qualcosa-di-sbagliato", ip: "203.0.113.7" }));
    }
    const user = await createUser({ email: "innocente@example.org" });
    const blocked = await failure(authenticate({ email: user.email, password: TEST_PASSWORD, ip: "203.0.113.7" }));
    expect(blocked.status).toBe(429);
    // Another address is not affected.
    await expect(authenticate({ email: user.email, password: TEST_PASSWORD, ip: "198.51.100.1" })).resolves.toMatchObject({ id: user.id });
  });

  it("forgets the account's failures after a successful sign-in", async () => {
    await createUser({ email: "distratta@example.org" });
    for (let i = 0; i < env.RATE_LIMIT_ACCOUNT_MAX - 1; i++) {
      await failure(authenticate({ email: "distratta@example.org", password: "ops-sbagliata", ip: "10.2.0.1" }));
    }
    await authenticate({ email: "distratta@example.org", password: TEST_PASSWORD, ip: "10.2.0.1" });
    expect(await db.authAttempt.count({ where: { key: "account:distratta@example.org" } })).toBe(0);
  });
});
