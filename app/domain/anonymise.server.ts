import { escapeText } from "~/domain/rich-text.server";
import { containsIgnoringCase, type DbTransaction } from "~/db.server";

// Replacing a person's name and address wherever they were copied into stored text, keeping the
// rest of the text: used when a person is removed (personal-data.server.ts) and when a contact is
// deleted (organisations.server.ts). See docs/decisions/030-personal-data.md.

// --- Finding a name inside stored text -------------------------------------------------------

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The whole name or address only, never a piece of a longer one: "Rossi" is not in "Rossini", and
 * "mario@x.org" is not in "anna.mario@x.org" nor in "mario@x.org.it". A name may end a file name
 * ("Relazione di Mario Rossi.pdf").
 */
export function wholeWords(needles: string[]) {
  const usable = [...new Set(needles.map((n) => n.trim()).filter((n) => n.length >= 3))].sort((a, b) => b.length - a.length);
  if (usable.length === 0) return null;
  const pattern = (needle: string) =>
    needle.includes("@")
      ? `(?<![\p{L}\p{N}@._+-])${escapeRegExp(needle)}(?![\p{L}\p{N}@_-]|\.[\p{L}\p{N}])`
      : `(?<![\p{L}\p{N}])${escapeRegExp(needle)}(?![\p{L}\p{N}])`;
  return new RegExp(usable.map(pattern).join("|"), "giu");
}

/** Applies `change` to every string inside a JSON value (keys included: they are ids and labels). */
function mapJsonStrings(json: string, change: (text: string) => string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return change(json);
  }
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return change(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [walk(k) as string, walk(v)]));
    return value;
  };
  return JSON.stringify(walk(parsed));
}

/** How a stored text holds words: plain text, sanitised HTML, or JSON (of plain text or of HTML). */
type TextKind = "text" | "html" | "json" | "jsonHtml";

/**
 * Every stored text where a person's name or address may have been copied (written by the system,
 * like the attendance in a verbale's opening, or by people, like a comment naming a colleague).
 * The removal replaces the name with the anonymised one in all of them, keeping the rest of the text.
 */
type TextCopies = { model: string; fields: Record<string, TextKind>; where?: object }[];

const TEXT_COPIES: TextCopies = [
  { model: "auditEvent", fields: { summary: "text", changes: "json" } },
  { model: "verbale", fields: { content: "jsonHtml", publicContent: "jsonHtml", attendanceSummary: "text" } },
  { model: "verbaleVersion", fields: { content: "jsonHtml", reason: "text" } },
  { model: "verbaleComment", fields: { text: "text" } },
  { model: "meeting", fields: { title: "text", cancelReason: "text", location: "text" } },
  { model: "agendaItem", fields: { title: "text", presenter: "text" } },
  { model: "decision", fields: { text: "text" } },
  { model: "decisionUpdate", fields: { note: "text" } },
  { model: "project", fields: { rup: "text", description: "text", uncommittedReason: "text" } },
  { model: "reportingPeriod", fields: { consolidatedNote: "text" } },
  { model: "rendicontazione", fields: { narrative: "html", beneficiariesNote: "text" } },
  { model: "rendicontazioneVersion", fields: { snapshot: "json" } },
  { model: "rendicontazioneReview", fields: { comment: "text", fieldComments: "json" } },
  { model: "announcement", fields: { title: "text", bodyHtml: "html", bodyText: "text" } },
  { model: "outboxMail", fields: { subject: "text", html: "html", text: "text", calendar: "text" } },
  { model: "storedFile", fields: { originalName: "text" } },
  { model: "archiveDocument", fields: { title: "text", description: "text" } },
  { model: "archiveDocumentVersion", fields: { note: "text" } },
  { model: "membershipChange", fields: { reason: "text" } },
  { model: "workingGroup", fields: { mandate: "text", outcome: "text" } },
  { model: "aidServiceMonthlyReport", fields: { note: "text" } },
  { model: "tavoloSettings", fields: { presentation: "html", privacyNotice: "html" } },
  { model: "searchEntry", fields: { title: "text", body: "text" } },
];

interface TextDelegate {
  findMany(args: unknown): Promise<Record<string, unknown>[]>;
  update(args: unknown): Promise<unknown>;
}

/**
 * Replaces each name or address with its replacement, as whole words, in every text of `copies`
 * (all of TEXT_COPIES unless told). Returns how many rows changed.
 */
export async function replaceInStoredTexts(tx: DbTransaction, replacements: { find: string; replaceWith: string }[], copies: TextCopies = TEXT_COPIES) {
  const usable = replacements.filter((r) => r.find.trim().length >= 3);
  if (usable.length === 0) return 0;
  const swap = (text: string, html: boolean) => {
    let out = text;
    for (const { find, replaceWith } of usable) {
      const pattern = wholeWords(html ? [find, escapeText(find)] : [find]);
      if (pattern) out = out.replace(pattern, html ? escapeText(replaceWith) : replaceWith);
    }
    return out;
  };
  let changed = 0;
  for (const { model, fields, where } of copies) {
    const delegate = (tx as unknown as Record<string, TextDelegate>)[model];
    if (!delegate) throw new Error(`Modello sconosciuto in TEXT_COPIES: ${model}`);
    const names = Object.keys(fields);
    const rows = await delegate.findMany({
      where: { ...where, OR: names.flatMap((field) => usable.map((r) => ({ [field]: containsIgnoringCase(r.find) }))) },
      select: { id: true, ...Object.fromEntries(names.map((f) => [f, true])) },
    });
    for (const row of rows) {
      const data: Record<string, string> = {};
      for (const [field, kind] of Object.entries(fields)) {
        const value = row[field];
        if (typeof value !== "string") continue;
        const next =
          kind === "json" ? mapJsonStrings(value, (t) => swap(t, false)) : kind === "jsonHtml" ? mapJsonStrings(value, (t) => swap(t, true)) : swap(value, kind === "html");
        if (next !== value) data[field] = next;
      }
      if (Object.keys(data).length > 0) {
        await delegate.update({ where: { id: row.id }, data });
        changed++;
      }
    }
  }
  return changed;
}

/**
 * A contact (a person without an account) deleted from an organisation: besides the row, the
 * organisation's history forgets their name, phone and address. Only that history: elsewhere the
 * same name may be a different person's.
 */
export async function forgetContactInHistory(tx: DbTransaction, organisationId: string, contact: { name: string; phone: string; email: string }) {
  await replaceInStoredTexts(
    tx,
    [
      { find: contact.email, replaceWith: "(e-mail rimossa)" },
      { find: contact.phone, replaceWith: "(telefono rimosso)" },
      { find: contact.name, replaceWith: "contatto rimosso" },
    ],
    [{ model: "auditEvent", fields: { summary: "text", changes: "json" }, where: { subjectType: "ORGANISATION", subjectId: organisationId } }],
  );
}
