import codiceFiscaleModule from "codice-fiscale-js";

// The package's types declare a default export, its CommonJS build exports { CodiceFiscale }.
const CodiceFiscale =
  (codiceFiscaleModule as unknown as { CodiceFiscale?: typeof codiceFiscaleModule }).CodiceFiscale ?? codiceFiscaleModule;

// Italian tax codes of organisations. A body has either a numeric codice fiscale (11 digits, the
// same algorithm as the partita IVA) or, for some associations and sole traders, a person-style
// 16-character one, whose check character the codice-fiscale-js library verifies.

/**
 * Ten digits followed by their check digit: an 11-digit codice fiscale / partita IVA (Luhn variant
 * of the Agenzia delle Entrate). The demo and benchmark data make their codes with it too.
 */
export function withCheckDigit(firstTen: string) {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = Number(firstTen[i]);
    sum += i % 2 === 0 ? digit : digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
  }
  return `${firstTen}${(10 - (sum % 10)) % 10}`;
}

function elevenDigitsValid(value: string) {
  if (!/^\d{11}$/.test(value) || value === "00000000000") return false;
  return withCheckDigit(value.slice(0, 10)) === value;
}

/** Spaces removed, letters upper-case: the form codes are stored and compared in. */
export const normaliseFiscalCode = (value: string) => value.replace(/\s+/g, "").toUpperCase();

/** Why a codice fiscale is not valid, in Italian, or null when it is. */
export function codiceFiscaleProblem(raw: string): string | null {
  const value = normaliseFiscalCode(raw);
  if (value === "") return "Inserisci il codice fiscale.";
  if (/^\d+$/.test(value)) {
    if (value.length !== 11) return "Il codice fiscale numerico ha 11 cifre.";
    return elevenDigitsValid(value) ? null : "Codice fiscale non valido: l'ultima cifra di controllo non corrisponde.";
  }
  if (value.length !== 16) return "Il codice fiscale ha 11 cifre (enti) oppure 16 caratteri.";
  if (!/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/.test(value)) {
    return "Codice fiscale non valido: controlla lettere e cifre.";
  }
  return CodiceFiscale.check(value) ? null : "Codice fiscale non valido: il carattere di controllo non corrisponde.";
}

/** Why a partita IVA is not valid, or null when it is. */
export function partitaIvaProblem(raw: string): string | null {
  const value = normaliseFiscalCode(raw).replace(/^IT/, "");
  if (!/^\d{11}$/.test(value)) return "La partita IVA ha 11 cifre.";
  return elevenDigitsValid(value) ? null : "Partita IVA non valida: l'ultima cifra di controllo non corrisponde.";
}

export const normalisePartitaIva = (raw: string) => normaliseFiscalCode(raw).replace(/^IT/, "");
