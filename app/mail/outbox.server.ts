import { hostname } from "node:os";
import nodemailer, { type Transporter } from "nodemailer";
import { renderMail, type MailContent } from "../../emails/layout";
import { db as appDb, type Db, type DbTransaction } from "~/db.server";
import { env } from "~/env.server";

// The one way to send mail: write it to the outbox in the same transaction as the change that
// causes it; the worker below delivers it. See docs/decisions/006-mail-outbox.md.

export const MAX_ATTEMPTS = 10;
const LOCK_MS = 2 * 60_000;

export interface MailToQueue {
  template: string;
  to: string;
  content: MailContent;
  /** An iCalendar invitation (RFC 5545 text) sent as the mail's calendar part, e.g. a convocation. */
  calendar?: { method: "REQUEST" | "CANCEL"; ics: string };
}

export async function enqueueMail(client: Db | DbTransaction, mail: MailToQueue) {
  return client.outboxMail.create({ data: outboxRow(mail) });
}

/**
 * Many mails at once (a convocation to hundreds of people): the same rows as enqueueMail, written
 * in a few multi-row inserts instead of one statement each (docs/performance.md).
 */
export async function enqueueMails(client: Db | DbTransaction, mails: MailToQueue[]) {
  const rows = mails.map(outboxRow);
  for (let start = 0; start < rows.length; start += MAILS_PER_INSERT) {
    await client.outboxMail.createMany({ data: rows.slice(start, start + MAILS_PER_INSERT) });
  }
}

// Each mail is a few kilobytes of HTML and calendar: 100 rows keep one statement well under
// SQLite's and PostgreSQL's limits on bound values and statement size.
const MAILS_PER_INSERT = 100;

function outboxRow(mail: MailToQueue) {
  const rendered = renderMail(mail.content, env.TAVOLO_NAME);
  return {
    template: mail.template,
    to: mail.to,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    calendar: mail.calendar?.ics ?? null,
    calendarMethod: mail.calendar?.method ?? null,
  };
}

/** Exponential back-off: 30 s, 1 min, 2 min, ... never more than an hour between tries. */
export function retryDelayMs(attempts: number) {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
  /** The batch was full: more mails may be due now. */
  more: boolean;
  /** Why each mail that did not leave did not (the worker logs them; the address is not here). */
  problems: { id: string; attempts: number; gaveUp: boolean; error: string }[];
}

/**
 * Delivers the mails that are due. The batch is claimed with one conditional update (only one
 * process can win a mail, on SQLite and PostgreSQL alike), so two servers never send the same
 * mail; the claimed mails then go out SEND_CONCURRENCY at a time over the pooled transport, so a
 * large convocation leaves at the SMTP server's pace rather than at the database's.
 */
export async function deliverDueMails(options: {
  transport: Pick<Transporter, "sendMail">;
  workerId: string;
  now?: Date;
  batchSize?: number;
  /** The app's client unless told otherwise (tests model a second server process with another). */
  client?: Db;
}): Promise<DeliveryReport> {
  const db = options.client ?? appDb;
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 20;
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0, more: false, problems: [] };
  const unlocked = { OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] };
  const due = await db.outboxMail.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: now }, ...unlocked },
    orderBy: { createdAt: "asc" },
    take: batchSize,
    select: { id: true },
  });
  report.more = due.length === batchSize;
  if (due.length === 0) return report;
  const ids = due.map((mail) => mail.id);
  // The rows that carry this worker's id and this lock's end are the ones this call won.
  const lockedUntil = new Date(now.getTime() + LOCK_MS);
  await db.outboxMail.updateMany({ where: { id: { in: ids }, status: "PENDING", ...unlocked }, data: { lockedBy: options.workerId, lockedUntil } });
  const claimed = await db.outboxMail.findMany({ where: { id: { in: ids }, status: "PENDING", lockedBy: options.workerId, lockedUntil }, orderBy: { createdAt: "asc" } });
  const queue = [...claimed];
  const sendNext = async (): Promise<void> => {
    const mail = queue.shift();
    if (!mail) return;
    await deliver(mail);
    return sendNext();
  };
  const deliver = async (mail: (typeof claimed)[number]) => {
    const id = mail.id;
    try {
      const info = await options.transport.sendMail({
        from: env.MAIL_FROM,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        headers: { "X-Tavolo-Mail-Id": mail.id },
        // nodemailer sends it both as the text/calendar alternative calendar clients act on and as
        // an invite.ics attachment for the others.
        ...(mail.calendar
          ? { icalEvent: { method: mail.calendarMethod ?? "REQUEST", filename: "invito.ics", content: mail.calendar } }
          : {}),
      });
      await db.outboxMail.update({
        where: { id },
        data: {
          status: "SENT",
          sentAt: new Date(),
          attempts: { increment: 1 },
          messageId: typeof info.messageId === "string" ? info.messageId : null,
          lockedBy: null,
          lockedUntil: null,
          lastError: null,
        },
      });
      report.sent++;
    } catch (error) {
      const attempts = mail.attempts + 1;
      // A 5xx reply is the receiving server's final word (no such mailbox, refused): retrying
      // would only repeat the bounce. Anything else (network, 4xx) may pass later.
      const rejected = permanentRefusal(error);
      const gaveUp = rejected || attempts >= MAX_ATTEMPTS;
      const message = error instanceof Error ? error.message.slice(0, 1000) : String(error);
      await db.outboxMail.update({
        where: { id },
        data: {
          attempts,
          status: gaveUp ? "FAILED" : "PENDING",
          failure: rejected ? "REJECTED" : gaveUp ? "GAVE_UP" : null,
          nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)),
          lastError: message,
          lockedBy: null,
          lockedUntil: null,
        },
      });
      if (gaveUp) report.failed++;
      else report.retried++;
      report.problems.push({ id, attempts, gaveUp, error: message });
    }
  };
  await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, claimed.length) }, sendNext));
  return report;
}

/** As many as the pooled transport's connections (nodemailer's default maxConnections). */
const SEND_CONCURRENCY = 5;

/** nodemailer puts the SMTP reply code of a refused mail on the error. */
function permanentRefusal(error: unknown) {
  const code = typeof error === "object" && error !== null && "responseCode" in error ? error.responseCode : undefined;
  return typeof code === "number" && code >= 500 && code < 600;
}

let wake: (() => void) | null = null;

/** Called after a transaction that queued mail commits, so it leaves now rather than at the next poll. */
export function wakeMailWorker() {
  wake?.();
}

/** Starts the worker in this server process; returns a function that stops it. */
export function startMailWorker(log: (message: string) => void = console.log): () => Promise<void> {
  if (!env.SMTP_URL || env.MAIL_WORKER === "off") {
    log(
      env.SMTP_URL
        ? "Posta: invio disattivato (MAIL_WORKER=off); i messaggi restano nella coda."
        : "Posta: SMTP_URL non impostato; i messaggi restano nella coda, leggibili dai coordinatori su /sviluppo/posta.",
    );
    return async () => {};
  }
  // A pooled transport keeps its SMTP connection between mails: a 500-person convocation leaves
  // at the server's pace instead of paying a connection and greeting per mail.
  const url = new URL(env.SMTP_URL);
  if (!url.searchParams.has("pool")) url.searchParams.set("pool", "true");
  const transport = nodemailer.createTransport(url.toString());
  const workerId = `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let stopped = false;
  let again = false;

  const tick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = deliverDueMails({ transport, workerId })
      .then((report) => {
        if (report.sent || report.retried || report.failed) {
          log(`Posta: ${report.sent} inviati, ${report.retried} da riprovare, ${report.failed} non recapitabili.`);
        }
        // The reason stays in the outbox row only until the mail leaves: the log keeps it.
        for (const problem of report.problems) {
          const outcome = problem.gaveUp ? "non recapitabile" : "si riprova più tardi";
          log(`Posta: messaggio ${problem.id} non inviato al tentativo ${problem.attempts} (${outcome}): ${problem.error}`);
        }
        // A full batch: the next one goes at once, not after the poll interval.
        if (report.more) again = true;
      })
      .catch((error: unknown) => console.error("Posta: errore del worker", error))
      .finally(() => {
        running = null;
        if (stopped) return;
        if (again) {
          again = false;
          setImmediate(tick);
        } else {
          timer = setTimeout(tick, env.MAIL_POLL_MS);
        }
      });
  };
  wake = tick;
  tick();
  log(`Posta: invio tramite ${new URL(env.SMTP_URL).host} attivo.`);
  return async () => {
    stopped = true;
    wake = null;
    clearTimeout(timer);
    await running;
    transport.close();
  };
}

/** For the development-only outbox page. */
export function listRecentMails(limit = 100) {
  return appDb.outboxMail.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, to: true, subject: true, status: true, attempts: true, createdAt: true, sentAt: true, lastError: true },
  });
}

export function findMail(id: string) {
  return appDb.outboxMail.findUnique({ where: { id } });
}
