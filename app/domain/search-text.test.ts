import { describe, expect, it } from "vitest";
import { highlight, parseQuery, snippet, termOf, termsText } from "~/domain/search-text";

describe("search text", () => {
  it("reduces Italian words to the Snowball stems PostgreSQL's 'italian' configuration uses", () => {
    expect(termOf("abitativo")).toBe(termOf("abitative"));
    expect(termOf("Famiglie")).toBe(termOf("famiglia"));
    expect(termOf("perché")).toBeNull();
    expect(termOf("della")).toBeNull();
    // Words with digits go through unstemmed, as PostgreSQL's parser sends them to 'simple'.
    expect(termOf("M5C2")).toBe("m5c2");
    expect(termsText("L'emergenza abitativa, il 2026")).toBe(`${termOf("emergenza")} ${termOf("abitativa")} 2026`);
  });

  it("reads a query as words: syntax characters are separators, stop words are dropped", () => {
    expect(parseQuery('"casa" AND -famiglie* NEAR:')).toEqual({ status: "ok", words: ["casa", "and", "famiglie", "near"], terms: ["cas", "and", "famigl", "near"] });
    expect(parseQuery("  ")).toEqual({ status: "empty" });
    expect(parseQuery("*:-")).toEqual({ status: "empty" });
    expect(parseQuery("di per la")).toEqual({ status: "onlyStopWords" });
    expect(parseQuery("a".repeat(201))).toEqual({ status: "tooLong" });
  });

  it("marks the words matching a query stem, and cuts a passage around the matches", () => {
    const terms = ["abit"];
    expect(highlight("Servizi abitativi", terms)).toEqual([
      { text: "Servizi ", mark: false },
      { text: "abitativi", mark: true },
    ]);
    const long = `${"parola ".repeat(60)}le soluzioni abitative per tutti ${"altro ".repeat(60)}`;
    const passage = snippet(long, terms);
    expect(passage[0]).toEqual({ text: "… ", mark: false });
    expect(passage.at(-1)).toEqual({ text: " …", mark: false });
    expect(passage.filter((s) => s.mark).map((s) => s.text)).toEqual(["abitative"]);
    expect(snippet("", terms)).toEqual([]);
    expect(snippet("Nessuna corrispondenza qui", terms)).toEqual([{ text: "Nessuna corrispondenza qui", mark: false }]);
  });
});
