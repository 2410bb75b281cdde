import { createContext } from "react-router";

/** What the HTTP layer knows about the request (server/app.ts fills it in). */
export interface RequestInfo {
  ip: string;
}
export const requestInfoContext = createContext<RequestInfo>({ ip: "unknown" });

export type Role = "COORDINATOR" | "REFERENT" | "MEMBER";

/** The signed-in user, as the session middleware found them (null when anonymous). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string;
  organisationName: string;
  sessionId: string;
}
export const sessionUserContext = createContext<SessionUser | null>(null);
