// A real SMTP server (smtp-server), so mail goes through nodemailer's real transport and is read
// back with mailparser. vitest keeps the messages in memory; Playwright's global setup also writes
// each one to a file (onMail) for the test workers.
import type { AddressInfo } from "node:net";
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface CaughtMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  receivedAt: string;
}

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  [field].flat().flatMap((group) => group?.value ?? []).map((a) => (a.address ?? "").toLowerCase()).filter(Boolean);

export async function startSmtpCatcher(
  options: {
    port?: number;
    /** Refuses every message with this text (a temporary 450 refusal). */
    rejectWith?: () => string | null;
    /** Refuses these recipients for good, as a server with no such mailbox does (550). */
    refuseRecipient?: (address: string) => boolean;
    onMail?: (mail: CaughtMail) => void;
  } = {},
) {
  const messages: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!options.refuseRecipient?.(address.address.toLowerCase())) return callback();
      callback(Object.assign(new Error("5.1.1 Mailbox unavailable"), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const refusal = options.rejectWith?.();
          if (refusal) return callback(new Error(refusal));
          const to = addresses(parsed.to);
          const mail: CaughtMail = {
            to: to.length > 0 ? to : session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            receivedAt: new Date().toISOString(),
          };
          messages.push(mail);
          options.onMail?.(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      // A client that hangs up mid-session must not bring the test runner down.
      server.on("error", (error) => console.error(`SMTP di prova: ${error.message}`));
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    messages,
    url: `smtp://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text whose path starts with `prefix`. */
export function linkIn(mail: Pick<CaughtMail, "text" | "subject">, prefix: string): URL {
  const url = mail.text
    .match(/https?:\/\/\S+/g)
    ?.map((candidate) => new URL(candidate))
    .find((candidate) => candidate.pathname.startsWith(prefix));
  if (!url) throw new Error(`No ${prefix} link in mail "${mail.subject}":\n${mail.text}`);
  return url;
}
