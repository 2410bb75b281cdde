import { hash, verify } from "@node-rs/argon2";
import { COMMON_PASSWORDS } from "./common-passwords";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-policy";

// Argon2id (the library's default algorithm) with OWASP's recommended minimum parameters.
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when there is no such account keeps the answer's timing the same.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstNothing(password: string): Promise<void> {
  dummyHash ??= hashPassword("tavolo-nessun-account-con-questa-email");
  await verifyPassword(await dummyHash, password);
}

/** Why a new password is refused, in Italian, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `La password deve avere almeno ${PASSWORD_MIN_LENGTH} caratteri.`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `La password può avere al massimo ${PASSWORD_MAX_LENGTH} caratteri.`;
  }
  const normalised = password.toLowerCase();
  if (COMMON_PASSWORDS.has(normalised) || /^(.)\1+$/.test(password)) {
    return "Questa password è tra le più usate e facili da indovinare: scegline un'altra.";
  }
  const localPart = email?.split("@")[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && normalised.includes(localPart)) {
    return "La password non deve contenere il tuo indirizzo e-mail.";
  }
  return null;
}
