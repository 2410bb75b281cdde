import { createHash } from "node:crypto";
import { MaxFileSizeExceededError, MaxTotalSizeExceededError, parseFormData } from "@remix-run/form-data-parser";
import { fileTypeFromBuffer } from "file-type";
import Papa from "papaparse";
import type { Actor } from "~/domain/audit.server";
import { normaliseFiscalCode } from "~/domain/fiscal-codes.server";
import {
  LEGAL_FORMS,
  MEMBERSHIP_SHORT_LABELS,
  MEMBERSHIP_STATUSES,
  RUNTS_SECTIONS,
  legalFormLabel,
  membershipLabel,
  runtsSectionLabel,
  type MembershipStatus,
} from "~/domain/organisations";
import {
  createOrganisationIn,
  membershipFields,
  organisationFields,
  recordMembershipChangeIn,
  updateOrganisationIn,
  type MembershipFields,
  type OrganisationFields,
} from "~/domain/organisations.server";
import { db, isUniqueViolation } from "~/db.server";
import { formatDay } from "~/utils/dates";
import { UserFacingError } from "~/utils/errors";

// CSV import of organisations: a file is read, every row is checked with the same rules as the
// organisation form and classified (new, update, unchanged, error) without writing anything; the
// coordinator confirms, the same text is checked again and all valid rows are written in one
// transaction. See docs/decisions/016-csv-and-xlsx.md.

export const IMPORT_MAX_ROWS = 2000;
const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_LIMIT_LABEL = "2 MB";

/** The columns of the import, the export and the template, in this order. */
export const ORGANISATION_COLUMNS = [
  { key: "name", header: "Nome", width: 42 },
  { key: "shortName", header: "Sigla", width: 14 },
  { key: "legalForm", header: "Forma giuridica", width: 34 },
  { key: "codiceFiscale", header: "Codice fiscale", width: 20 },
  { key: "partitaIva", header: "Partita IVA", width: 16 },
  { key: "runtsNumber", header: "Numero RUNTS", width: 16 },
  { key: "runtsSection", header: "Sezione RUNTS", width: 40 },
  { key: "address", header: "Indirizzo", width: 40 },
  { key: "phone", header: "Telefono", width: 18 },
  { key: "email", header: "E-mail", width: 30 },
  { key: "pec", header: "PEC", width: 30 },
  { key: "website", header: "Sito web", width: 30 },
  { key: "description", header: "Descrizione", width: 60 },
  { key: "status", header: "Stato", width: 14 },
  { key: "statusSince", header: "Stato dal (gg/mm/aaaa)", width: 16 },
] as const;
type ColumnKey = (typeof ORGANISATION_COLUMNS)[number]["key"];
type FieldKey = Exclude<ColumnKey, "status" | "statusSince">;

const FIELD_KEYS = ORGANISATION_COLUMNS.map((column) => column.key).filter((key): key is FieldKey => key !== "status" && key !== "statusSince");
const headerOf = (key: ColumnKey) => ORGANISATION_COLUMNS.find((column) => column.key === key)?.header.replace(/ \(.*\)$/, "") ?? key;

/** The reason recorded for a withdrawal that arrives from a file, which has no column for it. */
const IMPORTED_WITHDRAWAL_REASON = "Recesso indicato nel file importato";

// --- Reading the file --------------------------------------------------------------------------

/** The upload form and the confirmation form (which carries the text back) with their size limits. */
export async function readImportForm(request: Request) {
  try {
    // The confirmation re-sends the decoded text: up to three UTF-8 bytes for each byte read.
    return await parseFormData(request, { maxFiles: 1, maxFileSize: 3 * IMPORT_MAX_BYTES, maxTotalSize: 3 * IMPORT_MAX_BYTES + 64 * 1024 });
  } catch (error) {
    if (error instanceof MaxFileSizeExceededError || error instanceof MaxTotalSizeExceededError) {
      throw new UserFacingError(`Il file è troppo grande: al massimo ${IMPORT_LIMIT_LABEL}.`, 413, "file");
    }
    throw new UserFacingError("Il modulo inviato non è leggibile.", 400);
  }
}

/**
 * The text of an uploaded CSV. Excel in Italy saves "CSV (delimitato dal separatore di elenco)"
 * in Windows-1252 and "CSV UTF-8" with a byte order mark: a file that is not valid UTF-8 is read as
 * Windows-1252, where every byte is a character.
 */
export async function readCsvUpload(file: FormDataEntryValue | null) {
  if (!(file instanceof File) || file.size === 0) {
    throw new UserFacingError("Scegli il file CSV da importare.", 400, "file");
  }
  if (file.size > IMPORT_MAX_BYTES) {
    throw new UserFacingError(`Il file è troppo grande: al massimo ${IMPORT_LIMIT_LABEL}.`, 413, "file");
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const detected = await fileTypeFromBuffer(bytes);
  if (detected?.ext === "xlsx" || detected?.ext === "xls" || detected?.ext === "ods" || detected?.mime === "application/x-cfb") {
    throw new UserFacingError(
      "Il file è un foglio di calcolo, non un CSV: in Excel scegli File › Salva con nome › «CSV (delimitato dal separatore di elenco)» e carica il file salvato.",
      415,
      "file",
    );
  }
  if (detected || bytes.includes(0)) {
    throw new UserFacingError("Il file non è un CSV: carica un file di testo con i valori separati da punto e virgola o da virgola.", 415, "file");
  }
  return decodeCsv(bytes);
}

function decodeCsv(bytes: Uint8Array) {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("windows-1252").decode(bytes);
  }
  return text.replace(/^\uFEFF/, "");
}

const normaliseHeader = (header: string) =>
  header
    .replace(/^\uFEFF/, "")
    .replace(/\(.*\)/g, "")
    .trim()
    .replace(/\s+/g, " ")
    .toLowerCase();

const HEADER_KEYS = new Map<string, ColumnKey>([
  ...ORGANISATION_COLUMNS.map((column) => [normaliseHeader(column.header), column.key] as const),
  ["email", "email"],
  ["sito", "website"],
]);

/** A value Excel would take for a formula was written with a leading apostrophe by the export. */
const unescapeFormula = (value: string) => value.replace(/^'(?=[=+\-@\t\r])/, "");

interface CsvRecord {
  line: number;
  values: Partial<Record<ColumnKey, string>>;
}

/** The header and rows of the file; a file that cannot be read as a whole is refused with a reason. */
function parseCsv(text: string) {
  if (text.length > IMPORT_MAX_BYTES) {
    throw new UserFacingError(`Il file è troppo grande: al massimo ${IMPORT_LIMIT_LABEL}.`, 413, "file");
  }
  if (text.trim() === "") throw new UserFacingError("Il file è vuoto.", 400, "file");
  // The header names contain neither separator, so its first line tells which one the file uses.
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = firstLine.includes(";") ? ";" : ",";
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const quoteError = parsed.errors.find((error) => error.type === "Quotes");
  if (quoteError) {
    throw new UserFacingError(
      `Il file non è un CSV valido: virgolette non chiuse${quoteError.row === undefined ? "" : ` alla riga ${quoteError.row + 1}`}.`,
      400,
      "file",
    );
  }
  const [header = [], ...rows] = parsed.data;
  // A column without a name is left out: Excel adds one after a trailing separator.
  const keys = header.map((name) => (name.trim() === "" ? null : (HEADER_KEYS.get(normaliseHeader(name)) ?? null)));
  const unknown = header.filter((name, index) => name.trim() !== "" && keys[index] === null).map((name) => name.trim());
  if (unknown.length > 0) {
    throw new UserFacingError(
      `${unknown.length === 1 ? "Colonna non riconosciuta" : "Colonne non riconosciute"}: ${unknown.map((name) => `«${name}»`).join(", ")}. Le colonne ammesse sono: ${ORGANISATION_COLUMNS.map((column) => column.header).join(", ")}. Scarica il modello per partire da un file corretto.`,
      400,
      "file",
    );
  }
  const repeated = keys.find((key, index) => key !== null && keys.indexOf(key) !== index);
  if (repeated) throw new UserFacingError(`La colonna «${headerOf(repeated)}» compare due volte nell'intestazione.`, 400, "file");
  for (const required of ["name", "codiceFiscale"] as const) {
    if (!keys.includes(required)) {
      throw new UserFacingError(
        `Manca la colonna «${headerOf(required)}» nella prima riga del file. La prima riga deve contenere i nomi delle colonne, come nel modello.`,
        400,
        "file",
      );
    }
  }
  const records: CsvRecord[] = [];
  rows.forEach((cells, index) => {
    if (cells.every((cell) => cell.trim() === "")) return;
    const values: Partial<Record<ColumnKey, string>> = {};
    keys.forEach((key, column) => {
      if (key) values[key] = unescapeFormula((cells[column] ?? "").trim());
    });
    // Rows count as a spreadsheet numbers them: the header is row 1.
    records.push({ line: index + 2, values });
  });
  if (records.length === 0) throw new UserFacingError("Il file non contiene righe da importare dopo l'intestazione.", 400, "file");
  if (records.length > IMPORT_MAX_ROWS) {
    throw new UserFacingError(
      `Il file ha ${records.length.toLocaleString("it-IT")} righe: al massimo ${IMPORT_MAX_ROWS.toLocaleString("it-IT")} per importazione. Dividilo in più file.`,
      400,
      "file",
    );
  }
  return { present: new Set(keys.filter((key): key is ColumnKey => key !== null)), records };
}

// --- Words and codes ---------------------------------------------------------------------------

const comparable = (value: string) =>
  value
    .normalize("NFC")
    .trim()
    .replace(/[’`]/g, "'")
    .replace(/\s+/g, " ")
    .toLowerCase();

/** A code from its code or one of its Italian labels, compared ignoring case. */
function codeFrom<C extends string>(value: string, ...tables: Record<C, string>[]): C | null {
  const wanted = comparable(value);
  for (const table of tables) {
    for (const [code, label] of Object.entries(table) as [C, string][]) {
      if (comparable(code) === wanted || comparable(label) === wanted) return code;
    }
  }
  return null;
}

const STATUS_WORDS = { ...MEMBERSHIP_SHORT_LABELS, EX_PARTNER: "Ex-partner" } as Record<MembershipStatus, string>;
/** "d) Imprese sociali…" is also recognised without its letter. */
const RUNTS_WITHOUT_LETTER = Object.fromEntries(Object.entries(RUNTS_SECTIONS).map(([code, label]) => [code, label.replace(/^[a-g]\)\s*/, "")])) as Record<
  keyof typeof RUNTS_SECTIONS,
  string
>;

/** "01/03/2024", "1/3/2024", "01-03-2024", "01.03.2024" or "2024-03-01" → "2024-03-01". */
function isoDay(value: string) {
  const italian = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (italian) return `${italian[3]}-${italian[2]?.padStart(2, "0")}-${italian[1]?.padStart(2, "0")}`;
  return value;
}

/** A validation message after its column's name: "Codice fiscale: il codice fiscale numerico ha 11 cifre." */
function reason(column: string, message: string) {
  const lowered = /^[A-Z]{2}/.test(message) ? message : message.charAt(0).toLowerCase() + message.slice(1);
  return `${column}: ${lowered}`;
}

const shown = (key: FieldKey, value: string | null | undefined) => {
  if (!value) return "";
  if (key === "legalForm") return legalFormLabel(value);
  if (key === "runtsSection") return runtsSectionLabel(value);
  return value;
};

// --- Preview -----------------------------------------------------------------------------------

export type ImportOutcome = "new" | "update" | "unchanged" | "error";

export interface ImportChange {
  field: string;
  before: string;
  after: string;
}

type Write =
  | { kind: "create"; fields: OrganisationFields; membership: MembershipFields }
  | { kind: "update"; organisationId: string; fields: Partial<OrganisationFields>; membership: MembershipFields | null };

export interface ImportRow {
  line: number;
  name: string;
  outcome: ImportOutcome;
  reasons: string[];
  changes: ImportChange[];
  /** What a new organisation will be, in words. */
  note: string;
  write: Write | null;
}

export interface ImportPlan {
  rows: ImportRow[];
  counts: Record<ImportOutcome, number>;
  /** Changes whenever any outcome would: the confirmation writes only what the preview showed. */
  fingerprint: string;
}

type Existing = Awaited<ReturnType<typeof loadRegistry>>[number];

async function loadRegistry() {
  return db.organisation.findMany({
    select: {
      id: true,
      name: true,
      shortName: true,
      legalForm: true,
      codiceFiscale: true,
      partitaIva: true,
      runtsNumber: true,
      runtsSection: true,
      address: true,
      phone: true,
      email: true,
      pec: true,
      website: true,
      description: true,
      status: true,
      membershipChanges: { select: { effectiveOn: true } },
    },
  });
}

/** Reads and checks every row of the file; writes nothing. */
export async function previewImport(text: string): Promise<ImportPlan> {
  const { present, records } = parseCsv(text);
  const registry = await loadRegistry();
  const byFiscalCode = new Map(registry.filter((o) => o.codiceFiscale).map((o) => [o.codiceFiscale as string, o]));
  const byName = new Map(registry.map((o) => [comparable(o.name), o]));

  const rows = records.map((record) => checkRow(record, present, byFiscalCode, byName));
  markDuplicates(rows, records);

  const counts: Record<ImportOutcome, number> = { new: 0, update: 0, unchanged: 0, error: 0 };
  for (const row of rows) counts[row.outcome]++;
  const fingerprint = createHash("sha256")
    .update(JSON.stringify(rows.map((row) => [row.line, row.outcome, row.reasons, row.changes, row.write?.kind === "update" ? row.write.organisationId : null])))
    .digest("hex");
  return { rows, counts, fingerprint };
}

function checkRow(record: CsvRecord, present: Set<ColumnKey>, byFiscalCode: Map<string, Existing>, byName: Map<string, Existing>): ImportRow {
  const values = record.values;
  const name = values.name ?? "";
  const reasons: string[] = [];
  const error = (): ImportRow => ({ line: record.line, name, outcome: "error", reasons, changes: [], note: "", write: null });

  // An organisation is the same one when its codice fiscale is; one registered by hand without a
  // codice fiscale is recognised by its name, and the file gives it its code.
  const fiscalCode = normaliseFiscalCode(values.codiceFiscale ?? "");
  const namesake = byName.get(comparable(name));
  const existing = (fiscalCode ? byFiscalCode.get(fiscalCode) : undefined) ?? (namesake && !namesake.codiceFiscale ? namesake : undefined);

  const coded: Partial<Record<FieldKey, string>> = {};
  const codeProblems = new Set<FieldKey>();
  if (values.legalForm) {
    const code = codeFrom(values.legalForm, LEGAL_FORMS);
    if (code) coded.legalForm = code;
    else {
      codeProblems.add("legalForm");
      reasons.push(`Forma giuridica: «${values.legalForm}» non è una forma dell'elenco (per esempio «${LEGAL_FORMS.ASSOCIAZIONE_VOLONTARIATO}», «${LEGAL_FORMS.COOPERATIVA_SOCIALE_A}»).`);
    }
  }
  if (values.runtsSection) {
    const code = codeFrom(values.runtsSection, RUNTS_SECTIONS, RUNTS_WITHOUT_LETTER);
    if (code) coded.runtsSection = code;
    else {
      codeProblems.add("runtsSection");
      reasons.push(`Sezione RUNTS: «${values.runtsSection}» non è una sezione del RUNTS (scrivi la lettera, da A a G, o il nome della sezione).`);
    }
  }

  // Columns the file does not have keep what the registry holds.
  const input: Record<string, string | undefined> = {};
  for (const key of FIELD_KEYS) {
    input[key] = present.has(key) ? (coded[key] ?? values[key] ?? "") : existing ? (existing[key] ?? "") : undefined;
  }
  const checked = organisationFields.safeParse(input);
  if (!checked.success) {
    const reported = new Set<string>(codeProblems);
    for (const issue of checked.error.issues) {
      const field = String(issue.path[0] ?? "");
      if (reported.has(field)) continue;
      reported.add(field);
      let message = issue.message;
      if (field === "codiceFiscale" && /^\d{1,10}$/.test(fiscalCode)) {
        message += " Se il file viene da Excel, lo zero iniziale può essere andato perso: formatta la colonna come testo.";
      }
      reasons.push(reason(headerOf(field as FieldKey), message));
    }
  }

  const membership = checkMembership(values, existing, reasons);

  if (namesake && namesake.id !== existing?.id) {
    reasons.push(
      `Nome: «${namesake.name}» è già il nome di un'altra organizzazione del registro${namesake.codiceFiscale ? `, con codice fiscale ${namesake.codiceFiscale}` : ""}.`,
    );
  }

  if (reasons.length > 0 || !checked.success || membership === undefined) return error();
  const fields = checked.data;

  if (!existing) {
    if (!membership) return error();
    return {
      line: record.line,
      name: fields.name,
      outcome: "new",
      reasons,
      changes: [],
      note: `${legalFormLabel(fields.legalForm)}; ${membershipLabel(membership.status).toLowerCase()} dal ${formatDay(membership.effectiveOn)}.`,
      write: { kind: "create", fields, membership },
    };
  }

  const changed: Partial<OrganisationFields> = {};
  const changes: ImportChange[] = [];
  for (const key of FIELD_KEYS) {
    const before = existing[key] ?? "";
    const after = fields[key] ?? "";
    if (before !== after) {
      (changed as Record<string, string>)[key] = after;
      changes.push({ field: headerOf(key), before: shown(key, before), after: shown(key, after) });
    }
  }
  if (membership) {
    changes.push({ field: "Stato", before: membershipLabel(existing.status), after: `${membershipLabel(membership.status)} dal ${formatDay(membership.effectiveOn)}` });
  }
  return {
    line: record.line,
    name: fields.name,
    outcome: changes.length > 0 ? "update" : "unchanged",
    reasons,
    changes,
    note: "",
    write: changes.length > 0 ? { kind: "update", organisationId: existing.id, fields: changed, membership } : null,
  };
}

/**
 * The membership step a row asks for: required for a new organisation; for an existing one, only
 * a status different from today's is a step. Undefined when the row's status columns are wrong.
 */
function checkMembership(values: CsvRecord["values"], existing: Existing | undefined, reasons: string[]): MembershipFields | null | undefined {
  const statusText = values.status ?? "";
  if (!statusText) {
    if (existing) return null;
    reasons.push("Stato: indica Partner, Aderente o Ex partner (serve per ogni nuova organizzazione).");
    return undefined;
  }
  const status = codeFrom<MembershipStatus>(statusText, MEMBERSHIP_STATUSES, MEMBERSHIP_SHORT_LABELS, STATUS_WORDS);
  if (!status) {
    reasons.push(`Stato: «${statusText}» non è uno stato ammesso (scrivi Partner, Aderente o Ex partner).`);
    return undefined;
  }
  if (existing && existing.status === status) return null;
  const step = membershipFields.safeParse({
    status,
    effectiveOn: isoDay(values.statusSince ?? ""),
    reason: status === "EX_PARTNER" ? IMPORTED_WITHDRAWAL_REASON : "",
  });
  if (!step.success) {
    reasons.push(reason(headerOf("statusSince"), step.error.issues[0]?.message ?? "data non valida."));
    return undefined;
  }
  const sameDay = existing?.membershipChanges.some((change) => change.effectiveOn.getTime() === step.data.effectiveOn.getTime());
  if (sameDay) {
    reasons.push(`Stato dal: c'è già un cambio di stato il ${formatDay(step.data.effectiveOn)}; scegli un'altra data.`);
    return undefined;
  }
  return step.data;
}

/** Two rows for the same organisation: neither is written, since the file does not say which is right. */
function markDuplicates(rows: ImportRow[], records: CsvRecord[]) {
  const groups = [
    { label: "il codice fiscale", key: (record: CsvRecord) => normaliseFiscalCode(record.values.codiceFiscale ?? "") },
    { label: "il nome", key: (record: CsvRecord) => comparable(record.values.name ?? "") },
  ];
  for (const group of groups) {
    const lines = new Map<string, number[]>();
    for (const record of records) {
      const key = group.key(record);
      if (key) lines.set(key, [...(lines.get(key) ?? []), record.line]);
    }
    rows.forEach((row, index) => {
      const record = records[index];
      const same = record ? (lines.get(group.key(record)) ?? []) : [];
      const others = same.filter((line) => line !== row.line);
      if (others.length === 0) return;
      row.reasons.push(`Riga doppia: ${group.label} compare anche ${others.length === 1 ? "alla riga" : "alle righe"} ${others.join(", ")}.`);
      row.outcome = "error";
      row.changes = [];
      row.note = "";
      row.write = null;
    });
  }
}

// --- Confirmation ------------------------------------------------------------------------------

/**
 * Checks the text again and writes its valid rows, all or none. When the registry has changed since
 * the preview so that any outcome differs, nothing is written and the new preview comes back.
 */
export async function confirmImport(text: string, fingerprint: string, actor: Actor) {
  const plan = await previewImport(text);
  if (plan.fingerprint !== fingerprint) return { written: false as const, plan };
  return { written: true as const, plan, ...(await applyImport(plan, actor)) };
}

/** Writes the rows of a checked plan in one transaction; a refusal on any row undoes them all. */
export async function applyImport(plan: ImportPlan, actor: Actor) {
  let current: ImportRow | null = null;
  try {
    return await db.$transaction(
      async (tx) => {
        let created = 0;
        let updated = 0;
        for (const row of plan.rows) {
          if (!row.write) continue;
          current = row;
          if (row.write.kind === "create") {
            await createOrganisationIn(tx, row.write.fields, row.write.membership, actor);
            created++;
          } else {
            await updateOrganisationIn(tx, row.write.organisationId, row.write.fields, actor);
            if (row.write.membership) await recordMembershipChangeIn(tx, row.write.organisationId, row.write.membership, actor);
            updated++;
          }
        }
        return { created, updated };
      },
      // Up to 2,000 rows of a few statements each: more than the default five seconds on PostgreSQL.
      { maxWait: 10_000, timeout: 120_000 },
    );
  } catch (error) {
    if (!(error instanceof UserFacingError) && !isUniqueViolation(error)) throw error;
    const row = current as ImportRow | null;
    const why = error instanceof UserFacingError ? ` (${error.message.replace(/\.$/, "")})` : "";
    throw new UserFacingError(
      `Importazione annullata, nessuna riga è stata scritta: il registro è cambiato dopo l'anteprima e ${row ? `la riga ${row.line} («${row.name}»)` : "una riga"} non si può più scrivere${why}. Carica di nuovo il file per una nuova anteprima.`,
      409,
    );
  }
}
