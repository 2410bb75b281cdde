import { getCoordinatingBodyName } from "~/domain/organisations.server";
import { env } from "~/env.server";
import { formatDateTime } from "~/utils/dates";

// The one look of every PDF Tavolo generates (attendance sheets, verbali): the municipality's
// header on each page, the title on the first, "Pagina N di M" and the generation date below.

const MARGIN = { top: 96, bottom: 64, left: 56, right: 56 };
const GREY = "#5c6f82";
const RULE = "#b1b1b3";

/**
 * The standard PDF fonts (Helvetica) only know the WinAnsi characters; pdfkit writes any other
 * code unchecked, which corrupts the text. Italian accents are all in WinAnsi; for the rest, the
 * letter without its accent (ł, ő, č → l, o, c) or a "?" keeps the text readable.
 */
const WIN_ANSI_EXTRAS = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const SUBSTITUTES: Record<string, string> = { ł: "l", Ł: "L", đ: "d", Đ: "D", ı: "i", "−": "-", "‐": "-", "‑": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "′": "'", "″": '"' };

export function toWinAnsi(text: string): string {
  let out = "";
  for (const char of text.normalize("NFC")) {
    const code = char.codePointAt(0) ?? 0;
    if (char === "\n" || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(char)) {
      out += char;
    } else if (SUBSTITUTES[char]) {
      out += SUBSTITUTES[char];
    } else if (char === "\t") {
      out += " ";
    } else {
      const base = char.normalize("NFD").replace(/\p{M}/gu, "");
      out += base.length > 0 && [...base].every((c) => c.charCodeAt(0) <= 0x7e && c.charCodeAt(0) >= 0x20) ? base : "?";
    }
  }
  return out;
}

/**
 * Every string reaching the page goes through toWinAnsi, whoever draws it: wrapping the three text
 * entry points of this one document is simpler and safer than asking each builder to remember.
 */
function guardText(doc: PDFKit.PDFDocument) {
  const text = doc.text.bind(doc) as (...args: unknown[]) => PDFKit.PDFDocument;
  const widthOfString = doc.widthOfString.bind(doc);
  const heightOfString = doc.heightOfString.bind(doc);
  doc.text = ((value: unknown, ...rest: unknown[]) => text(toWinAnsi(String(value)), ...rest)) as typeof doc.text;
  doc.widthOfString = (value, options) => widthOfString(toWinAnsi(value), options);
  doc.heightOfString = (value, options) => heightOfString(toWinAnsi(value), options);
}

function drawHeader(doc: PDFKit.PDFDocument, body: string | null) {
  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  doc.font("Helvetica-Bold").fontSize(11).fillColor("black").text(body ?? env.TAVOLO_NAME, left, 36, { width, lineBreak: false });
  if (body) doc.font("Helvetica").fontSize(9).fillColor(GREY).text(env.TAVOLO_NAME, left, 52, { width, lineBreak: false });
  doc.moveTo(left, 70).lineTo(left + width, 70).lineWidth(0.75).strokeColor(RULE).stroke();
}

function drawFooter(doc: PDFKit.PDFDocument, page: number, pages: number, generatedAt: string) {
  const left = MARGIN.left;
  const right = doc.page.width - MARGIN.right;
  const y = doc.page.height - MARGIN.bottom + 20;
  doc.moveTo(left, y - 8).lineTo(right, y - 8).lineWidth(0.5).strokeColor(RULE).stroke();
  doc.font("Helvetica").fontSize(8).fillColor(GREY);
  doc.text(`Generato il ${generatedAt}`, left, y, { lineBreak: false });
  const label = `Pagina ${page} di ${pages}`;
  doc.text(label, right - doc.widthOfString(label), y, { lineBreak: false });
}

/**
 * Builds a PDF with Tavolo's layout. `build` draws the body from the current position (below the
 * title) with the document's normal flow; pages are added as the text needs them.
 */
export async function renderPdf(
  meta: { title: string; subtitle?: string },
  build: (doc: PDFKit.PDFDocument) => void | Promise<void>,
): Promise<Buffer> {
  const body = await getCoordinatingBodyName();
  // pdfkit (with its fonts) is loaded on the first PDF, not when the server starts (docs/performance.md).
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    info: { Title: meta.title, Author: body ?? env.TAVOLO_NAME, Creator: env.TAVOLO_NAME },
    lang: "it-IT",
  });
  guardText(doc);
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  doc.font("Helvetica-Bold").fontSize(16).fillColor("black").text(meta.title);
  if (meta.subtitle) doc.moveDown(0.2).font("Helvetica").fontSize(11).fillColor(GREY).text(meta.subtitle);
  doc.moveDown(1).font("Helvetica").fontSize(10).fillColor("black");
  await build(doc);

  // Page numbers are only known at the end: every page was kept in memory (bufferPages) for this.
  const generatedAt = formatDateTime(new Date());
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    // Drawing in the margins must not make pdfkit think the page is full and add another.
    const saved = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: saved.left, right: saved.right };
    drawHeader(doc, body);
    drawFooter(doc, index - start + 1, count, generatedAt);
    doc.page.margins = saved;
  }
  doc.end();
  return finished;
}

/**
 * RFC 6266 / 5987, as for stored files: the name keeps its accents for browsers that read
 * filename*, and older ones get an ASCII fallback.
 */
function contentDisposition(kind: "inline" | "attachment", name: string) {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The response for a generated PDF; callers check permission first. Never cached: it holds names. */
export function pdfResponse(buffer: Buffer, filename: string, options: { inline?: boolean } = {}) {
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(buffer.length),
      "Content-Disposition": contentDisposition(options.inline ? "inline" : "attachment", filename),
      "Cache-Control": "private, no-store",
    },
  });
}
