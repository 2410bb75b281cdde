// Money in Tavolo is a whole number of euro cents, never a floating-point number: amounts are read
// from the text the user typed and written back by string and integer arithmetic only. Shared by
// server and browser code (it has no server-only imports).

/**
 * Reads an amount in euro as an Italian writes it ("1.230.620,00", "1230620,5", "€ 350.000") or
 * with a decimal point ("1230620.50"), and returns whole cents; null when it is not an amount.
 * Negative amounts are refused: nothing Tavolo records is negative.
 */
export function parseEuro(input: string): number | null {
  let text = input.replace(/[\s\u00a0€]/g, "").replace(/^EUR/i, "");
  if (!text) return null;
  let integer: string;
  let decimals = "";
  if (text.includes(",")) {
    const parts = text.split(",");
    if (parts.length !== 2) return null;
    [integer, decimals] = parts as [string, string];
    if (integer.includes(".")) {
      if (!/^\d{1,3}(\.\d{3})+$/.test(integer)) return null;
      integer = integer.replace(/\./g, "");
    }
  } else if (/^\d{1,3}(\.\d{3})+$/.test(text)) {
    // "350.000" is three hundred and fifty thousand: dots group thousands in Italian.
    integer = text.replace(/\./g, "");
  } else if (/^\d+\.\d{1,2}$/.test(text)) {
    [integer, decimals] = text.split(".") as [string, string];
  } else {
    integer = text;
  }
  if (!/^\d+$/.test(integer) || !/^\d{0,2}$/.test(decimals)) return null;
  text = `${integer}${decimals.padEnd(2, "0")}`.replace(/^0+(?=\d)/, "");
  const cents = Number(text);
  return Number.isSafeInteger(cents) ? cents : null;
}

function groupThousands(digits: string) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

/** 123062000 → "1.230.620,00 €" (always grouped, also for four-digit amounts). */
export function formatEuro(cents: number | bigint): string {
  const value = BigInt(cents);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const euros = groupThousands((abs / 100n).toString());
  const rest = (abs % 100n).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${euros},${rest} €`;
}

/** The value to put back into an amount field: "1230620,00" (no grouping, easy to edit). */
export function euroInputValue(cents: number | bigint | null | undefined): string {
  if (cents === null || cents === undefined) return "";
  const value = BigInt(cents);
  return `${(value / 100n).toString()},${(value % 100n).toString().padStart(2, "0")}`;
}

/** Sums cents exactly (the inputs are integers; the result is checked to stay exact). */
export function sumCents(values: Iterable<number | bigint>): number {
  let total = 0n;
  for (const value of values) total += BigInt(value);
  const result = Number(total);
  if (!Number.isSafeInteger(result)) throw new RangeError("Somma fuori scala");
  return result;
}

/** A share of a whole as a percentage with one decimal, for progress bars ("42,5%"). */
export function percentOf(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.round((part / whole) * 1000) / 10;
}

/** Measurements (indicator values, counts) as Italians write them: "1.234,5". */
// One formatter each: toLocaleString with options builds a new Intl.NumberFormat on every call,
// which a project page with a few hundred figures felt (docs/performance.md).
const quantityFormat = new Intl.NumberFormat("it-IT", { maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat("it-IT", { maximumFractionDigits: 1 });
const wholePercentFormat = new Intl.NumberFormat("it-IT", { maximumFractionDigits: 0 });

export const formatQuantity = (value: number) => quantityFormat.format(value);

export const formatPercent = (value: number) => `${percentFormat.format(value)}%`;

/** A percentage in whole numbers ("45%"), for a chart's axis. */
export const formatWholePercent = (value: number) => `${wholePercentFormat.format(value)}%`;

/**
 * Codice Unico di Progetto: 15 characters, a letter, two digits, a letter and eleven digits
 * (for example J41H22000250006). The CUP has no public check digit, so the shape is what is checked.
 */
export function normaliseCup(input: string): string | null {
  const value = input.replace(/\s/g, "").toUpperCase();
  return /^[A-Z]\d{2}[A-Z]\d{11}$/.test(value) ? value : null;
}
