import { z } from "zod";
import { type Actor, diff, listHistory, recordChange } from "~/domain/audit.server";
import { formatEuro, normaliseCup, parseEuro, sumCents, euroInputValue } from "~/domain/money";
import {
  FUNDING_SOURCES,
  fundingSourceLabel,
  INDICATOR_AGGREGATIONS,
  INDICATOR_DIRECTIONS,
  PROJECT_STATUSES,
  projectStatusLabel,
  REPORTING_FREQUENCIES,
  rendicontazioneState,
  rendicontazioneStateLabel,
  reportingFrequencyLabel,
  type FundingSource,
  type ProjectStatus,
  type ReportingFrequency,
} from "~/domain/projects";
import { approvedRendicontazioniOf, progressFromRows, progressPeriods } from "~/domain/project-progress.server";
import { customPeriodEndsOf, syncReportingSchedule } from "~/domain/reporting-schedule.server";
import { containsIgnoringCase, db, isUniqueViolation, type DbTransaction, type Prisma } from "~/db.server";
import { dayInputValue, formatDay, parseDay, todayInRome } from "~/utils/dates";
import { UserFacingError } from "~/utils/errors";
import { formReply, idList, optionalDayField, optionalText, parseFields, requiredText, type FormErrors } from "~/utils/forms.server";

// Projects as records: their data, partners and shares, objectives, action lines, indicators and
// funding, written together with their reporting schedule in one transaction. Money is whole euro
// cents (numbers here, BigInt in the database); see docs/decisions/020-projects-and-money.md.

// --- The input ---------------------------------------------------------------------------------

/** A project as the form, the seed and the tests give it: amounts in cents, days as stored days. */
export interface ProjectInput {
  code: string;
  title: string;
  cup: string | null;
  rup: string;
  description: string;
  leadOrganisationId: string;
  workingGroupId: string | null;
  objectiveIds: string[];
  startsOn: Date;
  endsOn: Date;
  status: ProjectStatus;
  fundingSource: FundingSource;
  fundingDetail: string;
  programmedCents: number;
  admittedCents: number;
  committedCents: number;
  disbursedCents: number;
  uncommittedReason: string;
  expectedCommitmentOn: Date | null;
  reportingFrequency: ReportingFrequency;
  customPeriodEnds: Date[];
  reportingDueDays: number;
  /** The lead organisation is a partner too; it is added with no share when missing. */
  partners: { organisationId: string; budgetCents: number }[];
  actionLines: { code: string; title: string }[];
  /** actionLineCode names one of actionLines by its code. */
  indicators: { indicatorId: string; actionLineCode: string | null; baseline: number; target: number; targetOn: Date }[];
}

export const DEFAULT_DUE_DAYS = 30;
const PAGE_SIZE = 25;

const INVALID_AMOUNT = "Importo non valido: scrivilo in euro, per esempio 1.230.620,00.";
const INVALID_NUMBER = "Numero non valido: usa solo cifre e la virgola per i decimali, per esempio 12,5.";
const INVALID_DAY = "Data non valida: usa il formato gg/mm/aaaa.";

// --- The rules ---------------------------------------------------------------------------------

const sameCode = (a: string, b: string) => a.toLocaleUpperCase("it") === b.toLocaleUpperCase("it");

/**
 * The lead is always a partner (its share may be nil), and the reason for an uncommitted amount
 * means nothing once everything is committed.
 */
function normalise(input: ProjectInput): ProjectInput {
  const partners = input.partners.some((p) => p.organisationId === input.leadOrganisationId)
    ? input.partners
    : [...input.partners, { organisationId: input.leadOrganisationId, budgetCents: 0 }];
  const fullyCommitted = input.committedCents >= input.programmedCents;
  return {
    ...input,
    partners,
    uncommittedReason: fullyCommitted ? "" : input.uncommittedReason,
    expectedCommitmentOn: fullyCommitted ? null : input.expectedCommitmentOn,
    customPeriodEnds: input.reportingFrequency === "CUSTOM" ? input.customPeriodEnds : [],
  };
}

/**
 * What a project's figures must respect, whoever writes it (form, seed, script). Keys are the
 * form's field names; a row's error carries its index in the input's list ("partnerOrganisationId.2").
 */
export function projectRuleErrors(input: ProjectInput): Record<string, string> {
  const errors: Record<string, string> = {};
  const fail = (field: string, message: string) => {
    errors[field] ??= message;
  };
  if (input.endsOn <= input.startsOn) fail("endsOn", "La fine del progetto deve essere successiva all'inizio.");

  const { programmedCents: programmed, admittedCents: admitted, committedCents: committed, disbursedCents: disbursed } = input;
  if (programmed <= 0) fail("programmed", "Indica l'importo programmato: deve essere maggiore di zero.");
  if (admitted > programmed) fail("admitted", `L'importo ammesso a finanziamento non può superare il programmato (${formatEuro(programmed)}).`);
  // Before the funder admits the project the programmed amount is the ceiling; after, the admitted one.
  const ceiling = admitted > 0 ? { cents: admitted, name: "l'ammesso a finanziamento" } : { cents: programmed, name: "il programmato" };
  if (committed > ceiling.cents) fail("committed", `L'importo giuridicamente vincolante non può superare ${ceiling.name} (${formatEuro(ceiling.cents)}).`);
  if (disbursed > ceiling.cents) fail("disbursed", `L'importo erogato non può superare ${ceiling.name} (${formatEuro(ceiling.cents)}).`);
  if (committed < programmed) {
    const missing = formatEuro(Math.max(0, programmed - committed));
    if (!input.uncommittedReason.trim()) fail("uncommittedReason", `Spiega perché ${missing} del programmato non sono ancora giuridicamente vincolanti.`);
    if (!input.expectedCommitmentOn) fail("expectedCommitmentOn", `Indica entro quando si prevede di impegnare i ${missing} che mancano.`);
  }

  const seenPartners = new Set<string>();
  input.partners.forEach((partner, index) => {
    if (seenPartners.has(partner.organisationId)) {
      fail(`partnerOrganisationId.${index}`, "Questa organizzazione compare già in un'altra riga: ogni partner va indicato una volta sola.");
    }
    seenPartners.add(partner.organisationId);
    if (!Number.isSafeInteger(partner.budgetCents) || partner.budgetCents < 0) fail(`partnerBudget.${index}`, INVALID_AMOUNT);
  });
  const shares = sumCents(input.partners.map((p) => (Number.isSafeInteger(p.budgetCents) ? p.budgetCents : 0)));
  if (shares > programmed) {
    fail("partners", `Le quote dei partner (in tutto ${formatEuro(shares)}) superano l'importo programmato (${formatEuro(programmed)}).`);
  }

  input.actionLines.forEach((line, index) => {
    if (input.actionLines.findIndex((other) => sameCode(other.code, line.code)) !== index) {
      fail(`actionLineCode.${index}`, `La linea d'azione ${line.code} compare già in un'altra riga: ogni codice una volta sola.`);
    }
  });

  input.indicators.forEach((indicator, index) => {
    if (input.indicators.findIndex((other) => other.indicatorId === indicator.indicatorId) !== index) {
      fail(`indicatorId.${index}`, "Questo indicatore compare già in un'altra riga: ogni indicatore una volta sola per progetto.");
    }
    if (indicator.actionLineCode && !input.actionLines.some((line) => sameCode(line.code, indicator.actionLineCode!))) {
      fail(`indicatorActionLine.${index}`, `Il progetto non ha una linea d'azione ${indicator.actionLineCode}: usa uno dei codici delle linee qui sopra, o lascia vuoto.`);
    }
    if (!Number.isFinite(indicator.baseline) || indicator.baseline < 0) fail(`indicatorBaseline.${index}`, "Il valore di partenza non può essere negativo.");
    if (!Number.isFinite(indicator.target) || indicator.target < 0) fail(`indicatorTarget.${index}`, "Il target non può essere negativo.");
  });

  if (input.reportingFrequency === "CUSTOM") {
    if (input.customPeriodEnds.length === 0) fail("customPeriodEnds", "Con le date personalizzate indica almeno la fine di un periodo di rendicontazione.");
    input.customPeriodEnds.forEach((end, index) => {
      if (end < input.startsOn || end > input.endsOn) fail(`customPeriodEnds.${index}`, "La fine di un periodo deve cadere tra l'inizio e la fine del progetto.");
    });
  }
  if (!Number.isInteger(input.reportingDueDays) || input.reportingDueDays < 0 || input.reportingDueDays > 365) {
    fail("reportingDueDays", "Indica un numero di giorni tra 0 e 365.");
  }
  return errors;
}

function assertRules(input: ProjectInput) {
  const [field, message] = Object.entries(projectRuleErrors(input))[0] ?? [];
  if (field && message) throw new UserFacingError(message, 400, field);
}

// --- The form ----------------------------------------------------------------------------------

const euroAmount = (missing?: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) {
        if (!missing) return 0;
        ctx.addIssue({ code: "custom", message: missing });
        return z.NEVER;
      }
      const cents = parseEuro(value);
      if (cents === null) {
        ctx.addIssue({ code: "custom", message: INVALID_AMOUNT });
        return z.NEVER;
      }
      return cents;
    });

const requiredDay = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .transform((value, ctx) => {
      const day = parseDay(value);
      if (!day) {
        ctx.addIssue({ code: "custom", message: INVALID_DAY });
        return z.NEVER;
      }
      return day;
    });

/** The project form's single fields; its repeated rows are read by parseProjectForm. */
export const projectFields = z.object({
  title: requiredText("Inserisci il titolo del progetto.", 300),
  code: requiredText("Inserisci il codice del progetto (per esempio TO7.1.1.a).", 40).pipe(
    z.string().regex(/^\S+$/, "Il codice non può contenere spazi."),
  ),
  cup: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const cup = normaliseCup(value);
      if (!cup) {
        ctx.addIssue({
          code: "custom",
          message: "CUP non valido: sono 15 caratteri, una lettera, due cifre, una lettera e undici cifre (per esempio J41H22000250006).",
        });
        return z.NEVER;
      }
      return cup;
    }),
  rup: optionalText(200),
  description: optionalText(10_000),
  leadOrganisationId: requiredText("Scegli il soggetto attuatore.", 40),
  workingGroupId: z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((value) => value || null),
  objectiveIds: idList,
  startsOn: requiredDay("Indica la data di inizio del progetto."),
  endsOn: requiredDay("Indica la data di fine del progetto."),
  status: z.enum(Object.keys(PROJECT_STATUSES) as [ProjectStatus], { error: "Scegli lo stato del progetto." }),
  fundingSource: z.enum(Object.keys(FUNDING_SOURCES) as [FundingSource], { error: "Scegli la fonte di finanziamento." }),
  fundingDetail: optionalText(300),
  programmed: euroAmount("Indica l'importo programmato."),
  admitted: euroAmount(),
  committed: euroAmount(),
  disbursed: euroAmount(),
  uncommittedReason: optionalText(2000),
  expectedCommitmentOn: optionalDayField,
  reportingFrequency: z.enum(Object.keys(REPORTING_FREQUENCIES) as [ReportingFrequency], { error: "Scegli ogni quanto si rendiconta." }),
  reportingDueDays: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return DEFAULT_DUE_DAYS;
      if (!/^\d{1,3}$/.test(value)) {
        ctx.addIssue({ code: "custom", message: "Indica un numero di giorni tra 0 e 365." });
        return z.NEVER;
      }
      return Number(value);
    }),
});

/** The names of each repeated row's fields, in the form and in FormReply.lists. */
export const PROJECT_ROWS = {
  partners: ["partnerOrganisationId", "partnerBudget"],
  actionLines: ["actionLineCode", "actionLineTitle"],
  indicators: ["indicatorId", "indicatorActionLine", "indicatorBaseline", "indicatorTarget", "indicatorTargetOn"],
  customPeriodEnds: ["customPeriodEnds"],
} as const;

/** The rows a person filled in, each with its position in the form; rows left empty are skipped. */
function filledRows<const K extends readonly string[]>(formData: FormData, names: K) {
  const lists = names.map((name) => formData.getAll(name).map((v) => (typeof v === "string" ? v.trim() : "")));
  const length = Math.max(0, ...lists.map((list) => list.length));
  const rows: { index: number; values: Record<K[number], string> }[] = [];
  for (let index = 0; index < length; index++) {
    const values = Object.fromEntries(names.map((name, n) => [name, lists[n]![index] ?? ""])) as Record<K[number], string>;
    if (Object.values<string>(values).some(Boolean)) rows.push({ index, values });
  }
  return rows;
}

/** "12,5", "12.5", "1000" → a number; null when it is not one. */
function parseDecimal(text: string): number | null {
  if (!/^\d+([.,]\d+)?$/.test(text)) return null;
  return Number(text.replace(",", "."));
}

/**
 * The whole project form: its single fields with zod, its repeated rows one by one, then the rules
 * every project follows. Errors are keyed by field, and a row's by field and its position in the
 * form ("partnerBudget.2"), so each shows next to its row when the form comes back.
 */
export function parseProjectForm(formData: FormData): { ok: true; data: ProjectInput } | { ok: false; errors: FormErrors } {
  const fields = parseFields(formData, projectFields);
  const errors: Record<string, string> = fields.ok ? {} : { ...(fields.errors.fieldErrors as Record<string, string>) };
  const fail = (field: string, message: string) => {
    errors[field] ??= message;
  };

  const partnerRows = filledRows(formData, PROJECT_ROWS.partners);
  const partners: ProjectInput["partners"] = [];
  for (const { index, values } of partnerRows) {
    if (!values.partnerOrganisationId) fail(`partnerOrganisationId.${index}`, "Scegli l'organizzazione di questa riga, o svuota la riga.");
    const budgetCents = values.partnerBudget ? parseEuro(values.partnerBudget) : 0;
    if (budgetCents === null) fail(`partnerBudget.${index}`, INVALID_AMOUNT);
    partners.push({ organisationId: values.partnerOrganisationId, budgetCents: budgetCents ?? 0 });
  }

  const lineRows = filledRows(formData, PROJECT_ROWS.actionLines);
  const actionLines: ProjectInput["actionLines"] = [];
  for (const { index, values } of lineRows) {
    if (!values.actionLineCode) fail(`actionLineCode.${index}`, "Indica il codice della linea d'azione (per esempio A).");
    else if (values.actionLineCode.length > 20 || /\s/.test(values.actionLineCode)) {
      fail(`actionLineCode.${index}`, "Il codice è breve e senza spazi (al massimo 20 caratteri).");
    }
    if (!values.actionLineTitle) fail(`actionLineTitle.${index}`, "Indica il titolo della linea d'azione.");
    else if (values.actionLineTitle.length > 300) fail(`actionLineTitle.${index}`, "Al massimo 300 caratteri.");
    actionLines.push({ code: values.actionLineCode, title: values.actionLineTitle });
  }

  const indicatorRows = filledRows(formData, PROJECT_ROWS.indicators);
  const indicators: ProjectInput["indicators"] = [];
  for (const { index, values } of indicatorRows) {
    if (!values.indicatorId) fail(`indicatorId.${index}`, "Scegli l'indicatore dal catalogo, o svuota la riga.");
    const baseline = values.indicatorBaseline ? parseDecimal(values.indicatorBaseline) : 0;
    if (baseline === null) fail(`indicatorBaseline.${index}`, INVALID_NUMBER);
    const target = values.indicatorTarget ? parseDecimal(values.indicatorTarget) : null;
    if (!values.indicatorTarget) fail(`indicatorTarget.${index}`, "Indica il target da raggiungere.");
    else if (target === null) fail(`indicatorTarget.${index}`, INVALID_NUMBER);
    const targetOn = parseDay(values.indicatorTargetOn);
    if (!values.indicatorTargetOn) fail(`indicatorTargetOn.${index}`, "Indica entro quando raggiungere il target.");
    else if (!targetOn) fail(`indicatorTargetOn.${index}`, INVALID_DAY);
    indicators.push({
      indicatorId: values.indicatorId,
      actionLineCode: values.indicatorActionLine || null,
      baseline: baseline ?? 0,
      target: target ?? 0,
      targetOn: targetOn ?? new Date(0),
    });
  }

  const endRows = filledRows(formData, PROJECT_ROWS.customPeriodEnds);
  const customPeriodEnds: Date[] = [];
  for (const { index, values } of endRows) {
    const day = parseDay(values.customPeriodEnds);
    if (!day) fail(`customPeriodEnds.${index}`, INVALID_DAY);
    else customPeriodEnds.push(day);
  }

  if (!fields.ok || Object.keys(errors).length > 0) return { ok: false, errors: { fieldErrors: errors, formError: fields.ok ? undefined : fields.errors.formError } };

  const { programmed, admitted, committed, disbursed, ...rest } = fields.data;
  const input: ProjectInput = {
    ...rest,
    programmedCents: programmed,
    admittedCents: admitted,
    committedCents: committed,
    disbursedCents: disbursed,
    customPeriodEnds,
    partners,
    actionLines,
    indicators,
  };
  // A rule's row index counts the filled rows; the page needs the row's place in the form.
  const formIndex: Record<string, number[]> = {
    partnerOrganisationId: partnerRows.map((r) => r.index),
    partnerBudget: partnerRows.map((r) => r.index),
    actionLineCode: lineRows.map((r) => r.index),
    indicatorId: indicatorRows.map((r) => r.index),
    indicatorActionLine: indicatorRows.map((r) => r.index),
    indicatorBaseline: indicatorRows.map((r) => r.index),
    indicatorTarget: indicatorRows.map((r) => r.index),
    customPeriodEnds: endRows.map((r) => r.index),
  };
  for (const [key, message] of Object.entries(projectRuleErrors(normalise(input)))) {
    const [field, position] = key.split(".");
    fail(position === undefined ? key : `${field}.${formIndex[field!]?.[Number(position)] ?? position}`, message);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors: { fieldErrors: errors } };
  return { ok: true, data: input };
}

/** Reads a posted project form like parseForm does: the input, or the reply with its errors. */
export async function readProjectForm(request: Request) {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return { ok: false as const, reply: formReply({ formError: "Il modulo inviato non è leggibile." }, new FormData(), 400) };
  }
  const parsed = parseProjectForm(formData);
  if (!parsed.ok) return { ok: false as const, reply: formReply(parsed.errors, formData, 400) };
  return { ok: true as const, data: parsed.data, formData };
}

// --- Writing -----------------------------------------------------------------------------------

type Reader = Pick<DbTransaction, "project">;

async function assertUnique(reader: Reader, input: Pick<ProjectInput, "code" | "cup">, exceptId?: string) {
  const notThis = exceptId ? { id: { not: exceptId } } : {};
  const sameCodeProject = await reader.project.findFirst({ where: { code: input.code, ...notThis }, select: { title: true } });
  if (sameCodeProject) {
    throw new UserFacingError(`Esiste già un progetto con il codice ${input.code} («${sameCodeProject.title}»).`, 409, "code");
  }
  if (input.cup) {
    const sameCup = await reader.project.findFirst({ where: { cup: input.cup, ...notThis }, select: { code: true, title: true } });
    if (sameCup) throw new UserFacingError(`Il CUP ${input.cup} è già del progetto ${sameCup.code} («${sameCup.title}»).`, 409, "cup");
  }
}

/** Two writers at once can pass assertUnique; the unique index then says no, and this says why. */
async function uniqueGuard<T>(input: ProjectInput, exceptId: string | undefined, work: () => Promise<T>) {
  try {
    return await work();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await assertUnique(db, input, exceptId);
    throw new UserFacingError("Il progetto non è stato salvato: qualcuno ha appena registrato gli stessi dati. Ricarica la pagina e riprova.", 409);
  }
}

/**
 * Everything the input points at must exist: a page left open could name an organisation that has
 * since left the tavolo, or an indicator removed from the catalogue. The messages speak of the
 * group, not a row, since the rows the page numbered may not be the input's.
 */
async function checkReferences(tx: DbTransaction, input: ProjectInput, current?: { partnerIds: string[] }) {
  const organisationIds = [...new Set(input.partners.map((p) => p.organisationId))];
  const organisations = await tx.organisation.findMany({ where: { id: { in: organisationIds } }, select: { id: true, name: true, status: true } });
  // An organisation that has since left stays on the projects it was already in; it joins no new one.
  const usable = (id: string) => {
    const organisation = organisations.find((o) => o.id === id);
    return !!organisation && (organisation.status !== "EX_PARTNER" || (current?.partnerIds.includes(id) ?? false));
  };
  if (!usable(input.leadOrganisationId)) {
    throw new UserFacingError("Scegli il soggetto attuatore tra le organizzazioni del tavolo.", 400, "leadOrganisationId");
  }
  const unusable = input.partners.find((partner) => !usable(partner.organisationId));
  if (unusable) {
    const name = organisations.find((o) => o.id === unusable.organisationId)?.name;
    throw new UserFacingError(
      name ? `${name} non fa più parte del tavolo: non può diventare partner del progetto.` : "Un partner scelto non è più nell'anagrafica: ricarica la pagina.",
      400,
      "partners",
    );
  }
  if (input.workingGroupId && (await tx.workingGroup.count({ where: { id: input.workingGroupId } })) === 0) {
    throw new UserFacingError("Il gruppo di lavoro scelto non esiste più: ricarica la pagina.", 400, "workingGroupId");
  }
  if ((await tx.strategicObjective.count({ where: { id: { in: input.objectiveIds } } })) !== new Set(input.objectiveIds).size) {
    throw new UserFacingError("Un obiettivo strategico scelto non esiste più: ricarica la pagina.", 400, "objectiveIds");
  }
  const indicatorIds = [...new Set(input.indicators.map((i) => i.indicatorId))];
  if ((await tx.indicator.count({ where: { id: { in: indicatorIds } } })) !== indicatorIds.length) {
    throw new UserFacingError("Un indicatore scelto non è più nel catalogo: ricarica la pagina.", 400, "indicators");
  }
}

function projectData(input: ProjectInput) {
  return {
    code: input.code,
    title: input.title,
    cup: input.cup,
    rup: input.rup,
    description: input.description,
    leadOrganisationId: input.leadOrganisationId,
    workingGroupId: input.workingGroupId,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    status: input.status,
    fundingSource: input.fundingSource,
    fundingDetail: input.fundingDetail,
    programmedCents: BigInt(input.programmedCents),
    admittedCents: BigInt(input.admittedCents),
    committedCents: BigInt(input.committedCents),
    disbursedCents: BigInt(input.disbursedCents),
    uncommittedReason: input.uncommittedReason,
    expectedCommitmentOn: input.expectedCommitmentOn,
    reportingFrequency: input.reportingFrequency,
    customPeriodEnds: JSON.stringify([...input.customPeriodEnds].sort((a, b) => a.getTime() - b.getTime()).map(dayInputValue)),
    reportingDueDays: input.reportingDueDays,
  };
}

/** Action lines kept by code: a line renamed keeps its indicators; one removed frees them. */
async function writeActionLines(tx: DbTransaction, projectId: string, lines: ProjectInput["actionLines"]) {
  const existing = await tx.projectActionLine.findMany({ where: { projectId }, select: { id: true, code: true } });
  const removed = existing.filter((line) => !lines.some((l) => sameCode(l.code, line.code)));
  if (removed.length > 0) await tx.projectActionLine.deleteMany({ where: { id: { in: removed.map((l) => l.id) } } });
  const ids = new Map<string, string>();
  for (const [position, line] of lines.entries()) {
    const match = existing.find((e) => sameCode(e.code, line.code));
    const saved = match
      ? await tx.projectActionLine.update({ where: { id: match.id }, data: { code: line.code, title: line.title, position } })
      : await tx.projectActionLine.create({ data: { projectId, code: line.code, title: line.title, position } });
    ids.set(line.code.toLocaleUpperCase("it"), saved.id);
  }
  return ids;
}

/**
 * Indicators kept by catalogue indicator. One taken off the project would take its reported values
 * with it, so that is refused once a partner has written any.
 */
async function writeIndicators(tx: DbTransaction, projectId: string, indicators: ProjectInput["indicators"], lineIds: Map<string, string>) {
  const existing = await tx.projectIndicator.findMany({
    where: { projectId },
    // Whether any value exists, not how many: a relation count would group every value reported.
    select: { id: true, indicatorId: true, indicator: { select: { name: true } }, values: { take: 1, select: { rendicontazioneId: true } } },
  });
  const removed = existing.filter((e) => !indicators.some((i) => i.indicatorId === e.indicatorId));
  const withValues = removed.find((e) => e.values.length > 0);
  if (withValues) {
    throw new UserFacingError(
      `L'indicatore «${withValues.indicator.name}» ha già valori rendicontati dai partner: non si può togliere dal progetto.`,
      409,
      "indicators",
    );
  }
  if (removed.length > 0) await tx.projectIndicator.deleteMany({ where: { id: { in: removed.map((e) => e.id) } } });
  for (const [position, indicator] of indicators.entries()) {
    const values = {
      actionLineId: indicator.actionLineCode ? (lineIds.get(indicator.actionLineCode.toLocaleUpperCase("it")) ?? null) : null,
      baseline: indicator.baseline,
      target: indicator.target,
      targetOn: indicator.targetOn,
      position,
    };
    await tx.projectIndicator.upsert({
      where: { projectId_indicatorId: { projectId, indicatorId: indicator.indicatorId } },
      create: { projectId, indicatorId: indicator.indicatorId, ...values },
      update: values,
    });
  }
}

async function writePartners(tx: DbTransaction, projectId: string, partners: ProjectInput["partners"]) {
  await tx.projectPartner.deleteMany({ where: { projectId, organisationId: { notIn: partners.map((p) => p.organisationId) } } });
  for (const partner of partners) {
    await tx.projectPartner.upsert({
      where: { projectId_organisationId: { projectId, organisationId: partner.organisationId } },
      create: { projectId, organisationId: partner.organisationId, budgetCents: BigInt(partner.budgetCents) },
      update: { budgetCents: BigInt(partner.budgetCents) },
    });
  }
}

async function writeObjectives(tx: DbTransaction, projectId: string, objectiveIds: string[]) {
  await tx.projectObjective.deleteMany({ where: { projectId } });
  const unique = [...new Set(objectiveIds)];
  if (unique.length > 0) await tx.projectObjective.createMany({ data: unique.map((objectiveId) => ({ projectId, objectiveId })) });
}

const AUDIT_LABELS = {
  code: "Codice",
  title: "Titolo",
  cup: "CUP",
  rup: "RUP",
  description: "Descrizione",
  lead: "Soggetto attuatore",
  workingGroup: "Gruppo di lavoro",
  objectives: "Obiettivi strategici",
  startsOn: "Inizio",
  endsOn: "Fine",
  status: "Stato",
  fundingSource: "Fonte di finanziamento",
  fundingDetail: "Dettaglio del finanziamento",
  programmed: "Importo programmato",
  admitted: "Ammesso a finanziamento",
  committed: "Giuridicamente vincolante",
  disbursed: "Erogato",
  uncommittedReason: "Motivo del non impegnato",
  expectedCommitmentOn: "Impegno previsto entro",
  schedule: "Calendario delle rendicontazioni",
  partners: "Partner e quote",
  actionLines: "Linee d'azione",
  indicators: "Indicatori",
};

/** The project in words, field by field, for the history's before → after. */
async function auditView(tx: DbTransaction, projectId: string) {
  const p = await tx.project.findUniqueOrThrow({
    where: { id: projectId },
    include: {
      leadOrganisation: { select: { name: true } },
      workingGroup: { select: { name: true } },
      objectives: { select: { objective: { select: { code: true } } } },
      partners: { select: { budgetCents: true, organisation: { select: { name: true } } } },
      actionLines: { orderBy: { position: "asc" }, select: { code: true, title: true } },
      indicators: {
        orderBy: { position: "asc" },
        select: { baseline: true, target: true, targetOn: true, indicator: { select: { name: true } }, actionLine: { select: { code: true } } },
      },
    },
  });
  const customEnds = customPeriodEndsOf(p.customPeriodEnds).map(formatDay).join(", ");
  return {
    code: p.code,
    title: p.title,
    cup: p.cup ?? "",
    rup: p.rup,
    description: p.description,
    lead: p.leadOrganisation.name,
    workingGroup: p.workingGroup?.name ?? "",
    objectives: p.objectives.map((o) => o.objective.code).sort().join(", "),
    startsOn: formatDay(p.startsOn),
    endsOn: formatDay(p.endsOn),
    status: projectStatusLabel(p.status),
    fundingSource: fundingSourceLabel(p.fundingSource),
    fundingDetail: p.fundingDetail,
    programmed: formatEuro(p.programmedCents),
    admitted: formatEuro(p.admittedCents),
    committed: formatEuro(p.committedCents),
    disbursed: formatEuro(p.disbursedCents),
    uncommittedReason: p.uncommittedReason,
    expectedCommitmentOn: p.expectedCommitmentOn ? formatDay(p.expectedCommitmentOn) : "",
    schedule: `${reportingFrequencyLabel(p.reportingFrequency)}${customEnds ? ` (${customEnds})` : ""}, scadenza ${p.reportingDueDays} giorni dopo la fine del periodo`,
    partners: p.partners
      .map((partner) => `${partner.organisation.name}: ${formatEuro(partner.budgetCents)}`)
      .sort((a, b) => a.localeCompare(b, "it"))
      .join("; "),
    actionLines: p.actionLines.map((line) => `${line.code} ${line.title}`).join("; "),
    indicators: p.indicators
      .map((i) => `${i.indicator.name}${i.actionLine ? ` (linea ${i.actionLine.code})` : ""}: da ${i.baseline} a ${i.target} entro il ${formatDay(i.targetOn)}`)
      .join("; "),
  };
}

/**
 * A new project with all its parts and its reporting schedule (periods and one rendicontazione per
 * period and partner), in one transaction.
 */
export async function createProject(input: ProjectInput, actor: Actor): Promise<{ id: string }> {
  const project = normalise(input);
  assertRules(project);
  return uniqueGuard(project, undefined, () =>
    db.$transaction(async (tx) => {
      await checkReferences(tx, project);
      await assertUnique(tx, project);
      const created = await tx.project.create({ data: projectData(project), select: { id: true } });
      await writePartners(tx, created.id, project.partners);
      await writeObjectives(tx, created.id, project.objectiveIds);
      const lineIds = await writeActionLines(tx, created.id, project.actionLines);
      await writeIndicators(tx, created.id, project.indicators, lineIds);
      await syncReportingSchedule(tx, created.id);
      await recordChange(tx, { subjectType: "PROJECT", subjectId: created.id, summary: `Progetto registrato: ${project.code} «${project.title}»`, actor });
      return { id: created.id };
    }),
  );
}

/**
 * Changes a project and keeps its schedule in step. What partners have already started stays as it
 * is: removing a partner that has begun reporting, or moving a period being reported on, is refused
 * by syncReportingSchedule and nothing is written.
 */
export async function updateProject(id: string, input: ProjectInput, actor: Actor): Promise<{ id: string }> {
  const project = normalise(input);
  assertRules(project);
  return uniqueGuard(project, id, () =>
    db.$transaction(async (tx) => {
      const current = await tx.project.findUnique({ where: { id }, select: { id: true, partners: { select: { organisationId: true } } } });
      if (!current) throw new UserFacingError("Progetto non trovato: potrebbe essere stato eliminato.", 404);
      await checkReferences(tx, project, { partnerIds: current.partners.map((p) => p.organisationId) });
      await assertUnique(tx, project, id);
      const before = await auditView(tx, id);
      await tx.project.update({ where: { id }, data: projectData(project) });
      await writePartners(tx, id, project.partners);
      await writeObjectives(tx, id, project.objectiveIds);
      const lineIds = await writeActionLines(tx, id, project.actionLines);
      await writeIndicators(tx, id, project.indicators, lineIds);
      await syncReportingSchedule(tx, id);
      const changes = diff(before, await auditView(tx, id), AUDIT_LABELS);
      if (Object.keys(changes).length > 0) {
        await recordChange(tx, { subjectType: "PROJECT", subjectId: id, summary: `Dati del progetto modificati: ${project.code}`, actor, changes });
      }
      return { id };
    }),
  );
}

// --- Reading -----------------------------------------------------------------------------------

/**
 * For selects (the decision forms, the register's filter): by code, the projects not concluded and
 * those `also` names (the one a filter has chosen, those a meeting's entries already point to).
 * A tavolo piles up hundreds of concluded projects in ten years; each one's decisions are on its page.
 */
export async function projectChoices(also: Prisma.ProjectWhereInput[] = []) {
  return db.project.findMany({
    where: { OR: [{ status: { not: "COMPLETED" } }, ...also] },
    orderBy: { code: "asc" },
    select: { id: true, code: true, title: true },
  });
}

/** What the project form offers: organisations of the tavolo (and the project's own), groups, objectives, indicators. */
export async function projectFormChoices(projectId?: string) {
  const [organisations, groups, objectives, indicators] = await Promise.all([
    db.organisation.findMany({
      where: { OR: [{ status: { not: "EX_PARTNER" } }, ...(projectId ? [{ projectShares: { some: { projectId } } }] : [])] },
      orderBy: [{ isCoordinator: "desc" }, { name: "asc" }],
      select: { id: true, name: true },
    }),
    db.workingGroup.findMany({
      where: { OR: [{ status: { not: "CLOSED" } }, ...(projectId ? [{ projects: { some: { id: projectId } } }] : [])] },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    db.strategicObjective.findMany({ orderBy: [{ position: "asc" }, { code: "asc" }], select: { id: true, code: true, title: true } }),
    db.indicator.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, unit: true } }),
  ]);
  const options = <T extends { id: string }>(rows: T[], label: (row: T) => string) => rows.map((row) => ({ value: row.id, label: label(row) }));
  return {
    organisations: options(organisations, (o) => o.name),
    workingGroups: options(groups, (g) => g.name),
    objectives: options(objectives, (o) => `${o.code} – ${o.title}`),
    indicators: options(indicators, (i) => `${i.name} (${i.unit})`),
    statuses: Object.entries(PROJECT_STATUSES).map(([value, label]) => ({ value, label })),
    fundingSources: Object.entries(FUNDING_SOURCES).map(([value, label]) => ({ value, label })),
    frequencies: Object.entries(REPORTING_FREQUENCIES).map(([value, label]) => ({ value, label })),
  };
}
export type ProjectFormChoices = Awaited<ReturnType<typeof projectFormChoices>>;

/** A project as its edit form shows it: every value as the text of its field. */
export interface ProjectFormValues {
  title: string;
  code: string;
  cup: string;
  rup: string;
  description: string;
  leadOrganisationId: string;
  workingGroupId: string;
  objectiveIds: string[];
  startsOn: string;
  endsOn: string;
  status: string;
  fundingSource: string;
  fundingDetail: string;
  programmed: string;
  admitted: string;
  committed: string;
  disbursed: string;
  uncommittedReason: string;
  expectedCommitmentOn: string;
  reportingFrequency: string;
  reportingDueDays: string;
  customPeriodEnds: string[];
  partners: { partnerOrganisationId: string; partnerBudget: string }[];
  actionLines: { actionLineCode: string; actionLineTitle: string }[];
  indicators: { indicatorId: string; indicatorActionLine: string; indicatorBaseline: string; indicatorTarget: string; indicatorTargetOn: string }[];
}

const decimalText = (value: number) => String(value).replace(".", ",");

export async function projectForEdit(id: string): Promise<ProjectFormValues> {
  const p = await db.project.findUnique({
    where: { id },
    include: {
      objectives: { select: { objectiveId: true } },
      partners: { orderBy: { organisation: { name: "asc" } }, select: { organisationId: true, budgetCents: true } },
      actionLines: { orderBy: { position: "asc" }, select: { code: true, title: true } },
      indicators: { orderBy: { position: "asc" }, include: { actionLine: { select: { code: true } } } },
    },
  });
  if (!p) throw new Response("Progetto non trovato.", { status: 404 });
  return {
    title: p.title,
    code: p.code,
    cup: p.cup ?? "",
    rup: p.rup,
    description: p.description,
    leadOrganisationId: p.leadOrganisationId,
    workingGroupId: p.workingGroupId ?? "",
    objectiveIds: p.objectives.map((o) => o.objectiveId),
    startsOn: dayInputValue(p.startsOn),
    endsOn: dayInputValue(p.endsOn),
    status: p.status,
    fundingSource: p.fundingSource,
    fundingDetail: p.fundingDetail,
    programmed: euroInputValue(p.programmedCents),
    admitted: euroInputValue(p.admittedCents),
    committed: euroInputValue(p.committedCents),
    disbursed: euroInputValue(p.disbursedCents),
    uncommittedReason: p.uncommittedReason,
    expectedCommitmentOn: dayInputValue(p.expectedCommitmentOn),
    reportingFrequency: p.reportingFrequency,
    reportingDueDays: String(p.reportingDueDays),
    customPeriodEnds: customPeriodEndsOf(p.customPeriodEnds).map(dayInputValue),
    // The lead first, then the partners by name.
    partners: [...p.partners]
      .sort((a, b) => Number(b.organisationId === p.leadOrganisationId) - Number(a.organisationId === p.leadOrganisationId))
      .map((partner) => ({ partnerOrganisationId: partner.organisationId, partnerBudget: euroInputValue(partner.budgetCents) })),
    actionLines: p.actionLines.map((line) => ({ actionLineCode: line.code, actionLineTitle: line.title })),
    indicators: p.indicators.map((i) => ({
      indicatorId: i.indicatorId,
      indicatorActionLine: i.actionLine?.code ?? "",
      indicatorBaseline: decimalText(i.baseline),
      indicatorTarget: decimalText(i.target),
      indicatorTargetOn: dayInputValue(i.targetOn),
    })),
  };
}

/**
 * Everything the project page shows. Liquidato is computed here: the expenses of the project's
 * APPROVED rendicontazioni. The rendicontazioni listed are all of them for `rendicontazioniOf:
 * "all"`, otherwise only that organisation's (a partner never sees another one's state here).
 */
export async function projectDetail(id: string, options: { rendicontazioniOf: "all" | string } = { rendicontazioniOf: "all" }, today = todayInRome()) {
  // The page and its progress (project-progress.server.ts) read the project once: this select
  // holds what both need (progressFromRows checks it against the progress's own select), and the
  // approved figures come alongside.
  const [p, approved] = await Promise.all([
    db.project.findUnique({
      where: { id },
      include: {
        leadOrganisation: { select: { id: true, name: true } },
        workingGroup: { select: { id: true, name: true, thematicArea: true } },
        objectives: { orderBy: { objective: { position: "asc" } }, select: { objective: { select: { id: true, code: true, title: true } } } },
        partners: {
          orderBy: { organisation: { name: "asc" } },
          select: { organisationId: true, budgetCents: true, organisation: { select: { id: true, name: true } } },
        },
        actionLines: { orderBy: { position: "asc" }, select: { id: true, code: true, title: true } },
        indicators: {
          orderBy: [{ position: "asc" }, { id: "asc" }],
          include: { indicator: true, actionLine: { select: { code: true, title: true } } },
        },
        periods: {
          ...progressPeriods,
          select: {
            ...progressPeriods.select,
            // Every organisation's: the progress counts them all; the page lists the reader's own
            // (all of them for coordinators).
            rendicontazioni: {
              orderBy: { organisation: { name: "asc" } },
              select: { id: true, status: true, organisation: { select: { id: true, name: true } } },
            },
          },
        },
      },
    }),
    approvedRendicontazioniOf(id),
  ]);
  if (!p) throw new Response("Progetto non trovato.", { status: 404 });
  const programmed = Number(p.programmedCents);
  return {
    id: p.id,
    code: p.code,
    title: p.title,
    cup: p.cup,
    rup: p.rup,
    description: p.description,
    status: p.status,
    statusLabel: projectStatusLabel(p.status),
    /** Whether its figures are on the public pages (the coordinators' switch) */
    publicFigures: p.publicFigures,
    progress: progressFromRows(p, approved, today),
    lead: p.leadOrganisation,
    workingGroup: p.workingGroup,
    startsOn: formatDay(p.startsOn),
    endsOn: formatDay(p.endsOn),
    funding: {
      source: fundingSourceLabel(p.fundingSource),
      detail: p.fundingDetail,
      programmedCents: programmed,
    },
    reporting: {
      frequency: reportingFrequencyLabel(p.reportingFrequency),
      dueDays: p.reportingDueDays,
      customPeriodEnds: p.reportingFrequency === "CUSTOM" ? customPeriodEndsOf(p.customPeriodEnds).map(formatDay) : [],
    },
    partners: p.partners.map((partner) => ({
      id: partner.organisation.id,
      name: partner.organisation.name,
      isLead: partner.organisation.id === p.leadOrganisationId,
      budgetCents: Number(partner.budgetCents),
    })),
    objectives: p.objectives.map((o) => o.objective),
    actionLines: p.actionLines,
    indicators: p.indicators.map((i) => ({
      id: i.id,
      name: i.indicator.name,
      unit: i.indicator.unit,
      direction: INDICATOR_DIRECTIONS[i.indicator.direction as keyof typeof INDICATOR_DIRECTIONS] ?? i.indicator.direction,
      aggregation: INDICATOR_AGGREGATIONS[i.indicator.aggregation as keyof typeof INDICATOR_AGGREGATIONS] ?? i.indicator.aggregation,
      thematicArea: i.indicator.thematicArea,
      actionLine: i.actionLine,
      baseline: i.baseline,
      target: i.target,
      targetOn: formatDay(i.targetOn),
    })),
    periods: p.periods.map((period) => ({
      id: period.id,
      number: period.number,
      startsOn: formatDay(period.startsOn),
      endsOn: formatDay(period.endsOn),
      dueOn: formatDay(period.dueOn),
      rendicontazioni: period.rendicontazioni
        .filter((r) => options.rendicontazioniOf === "all" || r.organisation.id === options.rendicontazioniOf)
        .map((r) => {
          const state = rendicontazioneState({ status: r.status, dueOn: period.dueOn }, today);
          return { id: r.id, organisationId: r.organisation.id, organisationName: r.organisation.name, state, stateLabel: rendicontazioneStateLabel(state) };
        }),
    })),
  };
}
export type ProjectDetail = Awaited<ReturnType<typeof projectDetail>>;

export const projectHistory = (id: string) => listHistory("PROJECT", id);

// --- The list ----------------------------------------------------------------------------------

const filterId = z.string().trim().max(100).catch("");
const projectFilterSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  stato: z.union([z.literal(""), z.enum(Object.keys(PROJECT_STATUSES) as [ProjectStatus])]).catch(""),
  fonte: z.union([z.literal(""), z.enum(Object.keys(FUNDING_SOURCES) as [FundingSource])]).catch(""),
  gruppo: filterId,
  organizzazione: filterId,
  pagina: z.coerce.number().int().min(1).max(100_000).catch(1),
});
const FILTER_KEYS = ["q", "stato", "fonte", "gruppo", "organizzazione"] as const;

/** The list's filters as the URL carries them (unknown values are ignored, never an error). */
export function parseProjectFilters(params: URLSearchParams) {
  const parsed = projectFilterSchema.parse(Object.fromEntries([...FILTER_KEYS, "pagina"].map((key) => [key, params.get(key) ?? undefined])));
  return {
    search: parsed.q,
    status: parsed.stato,
    fundingSource: parsed.fonte,
    workingGroupId: parsed.gruppo,
    organisationId: parsed.organizzazione,
    page: parsed.pagina,
  };
}
export type ProjectFilters = ReturnType<typeof parseProjectFilters>;

/** The filters in force as a query string, for the page links (without the page). */
export function projectFilterQuery(filters: ProjectFilters) {
  const query = new URLSearchParams();
  const pairs: [string, string][] = [
    ["q", filters.search],
    ["stato", filters.status],
    ["fonte", filters.fundingSource],
    ["gruppo", filters.workingGroupId],
    ["organizzazione", filters.organisationId],
  ];
  for (const [key, value] of pairs) if (value) query.set(key, value);
  return query.toString();
}

export function projectWhere(filters: Omit<ProjectFilters, "page">): Prisma.ProjectWhereInput {
  const and: Prisma.ProjectWhereInput[] = [];
  if (filters.status) and.push({ status: filters.status });
  if (filters.fundingSource) and.push({ fundingSource: filters.fundingSource });
  if (filters.workingGroupId) and.push({ workingGroupId: filters.workingGroupId });
  if (filters.organisationId) and.push({ partners: { some: { organisationId: filters.organisationId } } });
  if (filters.search) {
    const cup = filters.search.replace(/\s/g, "").toUpperCase();
    and.push({ OR: [{ title: containsIgnoringCase(filters.search) }, { code: containsIgnoringCase(filters.search) }, { cup: { contains: cup } }] });
  }
  return { AND: and };
}

/** One page of projects by code, with the total for "N progetti". */
export async function listProjects(filters: ProjectFilters) {
  const where = projectWhere(filters);
  const total = await db.project.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const projects = await db.project.findMany({
    where,
    orderBy: { code: "asc" },
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    select: {
      id: true,
      code: true,
      title: true,
      cup: true,
      status: true,
      fundingSource: true,
      programmedCents: true,
      leadOrganisation: { select: { id: true, name: true } },
    },
  });
  return {
    total,
    page,
    pageCount,
    projects: projects.map((p) => ({
      id: p.id,
      code: p.code,
      title: p.title,
      cup: p.cup,
      status: p.status,
      statusLabel: projectStatusLabel(p.status),
      fundingSource: fundingSourceLabel(p.fundingSource),
      programmedCents: Number(p.programmedCents),
      lead: p.leadOrganisation,
    })),
  };
}

/** What the list can be filtered by: organisations that take part in a project, groups with projects. */
export async function listProjectFilterChoices() {
  const [organisations, groups] = await Promise.all([
    db.organisation.findMany({ where: { projectShares: { some: {} } }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.workingGroup.findMany({ where: { projects: { some: {} } }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return {
    organisations: organisations.map((o) => ({ value: o.id, label: o.name })),
    groups: groups.map((g) => ({ value: g.id, label: g.name })),
    statuses: Object.entries(PROJECT_STATUSES).map(([value, label]) => ({ value, label })),
    fundingSources: Object.entries(FUNDING_SOURCES).map(([value, label]) => ({ value, label })),
  };
}
