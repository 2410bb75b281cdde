// A real SMTP server in the test process (smtp-server), so mail goes through nodemailer's real
// transport and is read back with mailparser.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface CaughtMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: ParsedMail["headers"];
}

export async function startSmtpCatcher(options: { rejectWith?: () => string | null } = {}) {
  const messages: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const refusal = options.rejectWith?.();
          if (refusal) return callback(new Error(refusal));
          const to = [parsed.to].flat().flatMap((a) => a?.value ?? []).map((v) => (v.address ?? "").toLowerCase());
          messages.push({ to, subject: parsed.subject ?? "", text: parsed.text ?? "", html: parsed.html || "", headers: parsed.headers });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    messages,
    url: `smtp://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text whose path starts with `prefix`. */
export function linkIn(mail: CaughtMail, prefix: string): URL {
  const url = mail.text
    .match(/https?:\/\/\S+/g)
    ?.map((candidate) => new URL(candidate))
    .find((candidate) => candidate.pathname.startsWith(prefix));
  if (!url) throw new Error(`No ${prefix} link in mail "${mail.subject}":\n${mail.text}`);
  return url;
}
