import { createCookie, type MiddlewareFunction } from "react-router";
import { db } from "~/db.server";
import { sessionUserContext, type Role, type SessionUser } from "~/context";
import { generateToken, hashToken } from "./tokens.server";

// Sessions in Lucia's pattern: random token in the cookie, its SHA-256 in the table, 30-day expiry
// that slides forward when less than half of it is left. See docs/decisions/004-sessions.md.
const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_DURATION_MS = 30 * DAY_MS;
const RENEW_WHEN_LEFT_MS = 15 * DAY_MS;
const COOKIE_NAME = "tavolo_session";

function sessionCookie(request: Request) {
  return createCookie(COOKIE_NAME, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: new URL(request.url).protocol === "https:",
  });
}

export async function createSession(userId: string, now = new Date()) {
  const token = generateToken();
  const session = await db.session.create({
    data: { id: hashToken(token), userId, expiresAt: new Date(now.getTime() + SESSION_DURATION_MS) },
  });
  return { token, session };
}

export async function sessionSetCookie(request: Request, token: string, expiresAt: Date) {
  return sessionCookie(request).serialize(token, { expires: expiresAt });
}

export async function sessionClearCookie(request: Request) {
  return sessionCookie(request).serialize("", { maxAge: 0, expires: new Date(0) });
}

/** Sign-in: a new session and the header that hands its token to the browser. */
export async function startSession(request: Request, userId: string) {
  const { token, session } = await createSession(userId);
  return { "Set-Cookie": await sessionSetCookie(request, token, session.expiresAt) };
}

export type SessionValidation =
  | { user: SessionUser; renewedUntil: Date | null; token: string }
  | { user: null };

export async function validateSessionToken(token: string, now = new Date()): Promise<SessionValidation> {
  const id = hashToken(token);
  const session = await db.session.findUnique({
    where: { id },
    include: { user: { include: { organisation: { select: { name: true } } } } },
  });
  if (!session) return { user: null };
  if (session.expiresAt.getTime() <= now.getTime() || !session.user.active) {
    await db.session.deleteMany({ where: { id } });
    return { user: null };
  }
  let renewedUntil: Date | null = null;
  if (session.expiresAt.getTime() - now.getTime() < RENEW_WHEN_LEFT_MS) {
    renewedUntil = new Date(now.getTime() + SESSION_DURATION_MS);
    await db.session.update({ where: { id }, data: { expiresAt: renewedUntil } });
  }
  const { user } = session;
  return {
    token,
    renewedUntil,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role as Role,
      organisationId: user.organisationId,
      organisationName: user.organisation.name,
      sessionId: id,
    },
  };
}

export async function invalidateSession(sessionId: string) {
  await db.session.deleteMany({ where: { id: sessionId } });
}

/** Revocation: every session of the user (password change, deactivation). */
export async function invalidateUserSessions(userId: string) {
  await db.session.deleteMany({ where: { userId } });
}

/**
 * Runs on every request (root middleware): finds the user behind the cookie, slides the expiry,
 * and clears a cookie whose session is gone (expired, revoked, user deactivated).
 */
export const sessionMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const cookie = sessionCookie(request);
  const token: unknown = await cookie.parse(request.headers.get("Cookie"));
  if (typeof token !== "string" || token === "") {
    context.set(sessionUserContext, null);
    return next();
  }
  const validation = await validateSessionToken(token);
  context.set(sessionUserContext, validation.user);
  const response = await next();
  // A route that set the cookie itself (sign-in, sign-out, password change) has the last word.
  const routeSetCookie = response.headers.getSetCookie().some((c) => c.startsWith(`${COOKIE_NAME}=`));
  if (routeSetCookie) return response;
  if (!validation.user) {
    response.headers.append("Set-Cookie", await sessionClearCookie(request));
  } else if (validation.renewedUntil) {
    response.headers.append("Set-Cookie", await sessionSetCookie(request, token, validation.renewedUntil));
  }
  return response;
};
