import { z } from "zod";
import { protocolExpiryMail } from "../../emails/protocol-expiry";
import { type Actor, type Changes, diff, listHistory, recordChange } from "~/domain/audit.server";
import { db, isUniqueViolation, type DbTransaction } from "~/db.server";
import { env } from "~/env.server";
import { type PendingUpload, withStoredFiles } from "~/files/storage.server";
import { enqueueMail, wakeMailWorker } from "~/mail/outbox.server";
import { daysBetween, formatDay, todayInRome } from "~/utils/dates";
import { UserFacingError } from "~/utils/errors";
import { dayField, optionalDayField, optionalText, requiredText } from "~/utils/forms.server";

// Protocols (Protocollo d'Intesa and protocolli operativi): their data, the signed PDF, the
// organisations that sign, join later or withdraw, and the expiry notices to coordinators.

export const PROTOCOL_KINDS = {
  INTESA: "Protocollo d'Intesa",
  OPERATIVO: "Protocollo operativo",
} as const;
export type ProtocolKind = keyof typeof PROTOCOL_KINDS;
export const protocolKindLabel = (kind: string) => PROTOCOL_KINDS[kind as ProtocolKind] ?? kind;

/** Coordinators are told this many days before a protocol ends, the most urgent notice first. */
export const EXPIRY_NOTICE_DAYS = [15, 60] as const;
/** A protocol counts as "in scadenza" from this many days before its end. */
export const EXPIRY_WARNING_DAYS = 60;
/** How long an expired protocol stays on the home page. */
const EXPIRED_SHOWN_DAYS = 30;

const DAY_MS = 86_400_000;
const addDays = (day: Date, days: number) => new Date(day.getTime() + days * DAY_MS);

// --- Validation ------------------------------------------------------------------------------

export const protocolFields = z
  .object({
    title: requiredText("Inserisci il titolo del protocollo.", 200),
    kind: z.enum(Object.keys(PROTOCOL_KINDS) as [ProtocolKind], { error: "Scegli il tipo di protocollo." }),
    signedOn: dayField("Indica la data di sottoscrizione."),
    validUntil: optionalDayField,
    obligations: optionalText(20_000),
  })
  .superRefine((value, ctx) => {
    if (value.validUntil && value.validUntil < value.signedOn) {
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "La scadenza non può precedere la data di sottoscrizione." });
    }
  });
export type ProtocolFields = z.output<typeof protocolFields>;

export const signatoryFields = z.object({
  organisationId: z.string({ error: "Scegli l'organizzazione dall'elenco." }).min(1, "Scegli l'organizzazione dall'elenco."),
  signedOn: dayField("Indica la data in cui l'organizzazione ha firmato."),
});

export const withdrawalFields = z.object({
  signatoryId: z.string({ error: "Scegli l'organizzazione che recede." }).min(1, "Scegli l'organizzazione che recede."),
  withdrawnOn: dayField("Indica la data del recesso."),
});

const FIELD_LABELS: Record<keyof ProtocolFields, string> = {
  title: "Titolo",
  kind: "Tipo",
  signedOn: "Data di sottoscrizione",
  validUntil: "Valido fino al",
  obligations: "Impegni delle parti",
};

/** What the history shows: the kind in words, not its code. */
const comparable = (fields: ProtocolFields) => ({ ...fields, kind: protocolKindLabel(fields.kind) });

// --- Writing ---------------------------------------------------------------------------------

/** A new protocol, with its signed PDF when one was uploaded, in one transaction. */
export async function createProtocol(fields: ProtocolFields, document: PendingUpload | undefined, actor: Actor) {
  return withStoredFiles([document], actor.id, async (tx, [file]) => {
    const protocol = await tx.protocol.create({ data: { ...fields, fileId: file?.id ?? null } });
    await recordChange(tx, {
      subjectType: "PROTOCOL",
      subjectId: protocol.id,
      summary: file ? `Protocollo registrato con il documento firmato «${file.originalName}»` : "Protocollo registrato",
      actor,
    });
    return protocol;
  });
}

/**
 * Changes a protocol's data and, when a new PDF is uploaded, points it at the new file: the old
 * file's record stays, so what was signed before remains traceable.
 */
export async function updateProtocol(id: string, fields: ProtocolFields, document: PendingUpload | undefined, actor: Actor) {
  return withStoredFiles([document], actor.id, async (tx, [file]) => {
    const before = await tx.protocol.findUnique({ where: { id }, include: { file: { select: { originalName: true } } } });
    if (!before) throw new UserFacingError("Protocollo non trovato.", 404);
    const earliest = await tx.protocolSignatory.findFirst({
      where: { protocolId: id, signedOn: { lt: fields.signedOn } },
      orderBy: { signedOn: "asc" },
      include: { organisation: { select: { name: true } } },
    });
    if (earliest) {
      throw new UserFacingError(
        `${earliest.organisation.name} risulta firmataria dal ${formatDay(earliest.signedOn)}: la sottoscrizione del protocollo non può essere successiva.`,
        400,
        "signedOn",
      );
    }
    const changes: Changes = diff(comparable({ ...before, kind: before.kind as ProtocolKind }), comparable(fields), FIELD_LABELS);
    if (file) changes["Documento firmato"] = [before.file?.originalName ?? "", file.originalName];
    if (Object.keys(changes).length === 0) return before;
    const after = await tx.protocol.update({ where: { id }, data: { ...fields, ...(file ? { fileId: file.id } : {}) } });
    const onlyFile = file && Object.keys(changes).length === 1;
    await recordChange(tx, {
      subjectType: "PROTOCOL",
      subjectId: id,
      summary: onlyFile ? `Documento firmato sostituito: «${file.originalName}»` : "Dati del protocollo modificati",
      changes,
      actor,
    });
    return after;
  });
}

async function findProtocolIn(tx: DbTransaction, id: string) {
  const protocol = await tx.protocol.findUnique({ where: { id }, select: { id: true, signedOn: true, validUntil: true } });
  if (!protocol) throw new UserFacingError("Protocollo non trovato.", 404);
  return protocol;
}

/**
 * An organisation signs the protocol, at its signature or later; one that withdrew may sign again
 * after its withdrawal (the history keeps both steps).
 */
export async function addSignatory(protocolId: string, input: z.output<typeof signatoryFields>, actor: Actor) {
  return db.$transaction(async (tx) => {
    const protocol = await findProtocolIn(tx, protocolId);
    const organisation = await tx.organisation.findUnique({ where: { id: input.organisationId }, select: { id: true, name: true } });
    if (!organisation) throw new UserFacingError("Scegli l'organizzazione dall'elenco.", 400, "organisationId");
    if (input.signedOn < protocol.signedOn) {
      throw new UserFacingError(
        `La data di firma non può precedere la sottoscrizione del protocollo (${formatDay(protocol.signedOn)}).`,
        400,
        "signedOn",
      );
    }
    if (protocol.validUntil && input.signedOn > protocol.validUntil) {
      throw new UserFacingError(`Il protocollo vale fino al ${formatDay(protocol.validUntil)}: non si può firmare dopo.`, 400, "signedOn");
    }
    const existing = await tx.protocolSignatory.findUnique({
      where: { protocolId_organisationId: { protocolId, organisationId: organisation.id } },
    });
    if (existing && !existing.withdrawnOn) {
      throw new UserFacingError(`${organisation.name} è già firmataria dal ${formatDay(existing.signedOn)}.`, 409, "organisationId");
    }
    if (existing?.withdrawnOn && input.signedOn < existing.withdrawnOn) {
      throw new UserFacingError(
        `${organisation.name} ha receduto il ${formatDay(existing.withdrawnOn)}: la nuova firma deve essere successiva.`,
        400,
        "signedOn",
      );
    }
    await tx.protocolSignatory.upsert({
      where: { protocolId_organisationId: { protocolId, organisationId: organisation.id } },
      create: { protocolId, organisationId: organisation.id, signedOn: input.signedOn },
      update: { signedOn: input.signedOn, withdrawnOn: null },
    });
    await recordChange(tx, {
      subjectType: "PROTOCOL",
      subjectId: protocolId,
      summary: `${existing ? "Nuova firma" : "Firmataria aggiunta"}: ${organisation.name}, dal ${formatDay(input.signedOn)}`,
      actor,
    });
  });
}

/** An organisation withdraws: its row stays, with the date, so past signatories remain visible. */
export async function recordWithdrawal(protocolId: string, input: z.output<typeof withdrawalFields>, actor: Actor) {
  return db.$transaction(async (tx) => {
    await findProtocolIn(tx, protocolId);
    const signatory = await tx.protocolSignatory.findUnique({
      where: { protocolId_organisationId: { protocolId, organisationId: input.signatoryId } },
      include: { organisation: { select: { name: true } } },
    });
    if (!signatory || signatory.withdrawnOn) {
      throw new UserFacingError("Scegli un'organizzazione tra le firmatarie attuali.", 400, "signatoryId");
    }
    if (input.withdrawnOn < signatory.signedOn) {
      throw new UserFacingError(
        `${signatory.organisation.name} ha firmato il ${formatDay(signatory.signedOn)}: il recesso non può essere precedente.`,
        400,
        "withdrawnOn",
      );
    }
    await tx.protocolSignatory.update({
      where: { protocolId_organisationId: { protocolId, organisationId: input.signatoryId } },
      data: { withdrawnOn: input.withdrawnOn },
    });
    await recordChange(tx, {
      subjectType: "PROTOCOL",
      subjectId: protocolId,
      summary: `Recesso: ${signatory.organisation.name}, dal ${formatDay(input.withdrawnOn)}`,
      actor,
    });
  });
}

// --- Reading ---------------------------------------------------------------------------------

export type ExpiryState = "EXPIRING" | "EXPIRED" | null;

/** A protocol is valid through its last day; from 60 days before that it is "in scadenza". */
export function expiryState(validUntil: Date | null, today: Date): ExpiryState {
  if (!validUntil) return null;
  if (validUntil < today) return "EXPIRED";
  return daysBetween(today, validUntil) <= EXPIRY_WARNING_DAYS ? "EXPIRING" : null;
}

/** A signatory still in: not withdrawn, or withdrawing on a date still to come. */
const activeOn = (today: Date) => ({ OR: [{ withdrawnOn: null }, { withdrawnOn: { gt: today } }] });

export async function listProtocols(today = todayInRome()) {
  const protocols = await db.protocol.findMany({
    orderBy: [{ signedOn: "desc" }, { title: "asc" }],
    select: {
      id: true,
      title: true,
      kind: true,
      signedOn: true,
      validUntil: true,
      _count: { select: { signatories: { where: activeOn(today) } } },
    },
  });
  return protocols.map(({ _count, ...protocol }) => ({
    ...protocol,
    activeSignatories: _count.signatories,
    expiry: expiryState(protocol.validUntil, today),
  }));
}

export async function getProtocol(id: string, today = todayInRome()) {
  const protocol = await db.protocol.findUnique({
    where: { id },
    include: {
      file: { select: { id: true, originalName: true, size: true, createdAt: true } },
      signatories: {
        orderBy: [{ withdrawnOn: { sort: "asc", nulls: "first" } }, { signedOn: "asc" }, { organisation: { name: "asc" } }],
        include: { organisation: { select: { id: true, name: true } } },
      },
    },
  });
  if (!protocol) throw new Response("Protocollo non trovato.", { status: 404 });
  return {
    ...protocol,
    expiry: expiryState(protocol.validUntil, today),
    signatories: protocol.signatories.map((s) => ({ ...s, active: !s.withdrawnOn || s.withdrawnOn > today })),
  };
}

export const protocolHistory = (id: string) => listHistory("PROTOCOL", id);

/** Organisations that may sign: all but the ones whose signature is in force. */
export async function listSignatoryChoices(protocolId: string) {
  return db.organisation.findMany({
    where: { signatures: { none: { protocolId, withdrawnOn: null } } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/** The signed PDF's file id, for the download route; a 404 when the protocol has none. */
export async function protocolFileId(id: string) {
  const protocol = await db.protocol.findUnique({ where: { id }, select: { fileId: true } });
  if (!protocol?.fileId) throw new Response("Questo protocollo non ha un documento firmato.", { status: 404 });
  return protocol.fileId;
}

/** For the home page: protocols ending within 60 days, and those ended in the last 30. */
export async function listExpiringProtocols(today = todayInRome()) {
  const protocols = await db.protocol.findMany({
    where: { validUntil: { gte: addDays(today, -EXPIRED_SHOWN_DAYS), lte: addDays(today, EXPIRY_WARNING_DAYS) } },
    orderBy: { validUntil: "asc" },
    select: { id: true, title: true, kind: true, validUntil: true },
  });
  return protocols.flatMap(({ validUntil, ...protocol }) =>
    validUntil ? [{ ...protocol, validUntil, daysLeft: daysBetween(today, validUntil), expiry: expiryState(validUntil, today) }] : [],
  );
}

// --- Expiry notices --------------------------------------------------------------------------

/**
 * Tells every active coordinator about protocols that end within 60 and within 15 days. Each
 * notice goes once per end date: its row is written in the same transaction as the mails, and the
 * unique key (protocol, days, end date) lets only one of two concurrent runs through. When both
 * are due at once (a protocol entered 10 days before its end) only the more urgent one goes.
 * Returns how many mails were queued.
 */
export async function sendProtocolExpiryNotices(now = new Date()) {
  const today = todayInRome(now);
  const protocols = await db.protocol.findMany({
    where: { validUntil: { gte: today, lte: addDays(today, Math.max(...EXPIRY_NOTICE_DAYS)) } },
    select: {
      id: true,
      title: true,
      kind: true,
      validUntil: true,
      _count: { select: { signatories: { where: activeOn(today) } } },
    },
  });
  let queued = 0;
  for (const protocol of protocols) {
    if (!protocol.validUntil) continue;
    const validUntil = protocol.validUntil;
    const daysLeft = daysBetween(today, validUntil);
    const daysBefore = EXPIRY_NOTICE_DAYS.find((days) => daysLeft <= days);
    if (daysBefore === undefined) continue;
    const sent = await db.protocolExpiryNotice.findUnique({
      where: { protocolId_daysBefore_validUntil: { protocolId: protocol.id, daysBefore, validUntil } },
      select: { id: true },
    });
    if (sent) continue;
    try {
      queued += await db.$transaction(async (tx) => {
        await tx.protocolExpiryNotice.create({ data: { protocolId: protocol.id, daysBefore, validUntil } });
        const coordinators = await tx.user.findMany({ where: { role: "COORDINATOR", active: true }, select: { email: true, name: true } });
        for (const coordinator of coordinators) {
          await enqueueMail(tx, {
            template: "protocol-expiry",
            to: coordinator.email,
            content: protocolExpiryMail({
              name: coordinator.name,
              protocolTitle: protocol.title,
              kindLabel: protocolKindLabel(protocol.kind),
              validUntil: formatDay(validUntil),
              daysLeft,
              activeSignatories: protocol._count.signatories,
              protocolUrl: new URL(`/protocolli/${protocol.id}`, env.APP_URL).toString(),
            }),
          });
        }
        return coordinators.length;
      });
    } catch (error) {
      // Another process sent this notice between our check and our write.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  if (queued > 0) wakeMailWorker();
  return queued;
}
