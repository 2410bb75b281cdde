import nodemailer from "nodemailer";
import { deliverDueMails } from "~/mail/outbox.server";
import type { startSmtpCatcher } from "../smtp";

// Integration tests read their mail the way people do: the outbox delivers it over SMTP to the
// real catcher in tests/smtp.ts, and the test reads what arrived.

/** Delivers what the outbox holds to `smtp` and returns what arrived, sorted by recipient. */
export async function deliverOutbox(smtp: Awaited<ReturnType<typeof startSmtpCatcher>>) {
  smtp.messages.length = 0;
  await deliverDueMails({ transport: nodemailer.createTransport(smtp.url), workerId: "test" });
  return [...smtp.messages].sort((a, b) => (a.to[0] ?? "").localeCompare(b.to[0] ?? ""));
}
