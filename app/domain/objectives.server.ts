import { z } from "zod";
import { type Actor, diff, recordChange } from "~/domain/audit.server";
import { db, isUniqueViolation, type DbTransaction } from "~/db.server";
import { UserFacingError } from "~/utils/errors";
import { optionalText, requiredText } from "~/utils/forms.server";

// The tavolo's strategic objectives (obiettivi strategici), in the order the tavolo set them.
// Working groups (and, later, projects) link to them, so an objective in use is never deleted.

export const objectiveFields = z.object({
  code: requiredText("Inserisci il codice dell'obiettivo (per esempio OS6).", 20)
    .transform((value) => value.toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9.\-]+$/, "Il codice può contenere solo lettere, cifre, punti e trattini, senza spazi.")),
  title: requiredText("Inserisci il titolo dell'obiettivo.", 200),
  description: optionalText(2000),
});
export type ObjectiveFields = z.output<typeof objectiveFields>;

const FIELD_LABELS: Record<keyof ObjectiveFields, string> = { code: "Codice", title: "Titolo", description: "Descrizione" };

const describe = (objective: { code: string; title: string }) => `${objective.code} «${objective.title}»`;

function duplicateCode(code: string): never {
  throw new UserFacingError(`Esiste già un obiettivo con il codice ${code}.`, 409, "code");
}

async function assertCodeFree(tx: DbTransaction, code: string, exceptId?: string) {
  const clash = await tx.strategicObjective.findFirst({
    where: { code, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) duplicateCode(code);
}

/** Two writers at once can pass the check above; the unique index then says no. */
async function uniqueCodeGuard<T>(code: string, work: () => Promise<T>) {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) duplicateCode(code);
    throw error;
  }
}

/** Positions run 1, 2, 3… with no gaps, in the given order. */
async function renumber(tx: DbTransaction, ordered: { id: string; position: number }[]) {
  for (const [index, objective] of ordered.entries()) {
    if (objective.position !== index + 1) {
      await tx.strategicObjective.update({ where: { id: objective.id }, data: { position: index + 1 } });
    }
  }
}

// --- Reading ---------------------------------------------------------------------------------

/** Every objective in order, with the working groups linked to it. */
export async function listObjectives() {
  const objectives = await db.strategicObjective.findMany({
    orderBy: [{ position: "asc" }, { code: "asc" }],
    select: {
      id: true,
      code: true,
      title: true,
      description: true,
      position: true,
      workingGroups: { select: { group: { select: { id: true, name: true, status: true } } } },
    },
  });
  return objectives.map(({ workingGroups, ...objective }) => ({
    ...objective,
    groups: workingGroups.map((link) => link.group).sort((a, b) => a.name.localeCompare(b.name, "it")),
  }));
}

/** For choosing objectives in a form. */
export async function listObjectiveChoices() {
  return db.strategicObjective.findMany({
    orderBy: [{ position: "asc" }, { code: "asc" }],
    select: { id: true, code: true, title: true },
  });
}

// --- Writing ---------------------------------------------------------------------------------

export async function createObjective(fields: ObjectiveFields, actor: Actor) {
  return uniqueCodeGuard(fields.code, () =>
    db.$transaction(async (tx) => {
      await assertCodeFree(tx, fields.code);
      const last = await tx.strategicObjective.aggregate({ _max: { position: true } });
      const objective = await tx.strategicObjective.create({ data: { ...fields, position: (last._max.position ?? 0) + 1 } });
      await recordChange(tx, { subjectType: "OBJECTIVE", subjectId: objective.id, summary: `Obiettivo aggiunto: ${describe(objective)}`, actor });
      return objective;
    }),
  );
}

export async function updateObjective(id: string, fields: ObjectiveFields, actor: Actor) {
  return uniqueCodeGuard(fields.code, () =>
    db.$transaction(async (tx) => {
      const before = await tx.strategicObjective.findUnique({ where: { id } });
      if (!before) throw new UserFacingError("Obiettivo non trovato: potrebbe essere stato eliminato.", 404);
      await assertCodeFree(tx, fields.code, id);
      const changes = diff(before, fields, FIELD_LABELS);
      if (Object.keys(changes).length === 0) return before;
      const objective = await tx.strategicObjective.update({ where: { id }, data: fields });
      await recordChange(tx, { subjectType: "OBJECTIVE", subjectId: id, summary: `Obiettivo modificato: ${describe(objective)}`, actor, changes });
      return objective;
    }),
  );
}

/** One step up or down; every position is rewritten in the same transaction, so none is ever shared. */
export async function moveObjective(id: string, direction: "up" | "down", actor: Actor) {
  await db.$transaction(async (tx) => {
    const ordered = await tx.strategicObjective.findMany({
      orderBy: [{ position: "asc" }, { code: "asc" }],
      select: { id: true, code: true, title: true, position: true },
    });
    const from = ordered.findIndex((objective) => objective.id === id);
    const moving = ordered[from];
    if (!moving) throw new UserFacingError("Obiettivo non trovato: potrebbe essere stato eliminato.", 404);
    const to = direction === "up" ? from - 1 : from + 1;
    const neighbour = ordered[to];
    if (!neighbour) {
      throw new UserFacingError(
        direction === "up" ? `${describe(moving)} è già il primo obiettivo.` : `${describe(moving)} è già l'ultimo obiettivo.`,
        409,
      );
    }
    ordered[to] = moving;
    ordered[from] = neighbour;
    await renumber(tx, ordered);
    await recordChange(tx, {
      subjectType: "OBJECTIVE",
      subjectId: id,
      summary: `Obiettivo ${describe(moving)} spostato ${direction === "up" ? "più in alto" : "più in basso"} nell'elenco`,
      actor,
      changes: { Posizione: [String(from + 1), String(to + 1)] },
    });
  });
}

export async function deleteObjective(id: string, actor: Actor) {
  await db.$transaction(async (tx) => {
    const objective = await tx.strategicObjective.findUnique({
      where: { id },
      include: { workingGroups: { select: { group: { select: { name: true } } } } },
    });
    if (!objective) throw new UserFacingError("Obiettivo non trovato: potrebbe essere stato già eliminato.", 404);
    const groups = objective.workingGroups.map((link) => `«${link.group.name}»`).sort();
    if (groups.length > 0) {
      throw new UserFacingError(
        `L'obiettivo ${describe(objective)} non si può eliminare: è collegato ${groups.length === 1 ? "al gruppo di lavoro" : "ai gruppi di lavoro"} ${groups.join(", ")}. Togli prima il collegamento dalla pagina di modifica del gruppo.`,
        409,
      );
    }
    await tx.strategicObjective.delete({ where: { id } });
    const remaining = await tx.strategicObjective.findMany({ orderBy: [{ position: "asc" }, { code: "asc" }], select: { id: true, position: true } });
    await renumber(tx, remaining);
    await recordChange(tx, { subjectType: "OBJECTIVE", subjectId: id, summary: `Obiettivo eliminato: ${describe(objective)}`, actor });
  });
}
