import { db } from "~/db.server";
import { env } from "~/env.server";

// Failed attempts are rows in the database, so limits hold across restarts and across server
// processes. Per account (5 by default) and per IP (20 by default: a municipal office shares one).
export type LimitedAction = "SIGNIN" | "RESET";

const keysFor = (ip: string, account: string) => ({
  ip: `ip:${ip}`,
  account: `account:${account.trim().toLowerCase()}`,
});

function windowStart(now: Date) {
  return new Date(now.getTime() - env.RATE_LIMIT_WINDOW_MINUTES * 60_000);
}

/** Minutes to wait before trying again, or null when the attempt may go ahead. */
export async function rateLimitWait(action: LimitedAction, ip: string, account: string, now = new Date()) {
  const keys = keysFor(ip, account);
  const since = windowStart(now);
  const [byIp, byAccount] = await Promise.all([
    db.authAttempt.findMany({
      where: { action, key: keys.ip, createdAt: { gt: since } },
      orderBy: { createdAt: "desc" },
      take: env.RATE_LIMIT_IP_MAX,
      select: { createdAt: true },
    }),
    db.authAttempt.findMany({
      where: { action, key: keys.account, createdAt: { gt: since } },
      orderBy: { createdAt: "desc" },
      take: env.RATE_LIMIT_ACCOUNT_MAX,
      select: { createdAt: true },
    }),
  ]);
  // The wait ends when the oldest attempt that counts leaves the window.
  const blockedUntil = [
    byIp.length >= env.RATE_LIMIT_IP_MAX ? byIp.at(-1)?.createdAt : undefined,
    byAccount.length >= env.RATE_LIMIT_ACCOUNT_MAX ? byAccount.at(-1)?.createdAt : undefined,
  ]
    .filter((date): date is Date => date !== undefined)
    .map((oldest) => oldest.getTime() + env.RATE_LIMIT_WINDOW_MINUTES * 60_000);
  if (blockedUntil.length === 0) return null;
  return Math.max(1, Math.ceil((Math.max(...blockedUntil) - now.getTime()) / 60_000));
}

export async function recordAttempt(action: LimitedAction, ip: string, account: string) {
  const keys = keysFor(ip, account);
  await db.authAttempt.createMany({
    data: [
      { action, key: keys.ip },
      { action, key: keys.account },
    ],
  });
}

/** After a successful sign-in the account's own count starts again; the IP's does not. */
export async function clearAccountAttempts(action: LimitedAction, account: string) {
  await db.authAttempt.deleteMany({ where: { action, key: keysFor("", account).account } });
}

export function tooManyAttemptsMessage(minutes: number) {
  return `Troppi tentativi non riusciti. Per sicurezza riprova tra ${minutes} ${minutes === 1 ? "minuto" : "minuti"}.`;
}

/** Old rows are no use to anybody: the mail worker's housekeeping removes them. */
export async function pruneAttempts(now = new Date()) {
  await db.authAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 24 * 60 * 60_000) } } });
}
