import { z } from "zod";
import { type Actor, diff, recordChange } from "~/domain/audit.server";
import { INDICATOR_AGGREGATIONS, INDICATOR_DIRECTIONS } from "~/domain/projects";
import { db, isUniqueViolation, type DbTransaction } from "~/db.server";
import { UserFacingError } from "~/utils/errors";
import { optionalText, requiredText } from "~/utils/forms.server";

// The catalogue of indicators shared by every project: one name for one thing counted, so the
// tavolo can add up what its projects reach by thematic area. Projects choose from it; an
// indicator a project uses is never deleted (its reported values hang on it).

type Direction = keyof typeof INDICATOR_DIRECTIONS;
type Aggregation = keyof typeof INDICATOR_AGGREGATIONS;

export const indicatorFields = z.object({
  name: requiredText("Inserisci il nome dell'indicatore (per esempio «Famiglie accompagnate»).", 200),
  unit: requiredText("Indica l'unità di misura: che cosa si conta (famiglie, persone, alloggi, %).", 60),
  direction: z.enum(Object.keys(INDICATOR_DIRECTIONS) as [Direction], { error: "Scegli se il valore va aumentato o ridotto." }),
  aggregation: z.enum(Object.keys(INDICATOR_AGGREGATIONS) as [Aggregation], { error: "Scegli come si sommano i valori dei periodi." }),
  thematicArea: requiredText("Indica l'area tematica dell'indicatore.", 100),
  description: optionalText(2000),
});
export type IndicatorFields = z.output<typeof indicatorFields>;

const FIELD_LABELS: Record<keyof IndicatorFields, string> = {
  name: "Nome",
  unit: "Unità di misura",
  direction: "Direzione",
  aggregation: "Aggregazione",
  thematicArea: "Area tematica",
  description: "Descrizione",
};

/** The history shows words, not codes. */
const comparable = (fields: IndicatorFields) => ({
  ...fields,
  direction: INDICATOR_DIRECTIONS[fields.direction] ?? fields.direction,
  aggregation: INDICATOR_AGGREGATIONS[fields.aggregation] ?? fields.aggregation,
});

function duplicateName(name: string): never {
  throw new UserFacingError(`Il catalogo ha già un indicatore chiamato «${name}»: usa quello, o scegli un nome diverso.`, 409, "name");
}

/**
 * Two names differing only in capitals would split one count in two on the tavolo's totals, so the
 * check ignores case (the unique index alone would not).
 */
async function assertNameFree(tx: DbTransaction, name: string, exceptId?: string) {
  const wanted = name.toLocaleLowerCase("it");
  const all = await tx.indicator.findMany({ select: { id: true, name: true } });
  const clash = all.find((indicator) => indicator.id !== exceptId && indicator.name.toLocaleLowerCase("it") === wanted);
  if (clash) duplicateName(clash.name);
}

/** Two writers at once can pass the check above; the unique index then says no. */
async function uniqueNameGuard<T>(name: string, work: () => Promise<T>) {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) duplicateName(name);
    throw error;
  }
}

// --- Reading ---------------------------------------------------------------------------------

/** The whole catalogue by thematic area and name, with how many projects use each indicator. */
export async function listIndicators() {
  const indicators = await db.indicator.findMany({
    orderBy: [{ thematicArea: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      unit: true,
      direction: true,
      aggregation: true,
      thematicArea: true,
      description: true,
      _count: { select: { projects: true } },
    },
  });
  return indicators.map(({ _count, ...indicator }) => ({ ...indicator, projectCount: _count.projects }));
}

/** For choosing indicators in the project form. */
export async function indicatorChoices() {
  return db.indicator.findMany({ orderBy: [{ name: "asc" }], select: { id: true, name: true, unit: true } });
}

/** The areas in use in the catalogue, for suggestions beside the working groups' ones. */
export async function indicatorThematicAreas() {
  const rows = await db.indicator.findMany({ distinct: ["thematicArea"], select: { thematicArea: true } });
  return rows.map((row) => row.thematicArea);
}

// --- Writing ---------------------------------------------------------------------------------

export async function createIndicator(fields: IndicatorFields, actor: Actor) {
  return uniqueNameGuard(fields.name, () =>
    db.$transaction(async (tx) => {
      await assertNameFree(tx, fields.name);
      const indicator = await tx.indicator.create({ data: fields });
      await recordChange(tx, { subjectType: "INDICATOR", subjectId: indicator.id, summary: `Indicatore aggiunto al catalogo: «${indicator.name}»`, actor });
      return indicator;
    }),
  );
}

export async function updateIndicator(id: string, fields: IndicatorFields, actor: Actor) {
  return uniqueNameGuard(fields.name, () =>
    db.$transaction(async (tx) => {
      const before = await tx.indicator.findUnique({ where: { id } });
      if (!before) throw new UserFacingError("Indicatore non trovato: potrebbe essere stato eliminato.", 404);
      await assertNameFree(tx, fields.name, id);
      const changes = diff(comparable(before as IndicatorFields), comparable(fields), FIELD_LABELS);
      if (Object.keys(changes).length === 0) return before;
      const indicator = await tx.indicator.update({ where: { id }, data: fields });
      await recordChange(tx, { subjectType: "INDICATOR", subjectId: id, summary: `Indicatore modificato: «${indicator.name}»`, actor, changes });
      return indicator;
    }),
  );
}

export async function deleteIndicator(id: string, actor: Actor) {
  await db.$transaction(async (tx) => {
    const indicator = await tx.indicator.findUnique({
      where: { id },
      select: { id: true, name: true, projects: { orderBy: { project: { code: "asc" } }, select: { project: { select: { code: true } } } } },
    });
    if (!indicator) throw new UserFacingError("Indicatore non trovato: potrebbe essere stato già eliminato.", 404);
    if (indicator.projects.length > 0) {
      const codes = indicator.projects.map((link) => link.project.code).join(", ");
      throw new UserFacingError(
        `L'indicatore «${indicator.name}» non si può eliminare: lo ${indicator.projects.length === 1 ? "usa il progetto" : "usano i progetti"} ${codes}. Toglilo prima dai progetti, dalla loro pagina di modifica.`,
        409,
      );
    }
    await tx.indicator.delete({ where: { id } });
    await recordChange(tx, { subjectType: "INDICATOR", subjectId: id, summary: `Indicatore eliminato dal catalogo: «${indicator.name}»`, actor });
  });
}
