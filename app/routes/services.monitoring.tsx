import { Form, Link } from "react-router";
import type { Route } from "./+types/services.monitoring";
import { requirePermission } from "~/auth/permissions.server";
import { HorizontalBarChart } from "~/components/charts";
import { FilterSelect, ScrollableTable } from "~/components/lists";
import { PageHeader, pageTitle } from "~/components/page";
import { AID_METRICS, aidMetricLabel, formatMonth, optionsOf } from "~/domain/aid-services";
import { monitoringData, parseMonitoringRange, type MonitoringGroup, type MonitoringSeries } from "~/domain/aid-service-monitoring.server";
import { formatQuantity } from "~/domain/money";

export const meta: Route.MetaFunction = () => pageTitle("Monitoraggio dei servizi");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "view", { kind: "aidServices" });
  const range = parseMonitoringRange(new URL(args.request.url).searchParams);
  const data = await monitoringData(range);
  return {
    range: { dal: range.dal, al: range.al, metric: range.metric, metricLabel: aidMetricLabel(range.metric), label: `da ${formatMonth(range.from)} a ${formatMonth(range.to)}` },
    metricChoices: optionsOf(AID_METRICS),
    ...data,
  };
}

type Metric = { code: string; label: string };

/** One metric month by month for each kind or area: the trend behind the totals. */
function OverTimeTable({ caption, firstColumn, months, series }: { caption: string; firstColumn: string; months: { key: string; label: string }[]; series: MonitoringSeries[] }) {
  if (series.length === 0) return null;
  return (
    <ScrollableTable className="mt-3">
      <table className="table table-sm">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{firstColumn}</th>
            {months.map((m) => (
              <th key={m.key} scope="col" className="text-end text-nowrap">
                {m.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {series.map((row) => (
            <tr key={row.key}>
              <th scope="row" className="fw-normal">
                {row.label}
              </th>
              {row.values.map((value, i) => (
                <td key={months[i]?.key ?? i} className="text-end">
                  {formatQuantity(value)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}

function GroupSection({
  id,
  title,
  firstColumn,
  groups,
  metrics,
  metric,
  months,
  overTime,
}: {
  id: string;
  title: string;
  firstColumn: string;
  groups: MonitoringGroup[];
  metrics: Metric[];
  metric: Metric;
  months: { key: string; label: string }[];
  overTime: MonitoringSeries[];
}) {
  const value = (g: MonitoringGroup) => (g.totals as Record<string, number | undefined>)[metric.code] ?? 0;
  return (
    <section aria-labelledby={id} className="mb-5">
      <h2 id={id} className="h3">
        {title}
      </h2>
      {groups.length === 0 ? (
        <p className="empty-state">Nessun dato inserito nel periodo.</p>
      ) : (
        <div className="row">
          <div className="col-lg-6">
            <HorizontalBarChart
              title={`${metric.label}, ${title.toLowerCase()}`}
              description={groups.map((g) => `${g.label}: ${formatQuantity(value(g))}`).join("; ")}
              series={[{ label: metric.label }]}
              rows={groups.map((g) => ({ key: g.key, label: g.label, values: [{ value: value(g), text: formatQuantity(value(g)) }] }))}
              tickFormat={formatQuantity}
            />
          </div>
          <div className="col-lg-6">
            <ScrollableTable>
              <table className="table table-sm">
                <caption>{title}: totali del periodo</caption>
                <thead>
                  <tr>
                    <th scope="col">{firstColumn}</th>
                    <th scope="col" className="text-end">
                      Mesi inseriti
                    </th>
                    {metrics.map((m) => (
                      <th key={m.code} scope="col" className="text-end">
                        {m.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {groups.map((g) => (
                    <tr key={g.key}>
                      <th scope="row" className="fw-normal">
                        {g.label}
                      </th>
                      <td className="text-end">{g.reports}</td>
                      {metrics.map((m) => {
                        const v = (g.totals as Record<string, number | undefined>)[m.code];
                        return (
                          <td key={m.code} className="text-end">
                            {v === undefined ? "–" : formatQuantity(v)}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollableTable>
          </div>
        </div>
      )}
      <OverTimeTable caption={`${metric.label}, ${title.toLowerCase()}, mese per mese`} firstColumn={firstColumn} months={months} series={overTime} />
    </section>
  );
}

export default function ServicesMonitoring({ loaderData }: Route.ComponentProps) {
  const { range, metricChoices, totals, metrics, byKind, byArea, byMonth, months, kindOverTime, areaOverTime, reportCount, nothingToReportCount, lastMonth, lastMonthParam, missing } = loaderData;
  const metric = { code: range.metric, label: range.metricLabel };
  const query = new URLSearchParams({ dal: range.dal, al: range.al }).toString();
  const monthValue = (g: MonitoringGroup) => (g.totals as Record<string, number | undefined>)[metric.code] ?? 0;
  return (
    <div className="container my-5">
      <nav aria-label="Percorso" className="mb-3">
        <Link to="/servizi">Servizi del territorio</Link>
      </nav>
      <PageHeader title="Monitoraggio dei servizi" lead={`I dati mensili inseriti dalle organizzazioni, ${range.label}.`} />

      <Form method="get" className="mb-4" aria-label="Scegli il periodo e l'indicatore">
        <div className="row g-3 align-items-end">
          <div className="col-6 col-md-3 form-group mb-0">
            <label htmlFor="filtro-dal" className="active">
              Dal mese
            </label>
            <input id="filtro-dal" name="dal" type="month" className="form-control" defaultValue={range.dal} aria-describedby="formato-mese" />
          </div>
          <div className="col-6 col-md-3 form-group mb-0">
            <label htmlFor="filtro-al" className="active">
              Al mese
            </label>
            <input id="filtro-al" name="al" type="month" className="form-control" defaultValue={range.al} aria-describedby="formato-mese" />
          </div>
          <FilterSelect columns="col-12 col-md-4" id="indicatore" label="Indicatore dei grafici" all="Famiglie servite" value={range.metric === "FAMIGLIE_SERVITE" ? "" : range.metric} options={metricChoices.filter((m) => m.value !== "FAMIGLIE_SERVITE")} />
          <div className="col-12 col-md-2">
            <button type="submit" className="btn btn-primary">
              Mostra
            </button>
          </div>
        </div>
        <p id="formato-mese" className="form-text mt-2 mb-0">
          Mesi nel formato aaaa-mm (per esempio 2026-01).
        </p>
      </Form>

      <div className="d-flex flex-wrap gap-2 mb-4">
        <a href={`/servizi/monitoraggio/esporta/csv?${query}`} className="btn btn-outline-primary">
          Esporta CSV
        </a>
        <a href={`/servizi/monitoraggio/esporta/xlsx?${query}`} className="btn btn-outline-primary">
          Esporta XLSX
        </a>
      </div>

      <section aria-labelledby="totali" className="mb-5">
        <h2 id="totali" className="h3">
          Totali del tavolo
        </h2>
        <p>
          {reportCount === 0
            ? "Nessun mese inserito nel periodo."
            : `${reportCount} ${reportCount === 1 ? "mese inserito" : "mesi inseriti"} dai servizi${nothingToReportCount > 0 ? `, di cui ${nothingToReportCount} con «niente da segnalare»` : ""}.`}
        </p>
        {metrics.length > 0 ? (
          <ScrollableTable>
            <table className="table table-sm w-auto">
              <caption className="visually-hidden">Totali del tavolo nel periodo, per indicatore</caption>
              <thead>
                <tr>
                  <th scope="col">Indicatore</th>
                  <th scope="col" className="text-end">
                    Totale
                  </th>
                </tr>
              </thead>
              <tbody>
                {metrics.map((m) => (
                  <tr key={m.code}>
                    <th scope="row" className="fw-normal">
                      {m.label}
                    </th>
                    <td className="text-end">{formatQuantity((totals as Record<string, number | undefined>)[m.code] ?? 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        ) : null}
      </section>

      <section aria-labelledby="mancanti" className="mb-5">
        <h2 id="mancanti" className="h3">
          Senza dati di {lastMonth}
        </h2>
        {missing.length === 0 ? (
          <p>Tutti i servizi attivi hanno inserito i dati di {lastMonth}.</p>
        ) : (
          <ul>
            {missing.map((s) => (
              <li key={s.id}>
                <Link to={`/servizi/${s.id}`}>{s.name}</Link> ({s.organisation}, {s.kind}, {s.area}) ·{" "}
                <Link to={`/servizi/${s.id}/dati-mensili?mese=${lastMonthParam}`}>
                  inserisci i dati<span className="visually-hidden"> di {s.name}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="andamento" className="mb-5">
        <h2 id="andamento" className="h3">
          Andamento mese per mese
        </h2>
        <div className="row">
          <div className="col-lg-6">
            <HorizontalBarChart
              title={`${metric.label}, mese per mese`}
              description={byMonth.map((g) => `${g.label}: ${formatQuantity(monthValue(g))}`).join("; ")}
              series={[{ label: metric.label }]}
              rows={byMonth.map((g) => ({ key: g.key, label: g.label, values: [{ value: monthValue(g), text: formatQuantity(monthValue(g)) }] }))}
              tickFormat={formatQuantity}
            />
          </div>
          <div className="col-lg-6">
            <ScrollableTable>
              <table className="table table-sm">
                <caption>{metric.label}, mese per mese</caption>
                <thead>
                  <tr>
                    <th scope="col">Mese</th>
                    <th scope="col" className="text-end">
                      Servizi che hanno inserito i dati
                    </th>
                    <th scope="col" className="text-end">
                      {metric.label}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {byMonth.map((g) => (
                    <tr key={g.key}>
                      <th scope="row" className="fw-normal">
                        {g.label}
                      </th>
                      <td className="text-end">{g.reports}</td>
                      <td className="text-end">{formatQuantity(monthValue(g))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollableTable>
          </div>
        </div>
      </section>

      <GroupSection id="per-tipo" title="Per tipo di servizio" firstColumn="Tipo di servizio" groups={byKind} metrics={metrics} metric={metric} months={months} overTime={kindOverTime} />
      <GroupSection id="per-zona" title="Per zona della città" firstColumn="Zona" groups={byArea} metrics={metrics} metric={metric} months={months} overTime={areaOverTime} />
    </div>
  );
}
