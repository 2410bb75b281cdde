import { describe, expect, it } from "vitest";
import { codiceFiscaleProblem, normaliseFiscalCode, partitaIvaProblem } from "./fiscal-codes.server";

describe("codice fiscale", () => {
  it.each([
    ["01971350150", "the Comune di Cinisello Balsamo's"],
    ["80213750583", "a public body's (ISTAT)"],
    ["97004000002", "a demo association's"],
    ["RSSMRA85T10A562S", "a person-style 16-character code"],
    ["rssmra85t10a562s", "lower case"],
    [" 0197 1350 150 ", "with spaces"],
  ])("accepts %s (%s)", (code) => {
    expect(codiceFiscaleProblem(code)).toBeNull();
  });

  it.each([
    ["01971350151", /cifra di controllo/],
    ["0197135015", /11 cifre/],
    ["019713501500", /11 cifre/],
    ["00000000000", /cifra di controllo/],
    ["RSSMRA85T10A562T", /carattere di controllo/],
    ["RSSMRA85T10A562", /16 caratteri/],
    ["RSSMRA8XT10A562S", /lettere e cifre/],
    ["", /Inserisci/],
  ])("refuses %s with a reason", (code, reason) => {
    expect(codiceFiscaleProblem(code)).toMatch(reason);
  });

  it("normalises spaces and case before storing", () => {
    expect(normaliseFiscalCode(" rssmra85t10a562s ")).toBe("RSSMRA85T10A562S");
  });
});

describe("partita IVA", () => {
  it("accepts a valid one, with or without the IT prefix", () => {
    expect(partitaIvaProblem("01971350150")).toBeNull();
    expect(partitaIvaProblem("IT01971350150")).toBeNull();
  });

  it("refuses a wrong check digit, a wrong length and letters", () => {
    expect(partitaIvaProblem("01971350159")).toMatch(/cifra di controllo/);
    expect(partitaIvaProblem("1971350150")).toMatch(/11 cifre/);
    expect(partitaIvaProblem("RSSMRA85T10A562S")).toMatch(/11 cifre/);
  });
});
