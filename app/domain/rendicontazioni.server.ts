import { diffArrays, diffWords } from "diff";
import { z } from "zod";
import { rendicontazioneReviewedMail } from "../../emails/rendicontazione-reviewed";
import { rendicontazioneSubmittedMail } from "../../emails/rendicontazione-submitted";
import { can, type Resource } from "~/auth/permissions.server";
import type { SessionUser } from "~/context";
import { type Actor, listHistory, recordChange, recordRepeatedChange } from "~/domain/audit.server";
import { db, isUniqueViolation, type Db, type DbTransaction } from "~/db.server";
import { env } from "~/env.server";
import { type PendingUpload, removeStoredFileBytes, withStoredFiles } from "~/files/storage.server";
import { enqueueMail } from "~/mail/outbox.server";
import { formatEuro, parseEuro, sumCents } from "~/domain/money";
import {
  EXPENSE_CATEGORIES,
  expenseCategoryLabel,
  OWED_STATUSES,
  rendicontazioneState,
  rendicontazioneStateLabel,
  type ExpenseCategory,
  type RendicontazioneStatus,
} from "~/domain/projects";
import { richTextToPlain, sanitizeRichText } from "~/domain/rich-text.server";
import { formatDateTime, formatDay, formatRome, todayInRome } from "~/utils/dates";
import { formatFileSize, isPreviewable } from "~/files/display";
import { UserFacingError } from "~/utils/errors";
import { optionalText } from "~/utils/forms.server";

// A partner's rendicontazione for one period of a project: the draft its referents write (with a
// revision check, so two people never overwrite each other), "Invia" (a frozen version and a mail
// to the coordinators), the coordinators' review (approve, or return with comments on fields; one
// review per version, decided by a conditional update) and the comparison of versions.
// See docs/decisions/021-rendicontazione-workflow.md.

type Client = Db | DbTransaction;

const MAX_NARRATIVE_HTML = 200_000;
const MAX_EXPENSE_ROWS = 200;
const MAX_ATTACHMENTS = 30;
/** Large enough for any count a partner reports, small enough to catch a slip of the keyboard. */
const MAX_COUNT = 10_000_000;
const MAX_INDICATOR_VALUE = 1_000_000_000;

export const REVIEW_OUTCOMES = { APPROVED: "Approvata", RETURNED: "Restituita per correzioni" } as const;
export type ReviewOutcome = keyof typeof REVIEW_OUTCOMES;

// --- Access ------------------------------------------------------------------------------------

/** The few facts every permission check on a rendicontazione needs; null when it does not exist. */
export async function findRendicontazioneAccess(id: string) {
  const found = await db.rendicontazione.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      revision: true,
      organisationId: true,
      projectId: true,
      project: { select: { leadOrganisationId: true, indicators: { orderBy: { position: "asc" }, select: { id: true } } } },
    },
  });
  if (!found) return null;
  return {
    id: found.id,
    status: found.status,
    revision: found.revision,
    organisationId: found.organisationId,
    projectId: found.projectId,
    leadOrganisationId: found.project.leadOrganisationId,
    indicatorIds: found.project.indicators.map((i) => i.id),
  };
}
export type RendicontazioneAccess = NonNullable<Awaited<ReturnType<typeof findRendicontazioneAccess>>>;

export const rendicontazioneResource = (found: { organisationId: string; status: string; leadOrganisationId: string }): Resource => ({
  kind: "rendicontazione",
  organisationId: found.organisationId,
  status: found.status,
  leadOrganisationId: found.leadOrganisationId,
});

/**
 * Who follows a period of a project: the coordinators and the lead organisation's referents (the
 * people who may read any partner's sent rendicontazione of the project). Writing the consolidated
 * note is for those who may write the lead organisation's own rendicontazione.
 */
export function periodPermissions(user: Pick<SessionUser, "role" | "organisationId">, leadOrganisationId: string) {
  const period: Resource = { kind: "reportingPeriod", leadOrganisationId };
  return { canView: can(user, "view", period), canWriteNote: can(user, "edit", period) };
}

// --- Reading -----------------------------------------------------------------------------------

/** "12,5" for an input or a table: Italian decimals, no grouping, no rounding of what was typed. */
export const decimalText = (value: number) => value.toLocaleString("it-IT", { maximumFractionDigits: 6, useGrouping: false });

export const periodLabel = (period: { number: number; startsOn: Date; endsOn: Date }) =>
  `Periodo ${period.number} (${formatDay(period.startsOn)} – ${formatDay(period.endsOn)})`;

export interface FieldComment {
  field: string;
  text: string;
}

export function parseFieldComments(json: string): FieldComment[] {
  try {
    const value = JSON.parse(json) as unknown;
    if (!Array.isArray(value)) return [];
    return value.flatMap((entry) =>
      entry && typeof entry === "object" && typeof entry.field === "string" && typeof entry.text === "string" ? [{ field: entry.field, text: entry.text }] : [],
    );
  } catch {
    return [];
  }
}

/** The name a field comment's key stands for, as the partner sees it on the form. */
export function fieldCommentLabel(field: string, indicators: { projectIndicatorId: string; name: string }[]) {
  if (field.startsWith("indicator:")) {
    const indicator = indicators.find((i) => `indicator:${i.projectIndicatorId}` === field);
    return indicator ? `Indicatore «${indicator.name}»` : "Indicatore";
  }
  return { expenses: "Spese", beneficiaries: "Beneficiari raggiunti", narrative: "Relazione", attachments: "Allegati" }[field] ?? field;
}

async function loadRendicontazione(client: Client, id: string) {
  return client.rendicontazione.findUnique({
    where: { id },
    include: {
      period: true,
      organisation: { select: { id: true, name: true } },
      project: {
        select: {
          id: true,
          code: true,
          title: true,
          leadOrganisationId: true,
          leadOrganisation: { select: { name: true } },
          indicators: {
            orderBy: { position: "asc" },
            select: {
              id: true,
              target: true,
              baseline: true,
              targetOn: true,
              indicator: { select: { name: true, unit: true, aggregation: true } },
              actionLine: { select: { code: true } },
            },
          },
        },
      },
      indicatorValues: true,
      expenses: { orderBy: { position: "asc" } },
      attachments: { orderBy: { createdAt: "asc" }, include: { file: { select: { originalName: true, mimeType: true, size: true } } } },
      updatedBy: { select: { name: true } },
      reviews: { orderBy: { versionNumber: "desc" }, take: 1 },
      // Versions are numbered from 1 and never removed: the last number is how many there are.
      // (A relation count, `_count`, would group every version of every rendicontazione.)
      versions: { orderBy: { number: "desc" }, take: 1, select: { number: true } },
    },
  });
}

/**
 * What the rendicontazione page shows, for someone allowed to read it (numbers, never bigint).
 * The latest review comes with it: its comments are what the partner is correcting.
 */
export async function getRendicontazionePage(id: string) {
  const r = await loadRendicontazione(db, id);
  if (!r) return null;
  const indicators = r.project.indicators.map((pi) => {
    const stored = r.indicatorValues.find((v) => v.projectIndicatorId === pi.id);
    return {
      projectIndicatorId: pi.id,
      name: pi.indicator.name,
      unit: pi.indicator.unit,
      aggregation: pi.indicator.aggregation,
      actionLine: pi.actionLine?.code ?? null,
      target: decimalText(pi.target),
      targetOn: formatDay(pi.targetOn),
      value: stored ? decimalText(stored.value) : "",
      note: stored?.note ?? "",
    };
  });
  const expenses = r.expenses.map((e) => ({
    category: e.category,
    categoryLabel: expenseCategoryLabel(e.category),
    description: e.description,
    amountCents: Number(e.amountCents),
    reference: e.reference,
  }));
  const review = r.reviews[0];
  const today = todayInRome();
  return {
    id: r.id,
    status: r.status as RendicontazioneStatus,
    state: rendicontazioneState({ status: r.status, dueOn: r.period.dueOn }, today),
    stateLabel: rendicontazioneStateLabel(rendicontazioneState({ status: r.status, dueOn: r.period.dueOn }, today)),
    revision: r.revision,
    project: { id: r.project.id, code: r.project.code, title: r.project.title, leadOrganisationId: r.project.leadOrganisationId, leadOrganisationName: r.project.leadOrganisation.name },
    organisation: r.organisation,
    period: { id: r.period.id, number: r.period.number, label: periodLabel(r.period), dueOn: formatDay(r.period.dueOn) },
    indicators,
    expenses,
    totalCents: sumCents(expenses.map((e) => e.amountCents)),
    householdsReached: r.householdsReached,
    peopleReached: r.peopleReached,
    minorsReached: r.minorsReached,
    beneficiariesNote: r.beneficiariesNote,
    narrative: r.narrative,
    attachments: r.attachments.map((a) => ({
      id: a.id,
      title: a.title,
      originalName: a.file.originalName,
      size: formatFileSize(a.file.size),
      previewable: isPreviewable(a.file.mimeType),
    })),
    versionCount: r.versions[0]?.number ?? 0,
    submittedAt: r.submittedAt ? formatDateTime(r.submittedAt) : null,
    approvedAt: r.approvedAt ? formatDateTime(r.approvedAt) : null,
    lastSaved: r.updatedBy && r.status !== "NOT_STARTED" ? `${r.updatedBy.name}, ${formatDateTime(r.updatedAt)}` : null,
    latestReview: review
      ? {
          versionNumber: review.versionNumber,
          outcome: review.outcome as ReviewOutcome,
          outcomeLabel: REVIEW_OUTCOMES[review.outcome as ReviewOutcome] ?? review.outcome,
          comment: review.comment,
          fieldComments: parseFieldComments(review.fieldComments).map((c) => ({ ...c, label: fieldCommentLabel(c.field, indicators) })),
          reviewerName: review.reviewerName,
          at: formatDateTime(review.createdAt),
        }
      : null,
  };
}
export type RendicontazionePage = NonNullable<Awaited<ReturnType<typeof getRendicontazionePage>>>;

/**
 * The page for a given user: 404 when it does not exist, 403 when they may not read it (another
 * organisation's draft, for instance), with what they may do on it.
 */
export async function getRendicontazioneForUser(id: string, user: Pick<SessionUser, "role" | "organisationId">) {
  const found = await findRendicontazioneAccess(id);
  if (!found) throw new UserFacingError("Rendicontazione non trovata.", 404);
  const resource = rendicontazioneResource(found);
  if (!can(user, "view", resource)) throw new UserFacingError("Non hai i permessi per vedere questa rendicontazione.", 403);
  const page = await getRendicontazionePage(id);
  if (!page) throw new UserFacingError("Rendicontazione non trovata.", 404);
  return {
    ...page,
    canEdit: can(user, "edit", resource),
    canReview: can(user, "manage", resource) && page.status === "SUBMITTED",
  };
}

export const rendicontazioneHistory = (id: string) => listHistory("RENDICONTAZIONE", id, 50);

// --- The form ----------------------------------------------------------------------------------

export interface DraftFields {
  values: { projectIndicatorId: string; value: number; note: string }[];
  expenses: { category: ExpenseCategory; description: string; amountCents: number; reference: string }[];
  householdsReached: number | null;
  peopleReached: number | null;
  minorsReached: number | null;
  beneficiariesNote: string;
  /** HTML from the editor: sanitised before it is stored */
  narrative: string;
}

/**
 * A number as an Italian writes it: "12,5", "1.250" (dots group thousands, as in money), "12.5"
 * (a lone decimal point). Null when it is not a number.
 */
export function parseDecimal(input: string): number | null {
  const text = input.replace(/[\s\u00a0]/g, "");
  let normal: string;
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)) normal = text.replace(/\./g, "").replace(",", ".");
  else if (/^\d+(,\d+)?$/.test(text)) normal = text.replace(",", ".");
  else if (/^\d+\.\d+$/.test(text)) normal = text;
  else return null;
  const value = Number(normal);
  return Number.isFinite(value) ? value : null;
}

/** Shapes of personal data that do not belong in aggregated figures. */
const FISCAL_CODE = /\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPR-T][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b/i;
const EMAIL_ADDRESS = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i;

export function personalDataProblem(text: string): string | null {
  if (FISCAL_CODE.test(text)) return "La nota sembra contenere un codice fiscale: qui vanno solo numeri aggregati, toglilo.";
  if (EMAIL_ADDRESS.test(text)) return "La nota sembra contenere un indirizzo e-mail: qui vanno solo numeri aggregati, toglilo.";
  return null;
}

const countField = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    if (!/^\d+$/.test(value.replace(/\./g, ""))) {
      ctx.addIssue({ code: "custom", message: "Inserisci un numero intero, senza decimali (0 se nessuno)." });
      return z.NEVER;
    }
    const number = Number(value.replace(/\./g, ""));
    if (number > MAX_COUNT) {
      ctx.addIssue({ code: "custom", message: `Il numero è troppo grande: al massimo ${MAX_COUNT.toLocaleString("it-IT")}.` });
      return z.NEVER;
    }
    return number;
  });

const decimalField = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const number = parseDecimal(value);
    if (number === null) {
      ctx.addIssue({ code: "custom", message: "Inserisci un numero maggiore o uguale a zero, con la virgola per i decimali (per esempio 12,5)." });
      return z.NEVER;
    }
    if (number > MAX_INDICATOR_VALUE) {
      ctx.addIssue({ code: "custom", message: "Il valore è troppo grande: controlla di averlo scritto bene." });
      return z.NEVER;
    }
    return number;
  });

/** Fields sent once per expense row: always an array, one entry per row. */
const rowTexts = z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.string()).max(MAX_EXPENSE_ROWS + 20));

/** Field names of the form, shared with the page that renders it. */
export const valueField = (projectIndicatorId: string) => `value.${projectIndicatorId}`;
export const noteField = (projectIndicatorId: string) => `note.${projectIndicatorId}`;

const rowList = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/** The expense rows as posted (one entry per row in each list): the complete ones and what is wrong with the others. */
function expenseRows(raw: Record<string, unknown>) {
  const [categories, descriptions, amounts, references] = ["expenseCategory", "expenseDescription", "expenseAmount", "expenseReference"].map((key) => rowList(raw[key])) as [
    string[],
    string[],
    string[],
    string[],
  ];
  const rowCount = Math.max(categories.length, descriptions.length, amounts.length, references.length);
  const expenses: DraftFields["expenses"] = [];
  const problems: { path: string; message: string }[] = [];
  for (let row = 0; row < rowCount; row++) {
    const category = (categories[row] ?? "").trim();
    const description = (descriptions[row] ?? "").trim();
    const amount = (amounts[row] ?? "").trim();
    const reference = (references[row] ?? "").trim();
    if (!description && !amount && !reference) continue;
    const before = problems.length;
    const problem = (field: string, message: string) => problems.push({ path: `${field}.${row}`, message });
    if (!(category in EXPENSE_CATEGORIES)) problem("expenseCategory", "Scegli la categoria della spesa.");
    if (!description) problem("expenseDescription", "Descrivi la spesa.");
    else if (description.length > 300) problem("expenseDescription", "Al massimo 300 caratteri.");
    if (reference.length > 200) problem("expenseReference", "Al massimo 200 caratteri.");
    const cents = amount ? parseEuro(amount) : null;
    if (!amount) problem("expenseAmount", "Indica l'importo in euro (per esempio 1.250,00).");
    else if (cents === null) problem("expenseAmount", "Importo non valido: scrivilo in euro, con la virgola per i centesimi (per esempio 1.250,00).");
    else if (cents === 0) problem("expenseAmount", "L'importo deve essere maggiore di zero.");
    if (problems.length === before && cents) expenses.push({ category: category as ExpenseCategory, description, amountCents: cents, reference });
  }
  return { expenses, problems };
}

/**
 * The partner's form, for the indicators of this project. Empty expense rows are ignored; a row
 * that is started must be complete. Missing figures are allowed here (a draft); "Invia" checks
 * completeness on what is stored.
 */
export function draftFieldsSchema(projectIndicatorIds: readonly string[]) {
  const shape: Record<string, z.ZodType> = {
    revision: z.coerce.number({ error: "Revisione mancante: ricarica la pagina." }).int().min(0),
    householdsReached: countField,
    peopleReached: countField,
    minorsReached: countField,
    beneficiariesNote: optionalText(1000).superRefine((value, ctx) => {
      const problem = personalDataProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
    narrative: z
      .string()
      .max(MAX_NARRATIVE_HTML, "La relazione è troppo lunga: accorciala o allega un documento.")
      .optional()
      .transform((value) => value ?? ""),
    noExpenses: z
      .string()
      .optional()
      .transform((value) => value !== undefined && value !== ""),
    expenseCategory: rowTexts,
    expenseDescription: rowTexts,
    expenseAmount: rowTexts,
    expenseReference: rowTexts,
  };
  for (const id of projectIndicatorIds) {
    shape[valueField(id)] = decimalField;
    shape[noteField(id)] = optionalText(500);
  }
  return z
    .object(shape)
    .superRefine(
      (raw, ctx) => {
        const { problems, expenses } = expenseRows(raw);
        for (const p of problems) ctx.addIssue({ code: "custom", path: [p.path], message: p.message });
        if (expenses.length > MAX_EXPENSE_ROWS) ctx.addIssue({ code: "custom", path: ["expenses"], message: `Al massimo ${MAX_EXPENSE_ROWS} righe di spesa: raggruppa le spese minori.` });
      },
      // The rows are checked even when another field is wrong: every mistake is shown at once.
      { when: () => true },
    )
    .transform((raw) => {
      const { expenses } = expenseRows(raw);
      const values: DraftFields["values"] = [];
      for (const id of projectIndicatorIds) {
        const value = raw[valueField(id)] as number | null;
        if (value !== null) values.push({ projectIndicatorId: id, value, note: raw[noteField(id)] as string });
      }
      return {
        revision: raw.revision as number,
        noExpenses: raw.noExpenses as boolean,
        draft: {
          values,
          expenses,
          householdsReached: raw.householdsReached as number | null,
          peopleReached: raw.peopleReached as number | null,
          minorsReached: raw.minorsReached as number | null,
          beneficiariesNote: raw.beneficiariesNote as string,
          narrative: raw.narrative as string,
        } satisfies DraftFields,
      };
    });
}

// --- Saving the draft --------------------------------------------------------------------------

const isOwed = (status: string) => OWED_STATUSES.includes(status as RendicontazioneStatus);
const atTime = (date: Date) => formatRome(date, "HH:mm");

/** Why a write naming `revision` found nothing to change: gone, locked, or changed by someone else. */
async function refusal(client: Client, id: string): Promise<UserFacingError> {
  const current = await client.rendicontazione.findUnique({ where: { id }, select: { status: true, updatedAt: true, updatedBy: { select: { name: true } } } });
  if (!current) return new UserFacingError("Rendicontazione non trovata: potrebbe essere stata eliminata.", 404);
  if (!isOwed(current.status)) {
    return new UserFacingError(
      `La rendicontazione è già stata inviata (stato: ${rendicontazioneStateLabel(current.status)}) e non si modifica più. Ricarica la pagina.`,
      409,
    );
  }
  const who = current.updatedBy?.name ?? "un'altra persona";
  return new UserFacingError(
    `La rendicontazione è stata modificata da un'altra persona (${who}, alle ${atTime(current.updatedAt)}) dopo che l'hai aperta: le tue modifiche non sono state salvate. Ricarica la pagina per vedere la versione attuale, poi riporta le tue modifiche.`,
    409,
  );
}

/**
 * Writes the working copy if nobody saved since `revision`: the conditional update claims the row
 * (and raises the revision) before anything else is written, so of two saves naming the same
 * revision exactly one goes through. A rendicontazione not yet started becomes a draft; a returned
 * one stays returned until it is sent again.
 */
async function writeDraft(tx: DbTransaction, id: string, revision: number, draft: DraftFields, actor: Actor) {
  const claimed = await tx.rendicontazione.updateMany({
    where: { id, revision, status: { in: OWED_STATUSES } },
    data: { revision: revision + 1, updatedById: actor.id },
  });
  if (claimed.count !== 1) throw await refusal(tx, id);
  const row = await tx.rendicontazione.findUniqueOrThrow({ where: { id }, select: { status: true, project: { select: { indicators: { select: { id: true } } } } } });
  const known = new Set(row.project.indicators.map((i) => i.id));
  const values = draft.values.filter((v) => known.has(v.projectIndicatorId));
  await tx.rendicontazioneIndicatorValue.deleteMany({ where: { rendicontazioneId: id } });
  if (values.length > 0) await tx.rendicontazioneIndicatorValue.createMany({ data: values.map((v) => ({ rendicontazioneId: id, ...v })) });
  await tx.rendicontazioneExpense.deleteMany({ where: { rendicontazioneId: id } });
  if (draft.expenses.length > 0) {
    await tx.rendicontazioneExpense.createMany({
      data: draft.expenses.map((e, position) => ({ rendicontazioneId: id, position, category: e.category, description: e.description, amountCents: BigInt(e.amountCents), reference: e.reference })),
    });
  }
  const updated = await tx.rendicontazione.update({
    where: { id },
    data: {
      status: row.status === "NOT_STARTED" ? "DRAFT" : row.status,
      householdsReached: draft.householdsReached,
      peopleReached: draft.peopleReached,
      minorsReached: draft.minorsReached,
      beneficiariesNote: draft.beneficiariesNote,
      narrative: sanitizeRichText(draft.narrative),
    },
    select: { revision: true, updatedAt: true },
  });
  return { revision: updated.revision, savedAt: atTime(updated.updatedAt) };
}

/** "Salva bozza" and the autosave: the new revision and the time, "HH:mm", for the page. */
export async function saveDraft(input: { id: string; revision: number } & DraftFields, actor: Actor) {
  if (input.narrative.length > MAX_NARRATIVE_HTML) throw new UserFacingError("La relazione è troppo lunga: accorciala o allega un documento.", 413, "narrative");
  const { id, revision, ...draft } = input;
  return db.$transaction(async (tx) => {
    const saved = await writeDraft(tx, id, revision, draft, actor);
    // The form saves itself every few seconds: one event per sitting (see recordRepeatedChange).
    await recordRepeatedChange(tx, { subjectType: "RENDICONTAZIONE", subjectId: id, summary: "Bozza della rendicontazione salvata", actor });
    return saved;
  });
}

// --- Sending -----------------------------------------------------------------------------------

export interface RendicontazioneSnapshot {
  indicators: { projectIndicatorId: string; name: string; unit: string; value: number | null; note: string }[];
  expenses: { category: string; categoryLabel: string; description: string; amountCents: number; reference: string }[];
  totalCents: number;
  noExpenses: boolean;
  beneficiaries: { householdsReached: number | null; peopleReached: number | null; minorsReached: number | null; note: string };
  narrative: string;
  attachments: { id: string; title: string; originalName: string }[];
}

/** What is stored now, as a version keeps it (names and units copied, amounts in cents). */
export async function snapshotOf(client: Client, id: string, options: { noExpenses?: boolean } = {}): Promise<RendicontazioneSnapshot> {
  const r = await loadRendicontazione(client, id);
  if (!r) throw new UserFacingError("Rendicontazione non trovata.", 404);
  const expenses = r.expenses.map((e) => ({
    category: e.category,
    categoryLabel: expenseCategoryLabel(e.category),
    description: e.description,
    amountCents: Number(e.amountCents),
    reference: e.reference,
  }));
  return {
    indicators: r.project.indicators.map((pi) => {
      const stored = r.indicatorValues.find((v) => v.projectIndicatorId === pi.id);
      return { projectIndicatorId: pi.id, name: pi.indicator.name, unit: pi.indicator.unit, value: stored?.value ?? null, note: stored?.note ?? "" };
    }),
    expenses,
    totalCents: sumCents(expenses.map((e) => e.amountCents)),
    noExpenses: options.noExpenses === true && expenses.length === 0,
    beneficiaries: { householdsReached: r.householdsReached, peopleReached: r.peopleReached, minorsReached: r.minorsReached, note: r.beneficiariesNote },
    narrative: r.narrative,
    attachments: r.attachments.map((a) => ({ id: a.id, title: a.title, originalName: a.file.originalName })),
  };
}

export function parseSnapshot(json: string): RendicontazioneSnapshot {
  const value = JSON.parse(json) as Partial<RendicontazioneSnapshot>;
  return {
    indicators: value.indicators ?? [],
    expenses: value.expenses ?? [],
    totalCents: value.totalCents ?? 0,
    noExpenses: value.noExpenses ?? false,
    beneficiaries: value.beneficiaries ?? { householdsReached: null, peopleReached: null, minorsReached: null, note: "" },
    narrative: value.narrative ?? "",
    attachments: value.attachments ?? [],
  };
}

/** "Invia" refused: everything missing at once, each next to its field. */
export class IncompleteRendicontazioneError extends UserFacingError {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(`Prima di inviare completa: ${Object.values(fieldErrors).map((m) => m.replace(/\.$/, "").toLocaleLowerCase("it")).join("; ")}.`, 400);
    this.name = "IncompleteRendicontazioneError";
  }
}

function missingParts(snapshot: RendicontazioneSnapshot, noExpenses: boolean) {
  const missing: Record<string, string> = {};
  for (const indicator of snapshot.indicators) {
    if (indicator.value === null) missing[valueField(indicator.projectIndicatorId)] = `Il valore dell'indicatore «${indicator.name}» (0 se nel periodo non è cambiato)`;
  }
  if (snapshot.expenses.length === 0 && !noExpenses) missing.expenses = "Almeno una spesa, oppure la casella «Nessuna spesa nel periodo»";
  const b = snapshot.beneficiaries;
  if (b.householdsReached === null) missing.householdsReached = "Il numero di nuclei familiari raggiunti (0 se nessuno)";
  if (b.peopleReached === null) missing.peopleReached = "Il numero di persone raggiunte (0 se nessuna)";
  if (b.minorsReached === null) missing.minorsReached = "Il numero di minori raggiunti (0 se nessuno)";
  if (!richTextToPlain(snapshot.narrative).trim()) missing.narrative = "La relazione sulle attività del periodo";
  return missing;
}

const rendicontazioneUrl = (id: string) => new URL(`/rendicontazioni/${id}`, env.APP_URL).toString();

/**
 * "Invia": saves what the form holds (when given), checks it is complete and, in the same
 * transaction, freezes it as version N+1, locks it (SUBMITTED), records the event and mails the
 * coordinators. Refused as a whole if anything is missing: nothing is half-sent.
 */
export async function submitRendicontazione(input: { id: string; revision: number; noExpenses: boolean; draft?: DraftFields }, actor: Actor) {
  return db.$transaction(async (tx) => {
    let revision = input.revision;
    if (input.draft) revision = (await writeDraft(tx, input.id, input.revision, input.draft, actor)).revision;
    const snapshot = await snapshotOf(tx, input.id, { noExpenses: input.noExpenses });
    const missing = missingParts(snapshot, input.noExpenses);
    if (Object.keys(missing).length > 0) throw new IncompleteRendicontazioneError(missing);
    const now = new Date();
    const sent = await tx.rendicontazione.updateMany({
      where: { id: input.id, revision, status: { in: OWED_STATUSES } },
      data: { status: "SUBMITTED", submittedAt: now, revision: revision + 1, updatedById: actor.id },
    });
    if (sent.count !== 1) throw await refusal(tx, input.id);
    const last = await tx.rendicontazioneVersion.findFirst({ where: { rendicontazioneId: input.id }, orderBy: { number: "desc" }, select: { number: true } });
    const number = (last?.number ?? 0) + 1;
    await tx.rendicontazioneVersion.create({
      data: { rendicontazioneId: input.id, number, snapshot: JSON.stringify(snapshot), submittedById: actor.id, submittedByName: actor.name },
    });
    const r = await tx.rendicontazione.findUniqueOrThrow({
      where: { id: input.id },
      select: { organisation: { select: { name: true } }, period: true, project: { select: { code: true, title: true } } },
    });
    await recordChange(tx, {
      subjectType: "RENDICONTAZIONE",
      subjectId: input.id,
      summary: `Rendicontazione inviata (versione ${number}): ${snapshot.expenses.length} spese per ${formatEuro(snapshot.totalCents)}, ${snapshot.attachments.length} allegati`,
      actor,
    });
    const coordinators = await tx.user.findMany({ where: { role: "COORDINATOR", active: true }, select: { name: true, email: true } });
    for (const coordinator of coordinators) {
      await enqueueMail(tx, {
        template: "rendicontazione-submitted",
        to: coordinator.email,
        content: rendicontazioneSubmittedMail({
          name: coordinator.name,
          organisationName: r.organisation.name,
          projectCode: r.project.code,
          projectTitle: r.project.title,
          periodLabel: periodLabel(r.period),
          versionNumber: number,
          submittedBy: actor.name,
          totalLabel: formatEuro(snapshot.totalCents),
          url: rendicontazioneUrl(input.id),
        }),
      });
    }
    return { versionNumber: number, revision: revision + 1 };
  });
}

// --- Review ------------------------------------------------------------------------------------

export const FIELD_COMMENT_SECTIONS = ["expenses", "beneficiaries", "narrative", "attachments"] as const;
export const fieldCommentField = (key: string) => `fieldComment.${key}`;

/** The review form: an outcome, a general comment and a comment per field (all optional here). */
export function reviewFieldsSchema(projectIndicatorIds: readonly string[]) {
  const keys = [...projectIndicatorIds.map((id) => `indicator:${id}`), ...FIELD_COMMENT_SECTIONS];
  const shape: Record<string, z.ZodType> = {
    revision: z.coerce.number({ error: "Revisione mancante: ricarica la pagina." }).int().min(0),
    outcome: z.enum(["APPROVED", "RETURNED"], { error: "Scegli se approvare o restituire la rendicontazione." }),
    comment: optionalText(5000),
  };
  for (const key of keys) shape[fieldCommentField(key)] = optionalText(2000);
  return z.object(shape).transform((raw) => ({
    revision: raw.revision as number,
    outcome: raw.outcome as ReviewOutcome,
    comment: raw.comment as string,
    fieldComments: keys.flatMap((field) => {
      const text = raw[fieldCommentField(field)] as string;
      return text ? [{ field, text }] : [];
    }),
  }));
}

/** "È già stata approvata da …": who decided first, for the reviewer who came second. */
async function alreadyReviewed(client: Client, id: string) {
  const current = await client.rendicontazione.findUnique({
    where: { id },
    select: { status: true, reviews: { orderBy: { versionNumber: "desc" }, take: 1, select: { outcome: true, reviewerName: true, createdAt: true } } },
  });
  if (!current) return new UserFacingError("Rendicontazione non trovata: potrebbe essere stata eliminata.", 404);
  const review = current.reviews[0];
  if (current.status !== "SUBMITTED" && review) {
    const what = review.outcome === "APPROVED" ? "approvata" : "restituita per correzioni";
    return new UserFacingError(`È già stata ${what} da ${review.reviewerName} (${formatDateTime(review.createdAt)}): ricarica la pagina per vedere l'esito.`, 409);
  }
  if (current.status !== "SUBMITTED") {
    return new UserFacingError(`Si può esaminare solo una rendicontazione inviata; questa è «${rendicontazioneStateLabel(current.status)}». Ricarica la pagina.`, 409);
  }
  return new UserFacingError("Nel frattempo la rendicontazione è cambiata: ricarica la pagina.", 409);
}

/**
 * A coordinator's review of the version last sent. The state change is a conditional update on
 * (SUBMITTED, revision) in the same transaction as the review row (unique per version): of two
 * coordinators deciding at once, one wins and the other is told who came first.
 */
export async function reviewRendicontazione(
  input: { id: string; revision: number; outcome: ReviewOutcome; comment: string; fieldComments: FieldComment[] },
  actor: Actor,
) {
  const comment = input.comment.trim();
  const fieldComments = input.fieldComments.map((c) => ({ field: c.field, text: c.text.trim() })).filter((c) => c.text);
  if (input.outcome === "RETURNED" && !comment && fieldComments.length === 0) {
    throw new UserFacingError("Per restituire la rendicontazione scrivi almeno un commento: che cosa va corretto.", 400, "comment");
  }
  try {
    return await db.$transaction(async (tx) => {
      const now = new Date();
      const moved = await tx.rendicontazione.updateMany({
        where: { id: input.id, status: "SUBMITTED", revision: input.revision },
        data: { status: input.outcome, revision: input.revision + 1, approvedAt: input.outcome === "APPROVED" ? now : null, updatedById: actor.id },
      });
      if (moved.count !== 1) throw await alreadyReviewed(tx, input.id);
      const r = await tx.rendicontazione.findUniqueOrThrow({
        where: { id: input.id },
        select: {
          organisationId: true,
          period: true,
          project: { select: { code: true, title: true, indicators: { select: { id: true, indicator: { select: { name: true } } } } } },
          versions: { orderBy: { number: "desc" }, take: 1, select: { number: true } },
        },
      });
      const versionNumber = r.versions[0]?.number;
      if (versionNumber === undefined) throw new UserFacingError("Questa rendicontazione non ha versioni inviate da esaminare.", 409);
      const known = new Set([...r.project.indicators.map((i) => `indicator:${i.id}`), ...FIELD_COMMENT_SECTIONS]);
      const kept = fieldComments.filter((c) => known.has(c.field));
      await tx.rendicontazioneReview.create({
        data: {
          rendicontazioneId: input.id,
          versionNumber,
          outcome: input.outcome,
          comment,
          fieldComments: JSON.stringify(kept),
          reviewerId: actor.id,
          reviewerName: actor.name,
        },
      });
      await recordChange(tx, {
        subjectType: "RENDICONTAZIONE",
        subjectId: input.id,
        summary: input.outcome === "APPROVED" ? `Versione ${versionNumber} approvata` : `Versione ${versionNumber} restituita per correzioni (${kept.length + (comment ? 1 : 0)} commenti)`,
        actor,
      });
      const indicators = r.project.indicators.map((i) => ({ projectIndicatorId: i.id, name: i.indicator.name }));
      const referents = await tx.user.findMany({ where: { organisationId: r.organisationId, role: "REFERENT", active: true }, select: { name: true, email: true } });
      for (const referent of referents) {
        await enqueueMail(tx, {
          template: "rendicontazione-reviewed",
          to: referent.email,
          content: rendicontazioneReviewedMail({
            name: referent.name,
            outcome: input.outcome,
            projectCode: r.project.code,
            projectTitle: r.project.title,
            periodNumber: r.period.number,
            periodLabel: periodLabel(r.period),
            versionNumber,
            reviewerName: actor.name,
            comment,
            fieldComments: kept.map((c) => ({ label: fieldCommentLabel(c.field, indicators), text: c.text })),
            url: rendicontazioneUrl(input.id),
          }),
        });
      }
      return { versionNumber, status: input.outcome };
    });
  } catch (error) {
    // The unique (rendicontazione, version) catches what the conditional update could not see.
    if (isUniqueViolation(error)) throw await alreadyReviewed(db, input.id);
    throw error;
  }
}

// --- Attachments -------------------------------------------------------------------------------

/** Attachments change only while the partner may edit: checked again inside the transaction. */
async function requireEditable(client: Client, id: string) {
  const r = await client.rendicontazione.findUnique({ where: { id }, select: { status: true } });
  if (!r) throw new UserFacingError("Rendicontazione non trovata: potrebbe essere stata eliminata.", 404);
  if (!isOwed(r.status)) throw new UserFacingError("La rendicontazione è già stata inviata: gli allegati non si cambiano più.", 409);
}

export async function addAttachment(id: string, title: string, upload: PendingUpload, actor: Actor) {
  return withStoredFiles([upload], actor.id, async (tx, [file]) => {
    if (!file) throw new Error("withStoredFiles returned no file for the upload");
    await requireEditable(tx, id);
    const count = await tx.rendicontazioneAttachment.count({ where: { rendicontazioneId: id } });
    if (count >= MAX_ATTACHMENTS) throw new UserFacingError(`Al massimo ${MAX_ATTACHMENTS} allegati: togline qualcuno o raccoglili in un unico PDF.`, 400, "file");
    const shownTitle = title.trim() || file.originalName;
    const attachment = await tx.rendicontazioneAttachment.create({ data: { rendicontazioneId: id, fileId: file.id, title: shownTitle } });
    await recordChange(tx, { subjectType: "RENDICONTAZIONE", subjectId: id, summary: `Allegato caricato: ${shownTitle} (${file.originalName})`, actor });
    return attachment;
  });
}

/**
 * Removes an attachment of the working copy. Versions already sent keep its name in their snapshot;
 * the file goes (see the decision record).
 */
export async function removeAttachment(id: string, attachmentId: string, actor: Actor) {
  const storageKey = await db.$transaction(async (tx) => {
    await requireEditable(tx, id);
    const attachment = await tx.rendicontazioneAttachment.findFirst({
      where: { id: attachmentId, rendicontazioneId: id },
      select: { title: true, file: { select: { id: true, storageKey: true, originalName: true } } },
    });
    if (!attachment) throw new UserFacingError("Allegato non trovato: potrebbe essere stato già rimosso.", 404);
    await tx.rendicontazioneAttachment.delete({ where: { id: attachmentId } });
    await tx.storedFile.delete({ where: { id: attachment.file.id } });
    await recordChange(tx, { subjectType: "RENDICONTAZIONE", subjectId: id, summary: `Allegato rimosso: ${attachment.title} (${attachment.file.originalName})`, actor });
    return attachment.file.storageKey;
  });
  // The bytes go once their record is gone for good: a leftover file harms no one, a record
  // without its file would.
  await removeStoredFileBytes(storageKey);
}

/** The attachment's file, only when the attachment belongs to that rendicontazione. */
export function findAttachment(id: string, attachmentId: string) {
  return db.rendicontazioneAttachment.findFirst({ where: { id: attachmentId, rendicontazioneId: id }, select: { fileId: true } });
}

// --- Versions ----------------------------------------------------------------------------------

/** Every version sent, oldest first, with the outcome of its review (none while it waits). */
export async function listVersions(id: string) {
  const [versions, reviews] = await Promise.all([
    db.rendicontazioneVersion.findMany({ where: { rendicontazioneId: id }, orderBy: { number: "asc" } }),
    db.rendicontazioneReview.findMany({ where: { rendicontazioneId: id } }),
  ]);
  return versions.map((v) => {
    const review = reviews.find((r) => r.versionNumber === v.number);
    return {
      number: v.number,
      submittedByName: v.submittedByName,
      submittedAt: formatDateTime(v.createdAt),
      snapshot: parseSnapshot(v.snapshot),
      review: review
        ? {
            outcome: review.outcome as ReviewOutcome,
            outcomeLabel: REVIEW_OUTCOMES[review.outcome as ReviewOutcome] ?? review.outcome,
            reviewerName: review.reviewerName,
            at: formatDateTime(review.createdAt),
            comment: review.comment,
            fieldComments: parseFieldComments(review.fieldComments),
          }
        : null,
    };
  });
}

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

const expenseLine = (e: RendicontazioneSnapshot["expenses"][number]) =>
  `${e.categoryLabel} · ${e.description} · ${formatEuro(e.amountCents)}${e.reference ? ` · ${e.reference}` : ""}`;
const shownNumber = (value: number | null) => (value === null ? "—" : decimalText(value));

/** Two versions side by side: each figure before and after, expense lines kept/added/removed, the narrative word by word. */
export function compareSnapshots(before: RendicontazioneSnapshot, after: RendicontazioneSnapshot) {
  const indicatorIds = [...new Set([...before.indicators.map((i) => i.projectIndicatorId), ...after.indicators.map((i) => i.projectIndicatorId)])];
  const indicators = indicatorIds.map((id) => {
    const was = before.indicators.find((i) => i.projectIndicatorId === id);
    const is = after.indicators.find((i) => i.projectIndicatorId === id);
    const from = `${shownNumber(was?.value ?? null)}${was?.note ? ` (${was.note})` : ""}`;
    const to = `${shownNumber(is?.value ?? null)}${is?.note ? ` (${is.note})` : ""}`;
    return { key: id, label: `${(is ?? was)?.name ?? "Indicatore"} (${(is ?? was)?.unit ?? ""})`, before: from, after: to, changed: from !== to };
  });
  const b = (s: RendicontazioneSnapshot) => s.beneficiaries;
  const beneficiaries = [
    { key: "householdsReached", label: "Nuclei familiari raggiunti", before: shownNumber(b(before).householdsReached), after: shownNumber(b(after).householdsReached) },
    { key: "peopleReached", label: "Persone raggiunte", before: shownNumber(b(before).peopleReached), after: shownNumber(b(after).peopleReached) },
    { key: "minorsReached", label: "Di cui minori", before: shownNumber(b(before).minorsReached), after: shownNumber(b(after).minorsReached) },
    { key: "note", label: "Nota", before: b(before).note || "—", after: b(after).note || "—" },
  ].map((row) => ({ ...row, changed: row.before !== row.after }));
  const expenses = diffArrays(before.expenses.map(expenseLine), after.expenses.map(expenseLine)).flatMap((change) =>
    change.value.map((text) => ({ kind: (change.added ? "added" : change.removed ? "removed" : "same") as DiffPart["kind"], text })),
  );
  const narrative: DiffPart[] = diffWords(richTextToPlain(before.narrative), richTextToPlain(after.narrative)).map((change) => ({
    kind: change.added ? "added" : change.removed ? "removed" : "same",
    text: change.value,
  }));
  const names = (s: RendicontazioneSnapshot) => s.attachments.map((a) => `${a.title} (${a.originalName})`);
  const attachments = diffArrays(names(before), names(after)).flatMap((change) =>
    change.value.map((text) => ({ kind: (change.added ? "added" : change.removed ? "removed" : "same") as DiffPart["kind"], text })),
  );
  return {
    indicators,
    beneficiaries,
    expenses,
    expensesTotal: { before: formatEuro(before.totalCents), after: formatEuro(after.totalCents), changed: before.totalCents !== after.totalCents },
    narrative: { parts: narrative, changed: narrative.some((p) => p.kind !== "same") },
    attachments,
  };
}
export type SnapshotComparison = ReturnType<typeof compareSnapshots>;

/** The versions page: the list, and two versions compared (by default the last two). */
export async function getVersionsPage(id: string, pick: { a: number | null; b: number | null }) {
  const r = await db.rendicontazione.findUnique({
    where: { id },
    select: { id: true, organisation: { select: { name: true } }, period: true, project: { select: { id: true, code: true, title: true } } },
  });
  if (!r) return null;
  const versions = await listVersions(id);
  const last = versions.at(-1)?.number ?? 0;
  const b = pick.b !== null && versions.some((v) => v.number === pick.b) ? pick.b : last;
  const a = pick.a !== null && versions.some((v) => v.number === pick.a) ? pick.a : Math.max(1, b - 1);
  const from = versions.find((v) => v.number === a);
  const to = versions.find((v) => v.number === b);
  return {
    rendicontazione: { id: r.id, organisationName: r.organisation.name, periodLabel: periodLabel(r.period), project: r.project },
    versions: versions.map(({ snapshot, ...v }) => ({ ...v, totalLabel: formatEuro(snapshot.totalCents) })),
    comparison: from && to && from.number !== to.number ? { a: from.number, b: to.number, ...compareSnapshots(from.snapshot, to.snapshot) } : null,
    selected: { a, b },
  };
}

// --- The period, for the lead organisation --------------------------------------------------------

const SENT_STATUSES: RendicontazioneStatus[] = ["SUBMITTED", "APPROVED"];

/**
 * A period of a project as its lead organisation follows it: each partner's state, and the totals of
 * what has been sent (submitted or approved).
 */
export async function getPeriodPage(projectId: string, periodId: string) {
  const period = await db.reportingPeriod.findFirst({
    where: { id: periodId, projectId },
    include: {
      consolidatedBy: { select: { name: true } },
      project: {
        select: {
          id: true,
          code: true,
          title: true,
          leadOrganisationId: true,
          leadOrganisation: { select: { name: true } },
          indicators: { orderBy: { position: "asc" }, select: { id: true, indicator: { select: { name: true, unit: true } } } },
        },
      },
      rendicontazioni: {
        orderBy: { organisation: { name: "asc" } },
        select: {
          id: true,
          status: true,
          organisationId: true,
          submittedAt: true,
          approvedAt: true,
          householdsReached: true,
          peopleReached: true,
          minorsReached: true,
          organisation: { select: { name: true } },
          indicatorValues: { select: { projectIndicatorId: true, value: true } },
          expenses: { select: { amountCents: true } },
        },
      },
    },
  });
  if (!period) return null;
  const today = todayInRome();
  const sent = period.rendicontazioni.filter((r) => SENT_STATUSES.includes(r.status as RendicontazioneStatus));
  const total = (pick: (r: (typeof sent)[number]) => number | null) => sent.reduce((sum, r) => sum + (pick(r) ?? 0), 0);
  return {
    project: { id: period.project.id, code: period.project.code, title: period.project.title, leadOrganisationId: period.project.leadOrganisationId, leadOrganisationName: period.project.leadOrganisation.name },
    period: {
      id: period.id,
      number: period.number,
      label: periodLabel(period),
      dueOn: formatDay(period.dueOn),
      consolidatedNote: period.consolidatedNote,
      consolidatedBy: period.consolidatedBy?.name ?? null,
      consolidatedAt: period.consolidatedAt ? formatDateTime(period.consolidatedAt) : null,
    },
    rendicontazioni: period.rendicontazioni.map((r) => {
      const state = rendicontazioneState({ status: r.status, dueOn: period.dueOn }, today);
      return {
        id: r.id,
        organisationId: r.organisationId,
        organisationName: r.organisation.name,
        status: r.status,
        state,
        stateLabel: rendicontazioneStateLabel(state),
        submittedAt: r.submittedAt ? formatDateTime(r.submittedAt) : null,
        sent: SENT_STATUSES.includes(r.status as RendicontazioneStatus),
        totalCents: sumCents(r.expenses.map((e) => e.amountCents)),
      };
    }),
    totals: {
      sentCount: sent.length,
      expensesCents: sumCents(sent.flatMap((r) => r.expenses.map((e) => e.amountCents))),
      householdsReached: total((r) => r.householdsReached),
      peopleReached: total((r) => r.peopleReached),
      minorsReached: total((r) => r.minorsReached),
      indicators: period.project.indicators.map((pi) => ({
        name: pi.indicator.name,
        unit: pi.indicator.unit,
        value: decimalText(sent.reduce((sum, r) => sum + (r.indicatorValues.find((v) => v.projectIndicatorId === pi.id)?.value ?? 0), 0)),
      })),
    },
  };
}

export const consolidatedNoteFields = z.object({ consolidatedNote: optionalText(5000) });

export async function saveConsolidatedNote(projectId: string, periodId: string, note: string, actor: Actor) {
  await db.$transaction(async (tx) => {
    const period = await tx.reportingPeriod.findFirst({ where: { id: periodId, projectId }, select: { number: true, consolidatedNote: true } });
    if (!period) throw new UserFacingError("Periodo non trovato.", 404);
    await tx.reportingPeriod.update({ where: { id: periodId }, data: { consolidatedNote: note, consolidatedById: actor.id, consolidatedAt: new Date() } });
    await recordChange(tx, {
      subjectType: "PROJECT",
      subjectId: projectId,
      summary: `Nota di sintesi del periodo ${period.number} ${note ? "aggiornata" : "cancellata"}`,
      actor,
      changes: { "Nota di sintesi": [period.consolidatedNote, note] },
    });
  });
}
