import { db, type DbTransaction } from "~/db.server";

// The registry's memory of who changed what and when. Every domain function that changes a record
// calls recordChange inside the same transaction as the change, so the history never misses a
// change that happened, nor shows one that was rolled back. See docs/decisions/013-audit-trail.md.

export type AuditSubjectType =
  | "ORGANISATION"
  | "PROTOCOL"
  | "WORKING_GROUP"
  | "OBJECTIVE"
  | "NETWORK"
  | "MEETING"
  | "PROJECT"
  | "INDICATOR"
  | "RENDICONTAZIONE"
  | "DOCUMENT"
  | "AID_SERVICE"
  | "ANNOUNCEMENT"
  | "VERBALE"
  | "DECISION"
  | "USER"
  | "SETTINGS";

export interface Actor {
  id: string;
  name: string;
}

export type Changes = Record<string, [before: string, after: string]>;

const shown = (value: unknown) => {
  if (value === null || value === undefined || value === "") return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "boolean") return value ? "sì" : "no";
  return String(value);
};

/**
 * The fields that differ between two versions of a record, under their Italian labels; fields
 * without a label are not compared.
 */
export function diff(before: object, after: object, labels: Record<string, string>): Changes {
  const changes: Changes = {};
  const from = before as Record<string, unknown>;
  const to = after as Record<string, unknown>;
  for (const [field, label] of Object.entries(labels)) {
    if (!(field in to)) continue;
    const was = shown(from[field]);
    const is = shown(to[field]);
    if (was !== is) changes[label] = [was, is];
  }
  return changes;
}

export async function recordChange(
  tx: DbTransaction,
  event: { subjectType: AuditSubjectType; subjectId: string; summary: string; actor: Actor | null; changes?: Changes },
) {
  await tx.auditEvent.create({
    data: {
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      summary: event.summary,
      changes: JSON.stringify(event.changes ?? {}),
      actorId: event.actor?.id ?? null,
      actorName: event.actor?.name ?? "Sistema",
    },
  });
}

/** The history of one record, newest first. */
export async function listHistory(subjectType: AuditSubjectType, subjectId: string, take = 100) {
  const events = await db.auditEvent.findMany({
    where: { subjectType, subjectId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take,
    select: { id: true, summary: true, changes: true, actorName: true, at: true },
  });
  return events.map((event) => ({ ...event, changes: JSON.parse(event.changes) as Changes }));
}
