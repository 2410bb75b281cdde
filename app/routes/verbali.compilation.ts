import type { Route } from "./+types/verbali.compilation";
import { requireUser } from "~/auth/permissions.server";
import { verbaliCompilationPdf } from "~/domain/verbali.server";
import { pdfResponse } from "~/pdf/layout.server";
import { parseDay } from "~/utils/dates";
import { UserFacingError } from "~/utils/errors";

/** ?serie=<id>&dal=<yyyy-mm-dd>&al=<yyyy-mm-dd>: the published verbali of a series, which every signed-in user may read. */
export async function loader(args: Route.LoaderArgs) {
  requireUser(args);
  const params = new URL(args.request.url).searchParams;
  const seriesId = params.get("serie") ?? "";
  const from = params.get("dal") ? parseDay(params.get("dal") ?? "") : null;
  const to = params.get("al") ? parseDay(params.get("al") ?? "") : null;
  if (!seriesId) throw new Response("Scegli la serie di riunioni di cui raccogliere i verbali.", { status: 400 });
  if ((params.get("dal") && !from) || (params.get("al") && !to)) throw new Response("Date non valide: usa il formato aaaa-mm-gg.", { status: 400 });
  if (from && to && to < from) throw new Response("La fine del periodo non può precedere l'inizio.", { status: 400 });
  try {
    const { buffer, filename } = await verbaliCompilationPdf(seriesId, from, to);
    return pdfResponse(buffer, filename);
  } catch (error) {
    if (error instanceof UserFacingError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}
