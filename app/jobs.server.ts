import { pruneAttempts } from "~/auth/rate-limit.server";
import { sendAidFiguresReminders } from "~/domain/aid-service-reminders.server";
import { sendDueAnnouncements } from "~/domain/announcements.server";
import { sendMeetingReminders } from "~/domain/convocations.server";
import { refreshMembershipStatuses } from "~/domain/organisations.server";
import { ensureSearchIndex } from "~/domain/search.server";
import { sendProtocolExpiryNotices } from "~/domain/protocols.server";
import { sendRendicontazioneReminders, sendWeeklyDigests } from "~/domain/reporting-reminders.server";
import { startMailWorker } from "~/mail/outbox.server";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

// The expiry check runs hourly rather than once a day: its notice rows make a repeated run send
// nothing, and a server restarted around midnight cannot miss a day.
function checkProtocolExpiries() {
  sendProtocolExpiryNotices().catch((error: unknown) => console.error("Controllo scadenze dei protocolli non riuscito", error));
}

// A membership step dated in the future (a withdrawal from next month) becomes the organisation's
// current status when its day comes.
function applyDueMembershipSteps() {
  refreshMembershipStatuses().catch((error: unknown) => console.error("Aggiornamento degli stati di adesione non riuscito", error));
}

// Hourly is early enough for a reminder due days before a meeting; reminderSentAt makes a
// repeated run send nothing.
function remindMeetings() {
  sendMeetingReminders().catch((error: unknown) => console.error("Invio dei promemoria delle riunioni non riuscito", error));
}

// Reminder rows make a repeated run send nothing; hourly, a deadline reminder goes within the
// first hour of its Rome day, and a restart cannot skip one.
function remindRendicontazioni() {
  sendRendicontazioneReminders().catch((error: unknown) => console.error("Invio dei promemoria delle rendicontazioni non riuscito", error));
}

// Only Monday from 07:00 (Rome) sends anything; the WeeklyDigest rows keep it to one a week.
function sendDigests() {
  sendWeeklyDigests().catch((error: unknown) => console.error("Invio dei riepiloghi settimanali non riuscito", error));
}

// An announcement scheduled for 10:00 leaves within the minute; each is claimed in the transaction
// that sends it, so two processes never send it twice.
function sendScheduledAnnouncements() {
  sendDueAnnouncements().catch((error: unknown) => console.error("Invio delle comunicazioni programmate non riuscito", error));
}

// From the 1st of each month (Rome) each organisation with services is asked once for last
// month's figures; the reminder rows make a repeated run send nothing.
function remindAidFigures() {
  sendAidFiguresReminders().catch((error: unknown) => console.error("Invio dei promemoria dei dati mensili dei servizi non riuscito", error));
}

// A database filled before the search index existed (or by an older Tavolo whose entries said
// less) is indexed once at start; until then search finds what changes from now on.
function buildSearchIndexIfNeeded() {
  ensureSearchIndex()
    .then((rebuilt) => {
      if (rebuilt) console.log("Indice di ricerca ricostruito.");
    })
    .catch((error: unknown) => console.error("Costruzione dell'indice di ricerca non riuscita", error));
}

/** Work the server process does beside answering requests. Returns a function that stops it. */
export function startBackgroundJobs() {
  const stopMail = startMailWorker();
  buildSearchIndexIfNeeded();
  checkProtocolExpiries();
  applyDueMembershipSteps();
  remindMeetings();
  remindRendicontazioni();
  remindAidFigures();
  sendDigests();
  sendScheduledAnnouncements();
  const everyMinute = setInterval(sendScheduledAnnouncements, MINUTE_MS);
  everyMinute.unref();
  const housekeeping = setInterval(() => {
    pruneAttempts().catch((error: unknown) => console.error("Pulizia tentativi di accesso non riuscita", error));
    checkProtocolExpiries();
    applyDueMembershipSteps();
    remindMeetings();
    remindRendicontazioni();
    remindAidFigures();
    sendDigests();
  }, HOUR_MS);
  housekeeping.unref();
  return async () => {
    clearInterval(everyMinute);
    clearInterval(housekeeping);
    await stopMail();
  };
}
