import { describe, expect, it } from "vitest";
import { richTextBlocks, richTextToPlain, sanitizeRichText } from "./rich-text.server";

/** What would run in a browser: script tags, event handlers, script URLs, embedded documents. */
function expectNothingExecutable(html: string) {
  expect(html).not.toMatch(/<\s*(script|iframe|svg|math|object|embed|style|img|form|input|base|meta|link)\b/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/javascript:|vbscript:|data:/i);
  expect(html).not.toMatch(/style\s*=/i);
}

describe("sanitizeRichText: XSS payloads", () => {
  it.each([
    ["<img onerror>", `<p>Prima<img src="x" onerror="alert(1)">dopo</p>`, "<p>Primadopo</p>"],
    ["<svg onload>", `<svg onload="alert(1)"><circle r="5"></circle></svg><p>Testo</p>`, "<p>Testo</p>"],
    ["<script>", `<p>Ciao</p><script>alert(document.cookie)</script>`, "<p>Ciao</p>"],
    ["<iframe>", `<iframe src="https://esempio.it"></iframe><p>Resto</p>`, "<p>Resto</p>"],
    ["a style expression", `<p style="width: expression(alert(1)); background:url(javascript:alert(1))">Stile</p>`, "<p>Stile</p>"],
    ["<style>", `<style>body{background:url("javascript:alert(1)")}</style><p>Dopo</p>`, "<p>Dopo</p>"],
    ["an event handler on an allowed tag", `<p onclick="alert(1)" onmouseover="alert(2)">Clic</p>`, "<p>Clic</p>"],
    ["<object> and <embed>", `<object data="x.swf"></object><embed src="x.swf"><p>Fine</p>`, "<p>Fine</p>"],
    ["<form> with a button", `<form action="https://attacco.example"><button formaction="javascript:alert(1)">Invia</button></form>`, "Invia"],
    ["<math> with a script link", `<math><mtext><a xlink:href="javascript:alert(1)">x</a></mtext></math><p>ok</p>`, "<p>ok</p>"],
  ])("%s", (_, payload, expected) => {
    const clean = sanitizeRichText(payload);
    expectNothingExecutable(clean);
    expect(clean).toBe(expected);
  });

  it.each([
    `<a href="javascript:alert(1)">link</a>`,
    `<a href=" javascript:alert(1)">link</a>`,
    `<a href="JaVaScRiPt:alert(1)">link</a>`,
    `<a href="java\tscript:alert(1)">link</a>`,
    `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">link</a>`,
    `<a href="&#x6A;avascript&#x3A;alert(1)">link</a>`,
    `<a href="javascript&colon;alert(1)">link</a>`,
    `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">link</a>`,
    `<a href="vbscript:msgbox(1)">link</a>`,
    `<a href="//attacco.example/x">link</a>`,
  ])("drops the address of %s and keeps its text", (payload) => {
    const clean = sanitizeRichText(payload);
    expectNothingExecutable(clean);
    expect(clean).not.toContain("href");
    expect(clean).not.toContain("attacco");
    expect(clean).toContain("link");
  });

  it("keeps the text of stripped tags as text, never as markup", () => {
    const clean = sanitizeRichText(`<p>&lt;script&gt;alert(1)&lt;/script&gt; e <span class="x">un blocco</span></p>`);
    expect(clean).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt; e un blocco</p>");
  });
});

describe("sanitizeRichText: what the editor writes survives", () => {
  it("keeps headings, emphasis, lists, quotes, code and tables with their spans", () => {
    const html =
      "<h2>Punto 1</h2><h3>Sotto</h3><h4>Dettaglio</h4><p><strong>Deciso</strong>, <em>con</em> <s>riserva</s><br>a capo</p>" +
      "<ul><li><p>uno</p></li></ul><ol><li><p>primo</p></li></ol><blockquote><p>citato</p></blockquote><hr>" +
      "<pre><code>codice</code></pre>" +
      `<table><thead><tr><th colspan="2">Intestazione</th></tr></thead><tbody><tr><td rowspan="2">a</td><td>b</td></tr></tbody></table>`;
    expect(sanitizeRichText(html)).toBe(html.replace("<hr>", "<hr />").replace("<br>", "<br />"));
  });

  it("keeps http, https and mailto links and adds rel=noopener noreferrer", () => {
    expect(sanitizeRichText(`<a href="https://comune.example.it/atti" target="_blank" rel="opener">atti</a>`)).toBe(
      `<a href="https://comune.example.it/atti" rel="noopener noreferrer">atti</a>`,
    );
    expect(sanitizeRichText(`<a href="mailto:tavolo@comune.example.it">scrivi</a>`)).toBe(
      `<a href="mailto:tavolo@comune.example.it" rel="noopener noreferrer">scrivi</a>`,
    );
  });

  it("maps what a paste brings onto the allow-list and drops the rest", () => {
    expect(sanitizeRichText(`<h1 class="x">Titolo</h1><b>forte</b> <i>corsivo</i> <del>via</del><h6>piccolo</h6>`)).toBe(
      "<h2>Titolo</h2><strong>forte</strong> <em>corsivo</em> <s>via</s><h4>piccolo</h4>",
    );
    expect(sanitizeRichText(`<table style="min-width: 50px"><colgroup><col style="min-width:25px"></colgroup><tbody><tr><td colspan="1" rowspan="x">c</td></tr></tbody></table>`)).toBe(
      "<table><tbody><tr><td>c</td></tr></tbody></table>",
    );
  });
});

describe("richTextBlocks: sanitised HTML read as text", () => {
  it("keeps headings, numbered and bulleted lists, tables and entities readable", () => {
    const html =
      "<h2>Emporio solidale</h2><p>Si discute dell&#39;apertura &amp; dei turni.</p>" +
      "<ol><li><p>Caritas</p><ul><li><p>volontari</p></li></ul></li><li><p>ACLI</p></li></ol>" +
      "<table><tbody><tr><th>Chi</th><th>Cosa</th></tr><tr><td><p>Comune</p></td><td><p>Locali</p></td></tr></tbody></table>";
    expect(richTextBlocks(html)).toEqual([
      { kind: "heading", level: 2, text: "Emporio solidale" },
      { kind: "paragraph", text: "Si discute dell'apertura & dei turni." },
      { kind: "item", marker: "1.", depth: 0, text: "Caritas" },
      { kind: "item", marker: "•", depth: 1, text: "volontari" },
      { kind: "item", marker: "2.", depth: 0, text: "ACLI" },
      { kind: "row", cells: ["Chi", "Cosa"], header: true },
      { kind: "row", cells: ["Comune", "Locali"], header: false },
    ]);
    expect(richTextToPlain(html)).toBe(
      "Emporio solidale\nSi discute dell'apertura & dei turni.\n1. Caritas\n  • volontari\n2. ACLI\nChi | Cosa\nComune | Locali",
    );
  });

  it("never brings back markup that the sanitiser removed", () => {
    expect(richTextToPlain(`<p>ok<script>alert(1)</script></p><img src=x onerror=alert(1)>`)).toBe("ok");
  });
});
