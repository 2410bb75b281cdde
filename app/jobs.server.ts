import { pruneAttempts } from "~/auth/rate-limit.server";
import { startMailWorker } from "~/mail/outbox.server";

/** Work the server process does beside answering requests. Returns a function that stops it. */
export function startBackgroundJobs() {
  const stopMail = startMailWorker();
  const housekeeping = setInterval(() => {
    pruneAttempts().catch((error: unknown) => console.error("Pulizia tentativi di accesso non riuscita", error));
  }, 60 * 60_000);
  housekeeping.unref();
  return async () => {
    clearInterval(housekeeping);
    await stopMail();
  };
}
