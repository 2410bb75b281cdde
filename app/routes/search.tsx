import { Form, Link } from "react-router";
import type { Route } from "./+types/search";
import { requirePermission } from "~/auth/permissions.server";
import { pageTitle } from "~/components/page";
import { isSearchKind, MAX_CANDIDATES, search, SEARCH_KINDS } from "~/domain/search.server";
import { MAX_QUERY_LENGTH, type Segment } from "~/domain/search-text";
import { formatDate } from "~/utils/dates";

export const meta: Route.MetaFunction = ({ loaderData }) =>
  pageTitle(loaderData?.query ? `Ricerca: ${loaderData.query.slice(0, 60)}` : "Ricerca");

/** Everyone signed in searches; what each finds is decided inside the query (search.server.ts). */
export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "tavolo" });
  const params = new URL(args.request.url).searchParams;
  // A query far longer than allowed is not echoed back whole.
  const query = (params.get("q") ?? "").slice(0, MAX_QUERY_LENGTH * 2);
  const kindParam = params.get("tipo") ?? "";
  const kind = isSearchKind(kindParam) ? kindParam : null;
  const page = Number.parseInt(params.get("pagina") ?? "1", 10);
  const outcome = await search(query, user, { kind, page: Number.isFinite(page) && page > 0 ? page : 1 });
  return {
    query,
    outcome:
      outcome.status === "ok"
        ? {
            ...outcome,
            kindLabel: outcome.kind ? SEARCH_KINDS[outcome.kind] : null,
            /** How many of the most recent matches were ranked, when the word is too common to rank them all. */
            rankedOf: outcome.capped ? MAX_CANDIDATES : null,
            groups: outcome.groups.map((group) => ({
              ...group,
              results: group.results.map((result) => ({ ...result, date: result.date ? formatDate(result.date) : null })),
            })),
          }
        : outcome,
  };
}

const MESSAGES = {
  empty: "Scrivi una o più parole da cercare.",
  tooLong: `La ricerca è troppo lunga: usa al massimo ${MAX_QUERY_LENGTH} caratteri, poche parole bastano.`,
  onlyStopWords: "Le parole cercate sono troppo comuni (articoli, preposizioni…): aggiungi una parola più specifica.",
};

const hrefFor = (query: string, kind?: string, page?: number) => {
  const params = new URLSearchParams({ q: query });
  if (kind) params.set("tipo", kind);
  if (page && page > 1) params.set("pagina", String(page));
  return `/cerca?${params}`;
};

/** Text with the matching words in <mark>: React escapes every piece, no HTML is ever injected. */
function Marked({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((segment, index) => (segment.mark ? <mark key={index} className="tavolo-match">{segment.text}</mark> : <span key={index}>{segment.text}</span>))}
    </>
  );
}

const resultsLabel = (n: number) => (n === 1 ? "1 risultato" : `${n.toLocaleString("it-IT")} risultati`);

export default function SearchPage({ loaderData }: Route.ComponentProps) {
  const { query, outcome } = loaderData;
  return (
    <div className="container my-4">
      <h1>Cerca nel tavolo</h1>
      <Form method="get" action="/cerca" role="search" aria-label="Modifica la ricerca" className="mb-4">
        <div className="d-flex flex-wrap gap-2 align-items-end">
          <div className="flex-grow-1" style={{ minWidth: "14rem" }}>
            <label htmlFor="search-page-q" className="form-label">
              Parole da cercare
            </label>
            <input
              id="search-page-q"
              type="search"
              name="q"
              defaultValue={query}
              className="form-control"
              aria-describedby="search-page-hint"
              autoComplete="off"
            />
          </div>
          <button type="submit" className="btn btn-primary">
            Cerca
          </button>
        </div>
        <p id="search-page-hint" className="form-text mb-0">
          Organizzazioni, persone, gruppi, riunioni, verbali, decisioni, progetti, rendicontazioni e documenti che puoi vedere. Trova
          anche le altre forme di una parola: «abitativo» trova «abitative».
        </p>
      </Form>

      {outcome.status !== "ok" ? (
        <p className={query.trim() ? "alert alert-warning" : "text-secondary"} role="status">
          {MESSAGES[outcome.status]}
        </p>
      ) : (
        <>
          <p role="status" className="fw-semibold">
            {outcome.total === 0
              ? `Nessun risultato per «${query.trim()}». Prova con meno parole o con parole diverse.`
              : outcome.kindLabel
                ? `${resultsLabel(outcome.total)} tra ${outcome.kindLabel.toLowerCase()} per «${query.trim()}»`
                : `${resultsLabel(outcome.total)} per «${query.trim()}»`}
          </p>
          {outcome.rankedOf ? (
            <p className="alert alert-info">
              «{query.trim()}» compare in moltissimi documenti: qui trovi i più pertinenti fra i {outcome.rankedOf.toLocaleString("it-IT")} più
              recenti. Aggiungi una parola per restringere la ricerca.
            </p>
          ) : null}
          {outcome.kind ? (
            <p>
              <Link to={hrefFor(query)}>Tutti i risultati, per tipo</Link>
            </p>
          ) : null}
          {outcome.groups.map((group) => (
            <section key={group.kind} aria-labelledby={`risultati-${group.kind}`} className="mb-4">
              <h2 id={`risultati-${group.kind}`} className="h4">
                {group.label} <span className="badge bg-secondary">{group.total}</span>
              </h2>
              <ol className="list-unstyled">
                {group.results.map((result) => (
                  <li key={result.recordId} className="border-bottom py-2">
                    <Link to={result.url} className="fw-semibold">
                      <Marked segments={result.title} />
                    </Link>
                    {result.date ? <span className="text-secondary small ms-2">{result.date}</span> : null}
                    {result.snippet.length > 0 ? (
                      <p className="mb-0 small text-break">
                        <Marked segments={result.snippet} />
                      </p>
                    ) : null}
                  </li>
                ))}
              </ol>
              {!outcome.kind && group.total > group.results.length ? (
                <Link to={hrefFor(query, group.kind)}>
                  Mostra tutti i {group.total} risultati tra {group.label.toLowerCase()}
                </Link>
              ) : null}
            </section>
          ))}
          {outcome.kind && outcome.pages > 1 ? (
            <nav aria-label="Pagine dei risultati" className="d-flex gap-3 align-items-center">
              {outcome.page > 1 ? <Link to={hrefFor(query, outcome.kind, outcome.page - 1)}>Pagina precedente</Link> : null}
              <span>
                Pagina {outcome.page} di {outcome.pages}
              </span>
              {outcome.page < outcome.pages ? <Link to={hrefFor(query, outcome.kind, outcome.page + 1)}>Pagina successiva</Link> : null}
            </nav>
          ) : null}
        </>
      )}
    </div>
  );
}
