import { db } from "~/db.server";

/** For load balancers and uptime checks: answers 200 when the database answers. Public. */
export async function loader() {
  await db.$queryRawUnsafe("SELECT 1");
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
