import { execFile } from "node:child_process";
import { promisify } from "node:util";
import nodemailer from "nodemailer";
import { afterEach, describe, expect, it } from "vitest";
import { createPrismaClient, db } from "~/db.server";
import { deliverDueMails, enqueueMail, enqueueMails, MAX_ATTEMPTS, retryDelayMs } from "~/mail/outbox.server";
import { startSmtpCatcher } from "../smtp";

const content = (n: number) => ({
  subject: `Messaggio ${n}`,
  heading: `Titolo ${n}`,
  blocks: [{ kind: "paragraph" as const, text: `Corpo del messaggio ${n}` }],
});

const execFileAsync = promisify(execFile);

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

async function catcher(options?: Parameters<typeof startSmtpCatcher>[0]) {
  const smtp = await startSmtpCatcher(options);
  closers.push(smtp.close);
  return smtp;
}

describe("mail outbox", () => {
  it("queues many mails at once and says when a batch was full, so the worker goes on without waiting", async () => {
    const smtp = await catcher();
    await enqueueMails(db, Array.from({ length: 5 }, (_, i) => ({ template: "prova", to: `persona${i}@example.org`, content: content(i) })));
    const transport = nodemailer.createTransport(smtp.url);
    expect(await deliverDueMails({ transport, workerId: "w1", batchSize: 3 })).toEqual({ sent: 3, retried: 0, failed: 0, more: true, problems: [] });
    expect(await deliverDueMails({ transport, workerId: "w1", batchSize: 3 })).toEqual({ sent: 2, retried: 0, failed: 0, more: false, problems: [] });
    expect(smtp.messages.map((m) => m.subject).sort()).toEqual(["Messaggio 0", "Messaggio 1", "Messaggio 2", "Messaggio 3", "Messaggio 4"]);
  });

  it("delivers queued mail over SMTP with both an HTML and a plain-text part, and marks it sent", async () => {
    const smtp = await catcher();
    const queued = await enqueueMail(db, { template: "prova", to: "destinatario@example.org", content: content(1) });
    const report = await deliverDueMails({ transport: nodemailer.createTransport(smtp.url), workerId: "w1" });
    expect(report).toEqual({ sent: 1, retried: 0, failed: 0, more: false, problems: [] });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toMatchObject({ to: ["destinatario@example.org"], subject: "Messaggio 1" });
    expect(smtp.messages[0]?.text).toContain("Corpo del messaggio 1");
    expect(smtp.messages[0]?.html).toContain("<h1");
    const stored = await db.outboxMail.findUniqueOrThrow({ where: { id: queued.id } });
    expect(stored).toMatchObject({ status: "SENT", attempts: 1, lockedBy: null });
    expect(stored.sentAt).toBeInstanceOf(Date);
    // Nothing is sent twice.
    await deliverDueMails({ transport: nodemailer.createTransport(smtp.url), workerId: "w1" });
    expect(smtp.messages).toHaveLength(1);
  });

  it("keeps mail through an SMTP outage, backs off, and delivers when the server is back", async () => {
    await enqueueMail(db, { template: "prova", to: "paziente@example.org", content: content(2) });
    // Nothing listens on this port: connection refused.
    const down = await catcher();
    const deadUrl = down.url;
    await down.close();
    closers.pop();
    const first = await deliverDueMails({ transport: nodemailer.createTransport(deadUrl), workerId: "w1" });
    const waiting = await db.outboxMail.findFirstOrThrow();
    expect(first).toEqual({ sent: 0, retried: 1, failed: 0, more: false, problems: [{ id: waiting.id, attempts: 1, gaveUp: false, error: waiting.lastError }] });
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(waiting.lastError).toMatch(/ECONNREFUSED/);
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);

    const smtp = await catcher();
    // Not yet due: the back-off is respected.
    await deliverDueMails({ transport: nodemailer.createTransport(smtp.url), workerId: "w1" });
    expect(smtp.messages).toHaveLength(0);
    const later = new Date(waiting.nextAttemptAt.getTime() + 1000);
    const report = await deliverDueMails({ transport: nodemailer.createTransport(smtp.url), workerId: "w1", now: later });
    expect(report.sent).toBe(1);
    expect(smtp.messages.map((m) => m.subject)).toEqual(["Messaggio 2"]);
  });

  it("retries a mail the server refuses, then gives up after the last attempt", async () => {
    const smtp = await catcher({ rejectWith: () => "550 mailbox unavailable" });
    const queued = await enqueueMail(db, { template: "prova", to: "inesistente@example.org", content: content(3) });
    let now = new Date();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await deliverDueMails({ transport: nodemailer.createTransport(smtp.url), workerId: "w1", now });
      now = new Date(now.getTime() + retryDelayMs(attempt) + 60 * 60_000);
    }
    const stored = await db.outboxMail.findUniqueOrThrow({ where: { id: queued.id } });
    expect(stored.status).toBe("FAILED");
    expect(stored.attempts).toBe(MAX_ATTEMPTS);
    expect(stored.lastError).toContain("550");
    expect(stored.failure).toBe("GAVE_UP");
  });

  it("marks a mail refused for good (a 5xx bounce) as failed at once, without retrying", async () => {
    const smtp = await catcher({ refuseRecipient: (address) => address === "nessuno@example.org" });
    const refused = await enqueueMail(db, { template: "prova", to: "nessuno@example.org", content: content(4) });
    const fine = await enqueueMail(db, { template: "prova", to: "qualcuno@example.org", content: content(5) });
    const report = await deliverDueMails({ transport: nodemailer.createTransport(smtp.url), workerId: "w1" });
    expect(report).toMatchObject({ sent: 1, retried: 0, failed: 1, more: false, problems: [{ id: refused.id, attempts: 1, gaveUp: true }] });
    expect(report.problems[0]?.error).toContain("550");
    expect(await db.outboxMail.findUniqueOrThrow({ where: { id: refused.id } })).toMatchObject({
      status: "FAILED",
      failure: "REJECTED",
      attempts: 1,
    });
    expect(await db.outboxMail.findUniqueOrThrow({ where: { id: fine.id } })).toMatchObject({ status: "SENT", failure: null });
    expect(smtp.messages.map((m) => m.to)).toEqual([["qualcuno@example.org"]]);
  });

  it("backs off exponentially up to an hour", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20)).toBe(60 * 60_000);
  });

  it("survives a restart: mail queued by one process is delivered by a new one", async () => {
    await enqueueMail(db, { template: "prova", to: "dopo@example.org", content: content(4) });
    const restarted = await createPrismaClient(process.env.DATABASE_URL ?? "");
    try {
      expect(await restarted.outboxMail.count({ where: { status: "PENDING" } })).toBe(1);
    } finally {
      await restarted.$disconnect();
    }
    const smtp = await catcher();
    await deliverDueMails({ transport: nodemailer.createTransport(smtp.url), workerId: "nuovo-processo" });
    expect(smtp.messages.map((m) => m.to[0])).toEqual(["dopo@example.org"]);
  });

  it("two server processes sharing the database never send the same mail twice", async () => {
    // The child can deliver at most 10 rounds x 5 = 50, so both processes must take part.
    const total = 60;
    for (let n = 0; n < total; n++) await enqueueMail(db, { template: "prova", to: `p${n}@example.org`, content: content(n) });
    const smtp = await catcher();
    // The other process: tsx running the real outbox code with its own connection.
    const child = execFileAsync("npx", ["tsx", "tests/support/outbox-worker.ts"], {
      env: { ...process.env, SMTP_URL: smtp.url, ROUNDS: "10" },
    });
    const deadline = Date.now() + 15_000;
    while ((await db.outboxMail.count({ where: { status: { not: "PENDING" } } })) === 0 && (await db.outboxMail.count({ where: { lockedBy: { not: null } } })) === 0) {
      if (Date.now() > deadline) throw new Error("the second process never started delivering");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const transport = nodemailer.createTransport(smtp.url);
    let sentHere = 0;
    while ((await db.outboxMail.count({ where: { status: "PENDING" } })) > 0 && Date.now() < deadline) {
      sentHere += (await deliverDueMails({ transport, workerId: "this-process", batchSize: 5 })).sent;
    }
    const sentThere = (JSON.parse((await child).stdout.trim().split("\n").pop() ?? "{}") as { sent: number }).sent;
    expect(sentHere).toBeGreaterThan(0);
    expect(sentThere).toBeGreaterThan(0);
    expect(sentHere + sentThere).toBe(total);
    const recipients = smtp.messages.map((m) => m.to[0]);
    expect(recipients).toHaveLength(total);
    expect(new Set(recipients).size).toBe(total);
    expect(await db.outboxMail.count({ where: { status: "SENT" } })).toBe(total);
  });
});
