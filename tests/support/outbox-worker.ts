// A second server process for the outbox race test: delivers due mail from its own process,
// with its own database connection, then prints what it did as JSON.
import nodemailer from "nodemailer";
import { db } from "~/db.server";
import { deliverDueMails } from "~/mail/outbox.server";

const transport = nodemailer.createTransport(process.env.SMTP_URL ?? "");
const total = { sent: 0, retried: 0, failed: 0 };
for (let round = 0; round < Number(process.env.ROUNDS ?? 10); round++) {
  const report = await deliverDueMails({ transport, workerId: `child-${process.pid}`, batchSize: 5 });
  total.sent += report.sent;
  total.retried += report.retried;
  total.failed += report.failed;
}
console.log(JSON.stringify(total));
await db.$disconnect();
