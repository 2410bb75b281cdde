import { Fragment } from "react";
import { Link } from "react-router";
import type { Route } from "./+types/projects.summary";
import { can, requirePermission } from "~/auth/permissions.server";
import { compactPercent, euroTick, HorizontalBarChart } from "~/components/charts";
import { PageHeader, pageTitle } from "~/components/page";
import { currentYearRange } from "~/domain/project-export.server";
import { tavoloTotals, type AmountTotals } from "~/domain/project-progress.server";
import { formatEuro, formatPercent, formatQuantity } from "~/domain/money";
import { INDICATOR_DIRECTIONS } from "~/domain/projects";
import { ScrollableTable } from "~/components/lists";

export const meta: Route.MetaFunction = () => pageTitle("Riepilogo dei progetti");

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "projects" });
  return {
    totals: await tavoloTotals(),
    canManage: can(user, "manage", { kind: "projects" }),
    period: currentYearRange(),
  };
}

type Totals = Route.ComponentProps["loaderData"]["totals"];
type Row = AmountTotals & { key: string; label: string };

const AMOUNT_COLUMNS: { key: keyof Omit<AmountTotals, "projects">; label: string }[] = [
  { key: "programmedCents", label: "Programmato" },
  { key: "admittedCents", label: "Ammesso" },
  { key: "committedCents", label: "Impegnato" },
  { key: "liquidatedCents", label: "Liquidato" },
  { key: "disbursedCents", label: "Erogato" },
];

/** Programmed and liquidated side by side for each row, then the full table of amounts. */
function AmountsBlock({
  id,
  title,
  firstColumn,
  rows,
  total,
  note,
}: {
  id: string;
  title: string;
  firstColumn: string;
  rows: Row[];
  total?: AmountTotals;
  note?: string;
}) {
  return (
    <section aria-labelledby={id} className="mb-5">
      <h2 id={id} className="h3">
        {title}
      </h2>
      {note ? <p>{note}</p> : null}
      {rows.length === 0 ? (
        <p className="empty-state">Nessun progetto registrato.</p>
      ) : (
        <>
          <HorizontalBarChart
            title={`${title}: importo programmato e liquidato`}
            description={rows
              .map((r) => `${r.label}: programmato ${formatEuro(r.programmedCents)}, liquidato ${formatEuro(r.liquidatedCents)}`)
              .join("; ")}
            series={[{ label: "Programmato" }, { label: "Liquidato (spese approvate)" }]}
            rows={rows.map((r) => ({
              key: r.key,
              label: r.label,
              values: [
                { value: r.programmedCents, text: formatEuro(r.programmedCents) },
                { value: r.liquidatedCents, text: formatEuro(r.liquidatedCents) },
              ],
            }))}
            tickFormat={euroTick}
          />
          <ScrollableTable>
            <table className="table">
              <caption>{title}: numero di progetti e importi</caption>
              <thead>
                <tr>
                  <th scope="col">{firstColumn}</th>
                  <th scope="col" className="text-end">
                    Progetti
                  </th>
                  {AMOUNT_COLUMNS.map((c) => (
                    <th key={c.key} scope="col" className="text-end">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row" className="fw-normal">
                      {r.label}
                    </th>
                    <td className="text-end">{r.projects}</td>
                    {AMOUNT_COLUMNS.map((c) => (
                      <td key={c.key} className="text-end text-nowrap">
                        {formatEuro(r[c.key])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              {total ? (
                <tfoot>
                  <tr className="fw-semibold">
                    <th scope="row">Totale</th>
                    <td className="text-end">{total.projects}</td>
                    {AMOUNT_COLUMNS.map((c) => (
                      <td key={c.key} className="text-end text-nowrap">
                        {formatEuro(total[c.key])}
                      </td>
                    ))}
                  </tr>
                </tfoot>
              ) : null}
            </table>
          </ScrollableTable>
        </>
      )}
    </section>
  );
}

function IndicatorsByArea({ totals }: { totals: Totals }) {
  const rows = totals.indicatorsByArea;
  return (
    <section aria-labelledby="indicatori-area" className="mb-5">
      <h2 id="indicatori-area" className="h3">
        Indicatori per area tematica
      </h2>
      <p>
        I valori degli indicatori con la stessa area tematica e la stessa unità di misura sono sommati fra i progetti; conta solo ciò che è stato
        approvato.
        {totals.percentIndicatorsLeftOut > 0
          ? ` Gli indicatori espressi in percentuale (${totals.percentIndicatorsLeftOut}) non si sommano e sono esclusi da questa tabella.`
          : ""}
      </p>
      {rows.length === 0 ? (
        <p className="empty-state">Nessun indicatore da sommare.</p>
      ) : (
        <>
          <HorizontalBarChart
            title="Indicatori per area tematica: percentuale dell'obiettivo raggiunta"
            description={rows
              .map((r) => `${r.thematicArea}, ${r.unit}: ${formatQuantity(r.achieved)} su ${formatQuantity(r.target)}, ${formatPercent(r.percent)}`)
              .join("; ")}
            series={[{ label: "Raggiunto" }]}
            rows={rows.map((r) => ({
              key: `${r.thematicArea}-${r.unit}-${r.direction}`,
              label: `${r.thematicArea}: ${r.unit}${r.direction === "DECREASE" ? " (da ridurre)" : ""}`,
              values: [{ value: r.percent, text: `${formatQuantity(r.achieved)} su ${formatQuantity(r.target)} (${formatPercent(r.percent)})` }],
            }))}
            tickFormat={compactPercent}
            marker={{ value: 100, label: "Obiettivo (100%)" }}
            domainMax={Math.min(200, Math.max(100, ...rows.map((r) => r.percent)))}
          />
          <ScrollableTable>
            <table className="table">
              <caption>Indicatori sommati per area tematica e unità di misura</caption>
              <thead>
                <tr>
                  <th scope="col">Area tematica</th>
                  <th scope="col">Unità di misura</th>
                  <th scope="col">Indicatori</th>
                  <th scope="col" className="text-end">
                    Valore di partenza
                  </th>
                  <th scope="col" className="text-end">
                    Obiettivo
                  </th>
                  <th scope="col" className="text-end">
                    Raggiunto
                  </th>
                  <th scope="col" className="text-end">
                    % dell'obiettivo
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.thematicArea}-${r.unit}-${r.direction}`}>
                    <th scope="row" className="fw-normal">
                      {r.thematicArea}
                    </th>
                    <td>
                      {r.unit}
                      <span className="d-block small text-muted">{INDICATOR_DIRECTIONS[r.direction]}</span>
                    </td>
                    <td>
                      {r.names.join("; ")}
                      <span className="d-block small text-muted">{r.count === 1 ? "1 progetto" : `${r.count} indicatori di progetto`}</span>
                    </td>
                    <td className="text-end">{formatQuantity(r.baseline)}</td>
                    <td className="text-end">{formatQuantity(r.target)}</td>
                    <td className="text-end">{formatQuantity(r.achieved)}</td>
                    <td className="text-end">{formatPercent(r.percent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        </>
      )}
    </section>
  );
}

function ReportsAndExports({ period }: { period: { dal: string; al: string } }) {
  return (
    <section aria-labelledby="report-titolo" className="mb-5">
      <h2 id="report-titolo" className="h3">
        Report periodico ed esportazioni
      </h2>
      <p>
        Il report del tavolo per un periodo: progetti attivi, finanziamenti per fonte, spese e beneficiari dei periodi di rendicontazione che si
        chiudono nel periodo scelto, e una sezione per ogni progetto.
      </p>
      {/* A plain GET form: each button opens its file directly, with or without JavaScript. */}
      <form method="get" action="/progetti/report/pdf" className="row g-3 align-items-end mb-4" aria-label="Periodo del report">
        <div className="col-12 col-md-4 form-group mb-0">
          <label htmlFor="report-dal" className="active">
            Dal
          </label>
          <input id="report-dal" name="dal" type="date" className="form-control" defaultValue={period.dal} required />
        </div>
        <div className="col-12 col-md-4 form-group mb-0">
          <label htmlFor="report-al" className="active">
            Al
          </label>
          <input id="report-al" name="al" type="date" className="form-control" defaultValue={period.al} required />
        </div>
        <div className="col-12 col-md-4 d-flex flex-wrap gap-2">
          <button type="submit" formAction="/progetti/report/pdf" className="btn btn-primary">
            Report PDF
          </button>
          <button type="submit" formAction="/progetti/report/xlsx" className="btn btn-outline-primary">
            Report XLSX
          </button>
        </div>
      </form>
      <p className="mb-2">
        Esportazione per il monitoraggio (CUP, importi programmato, impegnato, liquidato ed erogato, indicatori con valore e data), solo valori
        approvati:
      </p>
      <ul>
        <li>
          <a href="/progetti/esporta/xlsx" download>
            Scarica in formato XLSX
          </a>{" "}
          (con il foglio dell'avanzamento finanziario)
        </li>
        <li>
          <a href="/progetti/esporta/csv" download>
            Scarica in formato CSV
          </a>
        </li>
      </ul>
    </section>
  );
}

export default function ProjectsSummary({ loaderData }: Route.ComponentProps) {
  const { totals, canManage, period } = loaderData;
  const { total, beneficiaries } = totals;
  return (
    <div className="container my-5">
      <PageHeader
        title="Riepilogo dei progetti"
        lead="I totali del tavolo per fonte di finanziamento, obiettivo strategico e area tematica. Spese, indicatori e beneficiari contano solo le rendicontazioni approvate."
      >
        <Link to="/progetti" className="btn btn-outline-primary">
          Tutti i progetti
        </Link>
      </PageHeader>

      <section aria-labelledby="totali-titolo" className="mb-5">
        <h2 id="totali-titolo" className="h3">
          In sintesi
        </h2>
        <dl className="row mb-0">
          <dt className="col-12 col-sm-6 col-lg-4">Progetti</dt>
          <dd className="col-12 col-sm-6 col-lg-8">{total.projects}</dd>
          {AMOUNT_COLUMNS.map((c) => (
            <Fragment key={c.key}>
              <dt className="col-12 col-sm-6 col-lg-4">{c.label}</dt>
              <dd className="col-12 col-sm-6 col-lg-8">{formatEuro(total[c.key])}</dd>
            </Fragment>
          ))}
          <dt className="col-12 col-sm-6 col-lg-4">Beneficiari raggiunti</dt>
          <dd className="col-12 col-sm-6 col-lg-8">
            {beneficiaries.households.toLocaleString("it-IT")} nuclei familiari, {beneficiaries.people.toLocaleString("it-IT")} persone (di cui{" "}
            {beneficiaries.minors.toLocaleString("it-IT")} minori)
          </dd>
        </dl>
      </section>

      <AmountsBlock
        id="per-fonte"
        title="Per fonte di finanziamento"
        firstColumn="Fonte"
        rows={totals.bySource.map((r) => ({ ...r, key: r.source }))}
        total={total}
      />
      <AmountsBlock
        id="per-obiettivo"
        title="Per obiettivo strategico"
        firstColumn="Obiettivo"
        note="Un progetto che persegue più obiettivi è contato in ciascuno: la somma delle righe può superare il totale del tavolo."
        rows={totals.byObjective.map((r) => ({ ...r, key: r.objectiveId ?? "nessuno" }))}
      />
      <AmountsBlock
        id="per-area"
        title="Per area tematica"
        firstColumn="Area tematica del gruppo di lavoro"
        note="Gli importi di ogni progetto sono attribuiti all'area tematica del suo gruppo di lavoro; i progetti senza gruppo sono in «Senza gruppo»."
        rows={totals.byArea.map((r) => ({ ...r, key: r.thematicArea, label: r.thematicArea }))}
        total={total}
      />
      <IndicatorsByArea totals={totals} />

      {canManage ? <ReportsAndExports period={period} /> : null}
    </div>
  );
}
