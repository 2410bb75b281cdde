import type { Route } from "./+types/profile.personal-data-file";
import { requireUser } from "~/auth/permissions.server";
import { exportPersonalData } from "~/domain/personal-data.server";
import { formatRome } from "~/utils/dates";

/** /profilo/dati-personali.json: the signed-in person's own data, as a file to keep. */
export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const now = new Date();
  const data = await exportPersonalData(user.id, now);
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="dati-personali-tavolo-${formatRome(now, "yyyy-MM-dd")}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
