import sanitizeHtml from "sanitize-html";

// Text people write in the editor (verbali, later project narratives) is HTML. It is cleaned here,
// on the server, before it is stored: only the allow-list below survives, so nothing a user typed
// can run as script wherever the stored HTML is shown. See docs/decisions/018-verbali.md.

const ALLOWED_TAGS = [
  "p",
  "h2",
  "h3",
  "h4",
  "strong",
  "em",
  "s",
  "ul",
  "ol",
  "li",
  "a",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "blockquote",
  "br",
  "hr",
  "code",
  "pre",
];

const CELL_SPAN = /^[1-9]\d?$/;

/** colspan and rowspan stay only as small positive numbers. */
function tableCell(tagName: string, attribs: sanitizeHtml.Attributes) {
  const kept: sanitizeHtml.Attributes = {};
  for (const name of ["colspan", "rowspan"]) {
    const value = attribs[name]?.trim();
    if (value && CELL_SPAN.test(value) && value !== "1") kept[name] = value;
  }
  return { tagName, attribs: kept };
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ["href", "rel"], th: ["colspan", "rowspan"], td: ["colspan", "rowspan"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  // The content of these goes with them, not only the tags.
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "svg", "math", "object", "embed", "template", "title"],
  // What other editors or a paste produce, mapped onto the allow-list instead of lost.
  transformTags: {
    b: "strong",
    i: "em",
    strike: "s",
    del: "s",
    h1: "h2",
    h5: "h4",
    h6: "h4",
    a: (tagName, attribs): sanitizeHtml.Tag => ({
      tagName,
      attribs: attribs.href ? { href: attribs.href, rel: "noopener noreferrer" } : {},
    }),
    th: tableCell,
    td: tableCell,
  },
};

/** The HTML as it may be stored and shown: the allow-list of docs/decisions/018-verbali.md. */
export function sanitizeRichText(html: string): string {
  // rel is added before the address is checked: a link whose address was refused keeps neither.
  return sanitizeHtml(html, OPTIONS).replace(/<a rel="noopener noreferrer">/g, "<a>").trim();
}

/** HTML for a text typed as plain text (names, places): every character shown as itself. */
export const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

// --- Reading sanitised HTML as text (PDF, search, comparison) ---------------------------------

export type TextBlock =
  | { kind: "heading"; level: number; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "item"; marker: string; depth: number; text: string }
  | { kind: "quote"; text: string }
  | { kind: "code"; text: string }
  | { kind: "row"; cells: string[]; header: boolean }
  | { kind: "rule" };

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(text: string) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const squeeze = (text: string) => text.replace(/[ \t\r\n]+/g, " ").trim();

/**
 * Sanitised HTML as blocks of plain text: headings, paragraphs, list items with their bullet or
 * number, table rows. It reads only what sanitizeRichText produces (well-formed tags, attributes
 * escaped), so it sanitises first and a tokenizer is enough.
 */
export function richTextBlocks(html: string): TextBlock[] {
  const clean = sanitizeRichText(html);
  const blocks: TextBlock[] = [];
  const lists: { ordered: boolean; count: number }[] = [];
  let text = "";
  let row: { cells: string[]; header: boolean } | null = null;
  let inPre = false;
  let inQuote = 0;
  let current: { kind: "heading"; level: number } | { kind: "item"; marker: string; depth: number } | null = null;

  const flush = () => {
    const value = inPre ? text.replace(/^\n+|\n+$/g, "") : squeeze(text);
    text = "";
    if (!value) return;
    if (row) {
      row.cells.push(value);
      return;
    }
    if (inPre) blocks.push({ kind: "code", text: value });
    else if (current?.kind === "heading") blocks.push({ kind: "heading", level: current.level, text: value });
    else if (current?.kind === "item") {
      blocks.push({ kind: "item", marker: current.marker, depth: current.depth, text: value });
      // A second paragraph of the same item continues it without a new bullet.
      current = { ...current, marker: "" };
      return;
    } else if (inQuote > 0) blocks.push({ kind: "quote", text: value });
    else blocks.push({ kind: "paragraph", text: value });
    current = null;
  };

  for (const token of clean.split(/(<[^>]+>)/)) {
    const tag = /^<(\/?)([a-z0-9]+)/i.exec(token);
    if (!tag) {
      text += decodeEntities(token);
      continue;
    }
    const closing = tag[1] === "/";
    const name = (tag[2] ?? "").toLowerCase();
    switch (name) {
      case "h2":
      case "h3":
      case "h4":
        flush();
        current = closing ? null : { kind: "heading", level: Number(name.slice(1)) };
        break;
      case "p":
        if (!row) flush();
        else if (closing) text += " ";
        break;
      case "br":
        if (inPre) text += "\n";
        else flush();
        break;
      case "ul":
      case "ol":
        flush();
        if (closing) lists.pop();
        else lists.push({ ordered: name === "ol", count: 0 });
        break;
      case "li": {
        flush();
        const list = lists.at(-1);
        if (!closing && list) {
          list.count += 1;
          current = { kind: "item", marker: list.ordered ? `${list.count}.` : "•", depth: lists.length - 1 };
        } else current = null;
        break;
      }
      case "blockquote":
        flush();
        inQuote += closing ? -1 : 1;
        break;
      case "pre":
        flush();
        inPre = !closing;
        break;
      case "hr":
        flush();
        blocks.push({ kind: "rule" });
        break;
      case "tr":
        if (closing) {
          flush();
          if (row && row.cells.length > 0) blocks.push({ kind: "row", ...row });
          row = null;
        } else {
          flush();
          row = { cells: [], header: false };
        }
        break;
      case "th":
      case "td":
        if (closing) {
          const value = squeeze(text);
          text = "";
          if (row) row.cells.push(value);
        } else if (row && name === "th") row.header = true;
        break;
      default:
        break;
    }
  }
  flush();
  return blocks;
}

/** One block as a line of text. */
export function blockText(block: TextBlock): string {
  switch (block.kind) {
    case "heading":
    case "paragraph":
    case "code":
      return block.text;
    case "quote":
      return `«${block.text}»`;
    case "item":
      return `${"  ".repeat(block.depth)}${block.marker ? `${block.marker} ` : "  "}${block.text}`;
    case "row":
      return block.cells.join(" | ");
    case "rule":
      return "—";
  }
}

/** Sanitised HTML as readable plain text, one block per line. */
export const richTextToPlain = (html: string) => richTextBlocks(html).map(blockText).join("\n");
