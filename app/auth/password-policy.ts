// The password rules pages show and the server enforces (see password.server.ts).
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const NEW_PASSWORD_HINT = `Almeno ${PASSWORD_MIN_LENGTH} caratteri. Una frase di più parole è facile da ricordare e difficile da indovinare.`;
