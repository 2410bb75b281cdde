import type { Route } from "./+types/public.data.file";
import { openDataFile, parseDatasetFile } from "~/domain/transparency.server";
import { env } from "~/env.server";

/** A header parameter value in UTF-8: percent-encoded except RFC 8187's attr-chars. */
const rfc8187 = (text: string) => encodeURIComponent(text).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * /pubblico/dati/progetti.csv|json and /pubblico/dati/indicatori.csv|json: the open data, with no
 * sign-in. Stable addresses, computed at each request; a short public cache with an ETag, so a
 * project taken off the public pages leaves caches within minutes.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const dataset = parseDatasetFile(params.file);
  if (!dataset) throw new Response("Dataset non trovato: i file disponibili sono elencati in /pubblico/dati.", { status: 404 });
  const file = await openDataFile(dataset.name, dataset.format);
  const licence = new URL(file.licenceUrl ?? "/pubblico/dati#licenza", env.APP_URL).toString();
  const headers = {
    "Content-Type": file.contentType,
    // A CSV is saved and opened in a spreadsheet; a JSON is read in the browser or by a program.
    "Content-Disposition": `${dataset.format === "csv" ? "attachment" : "inline"}; filename="${file.fileName}"`,
    "Cache-Control": "public, max-age=300",
    ETag: file.etag,
    // The licence line itself rides along as the link's title (RFC 8288, UTF-8 per RFC 8187).
    Link: `<${licence}>; rel="license"; title*=UTF-8''${rfc8187(file.licence)}, <${new URL("/pubblico/dati", env.APP_URL).toString()}>; rel="describedby"`,
    "Access-Control-Allow-Origin": "*",
  };
  if (request.headers.get("If-None-Match") === file.etag) return new Response(null, { status: 304, headers });
  return new Response(file.body, { headers });
}
