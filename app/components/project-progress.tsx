import type { ReactNode } from "react";
import { compactPercent, euroTick, HorizontalBarChart } from "~/components/charts";
import type { ProjectProgress } from "~/domain/project-progress.server";
import { formatEuro, formatPercent, formatQuantity, percentOf } from "~/domain/money";
import { INDICATOR_DIRECTIONS } from "~/domain/projects";
import { formatDay, parseDay } from "~/utils/dates";
import { ScrollableTable } from "~/components/lists";

// The project page's "Avanzamento": the financial progress and each indicator against its
// target, as charts and as tables with the same figures. Only approved rendicontazioni count.

/** A "yyyy-mm-dd" day from the loader as Italians write it. */
const italianDay = (iso: string) => {
  const day = parseDay(iso);
  return day ? formatDay(day) : iso;
};

const periodLabel = (period: { number: number; startsOn: string; endsOn: string }) =>
  `Periodo ${period.number} (${italianDay(period.startsOn)} – ${italianDay(period.endsOn)})`;

function Subsection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-5">
      <h3 id={id} className="h4">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** The five amounts the funders ask for, in the order of the money's journey. */
function financialRows(financial: ProjectProgress["financial"]) {
  return [
    { key: "programmed", label: "Programmato", cents: financial.programmedCents },
    { key: "admitted", label: "Ammesso a finanziamento", cents: financial.admittedCents },
    { key: "committed", label: "Impegnato (giuridicamente vincolante)", cents: financial.committedCents },
    { key: "liquidated", label: "Liquidato (spese approvate)", cents: financial.liquidatedCents },
    { key: "disbursed", label: "Erogato", cents: financial.disbursedCents },
  ];
}

export function ProjectProgressSection({ progress }: { progress: ProjectProgress }) {
  const { financial, indicators, partners, expensesByCategory, beneficiaries } = progress;
  // Periods yet to come have nothing to show: the over-time chart stops at the period under way.
  const periods = progress.periods.filter((p) => p.startsOn <= progress.today);
  const money = financialRows(financial);
  const approvedCount = periods.reduce((sum, period) => sum + period.approved, 0);
  const largestPercent = Math.max(100, ...indicators.map((indicator) => indicator.percent));

  return (
    <section aria-labelledby="avanzamento-titolo" className="mb-5">
      <h2 id="avanzamento-titolo">Avanzamento</h2>
      <p>
        Le cifre contano solo le rendicontazioni <strong>approvate</strong> dai coordinatori
        {approvedCount === 0
          ? ": per ora nessuna è stata approvata."
          : ` (${approvedCount === 1 ? "1 approvata" : `${approvedCount} approvate`}).`}{" "}
        Bozze, rendicontazioni inviate in attesa di revisione e quelle restituite non cambiano i valori.
      </p>

      <Subsection id="avanzamento-finanziario" title="Avanzamento finanziario">
        <HorizontalBarChart
          title="Avanzamento finanziario del progetto"
          description={money.map((row) => `${row.label}: ${formatEuro(row.cents)}`).join("; ")}
          series={[{ label: "Importo" }]}
          rows={money.map((row) => ({ key: row.key, label: row.label, values: [{ value: row.cents, text: formatEuro(row.cents) }] }))}
          tickFormat={euroTick}
        />
        <ScrollableTable>
          <table className="table">
            <caption>Importi del progetto e quota del programmato</caption>
            <thead>
              <tr>
                <th scope="col">Voce</th>
                <th scope="col" className="text-end">
                  Importo
                </th>
                <th scope="col" className="text-end">
                  % del programmato
                </th>
              </tr>
            </thead>
            <tbody>
              {money.map((row) => (
                <tr key={row.key}>
                  <th scope="row" className="fw-normal">
                    {row.label}
                  </th>
                  <td className="text-end text-nowrap">{formatEuro(row.cents)}</td>
                  <td className="text-end">{formatPercent(percentOf(row.cents, financial.programmedCents))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
        {financial.uncommitted ? (
          <div className="alert alert-info" role="note">
            <p className="mb-1">
              <strong>Non ancora impegnati: {formatEuro(financial.uncommitted.cents)}.</strong>
            </p>
            <p className="mb-1">Motivo: {financial.uncommitted.reason || "non indicato."}</p>
            <p className="mb-0">
              Impegno previsto entro: {financial.uncommitted.expectedOn ? italianDay(financial.uncommitted.expectedOn) : "data non indicata"}
              {financial.uncommitted.expectedPassed ? " (data superata)" : ""}.
            </p>
          </div>
        ) : null}
      </Subsection>

      <Subsection id="avanzamento-partner" title="Spese approvate per organizzazione">
        <ScrollableTable>
          <table className="table">
            <caption>Quota di budget di ogni organizzazione e spese liquidate</caption>
            <thead>
              <tr>
                <th scope="col">Organizzazione</th>
                <th scope="col" className="text-end">
                  Quota di budget
                </th>
                <th scope="col" className="text-end">
                  Liquidato
                </th>
                <th scope="col" className="text-end">
                  % della quota
                </th>
              </tr>
            </thead>
            <tbody>
              {partners.map((partner) => (
                <tr key={partner.organisationId}>
                  <th scope="row" className="fw-normal">
                    {partner.name}
                    {partner.isLead ? " (capofila)" : ""}
                  </th>
                  <td className="text-end text-nowrap">{formatEuro(partner.budgetCents)}</td>
                  <td className="text-end text-nowrap">{formatEuro(partner.liquidatedCents)}</td>
                  <td className="text-end">{formatPercent(partner.percent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
        {expensesByCategory.length > 0 ? (
          <ScrollableTable>
            <table className="table">
              <caption>Spese approvate per categoria</caption>
              <thead>
                <tr>
                  <th scope="col">Categoria</th>
                  <th scope="col" className="text-end">
                    Importo
                  </th>
                </tr>
              </thead>
              <tbody>
                {expensesByCategory.map((entry) => (
                  <tr key={entry.category}>
                    <th scope="row" className="fw-normal">
                      {entry.label}
                    </th>
                    <td className="text-end text-nowrap">{formatEuro(entry.cents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        ) : null}
      </Subsection>

      <Subsection id="avanzamento-indicatori" title="Indicatori: raggiunto e obiettivo">
        {indicators.length === 0 ? (
          <p className="empty-state">Il progetto non ha ancora indicatori.</p>
        ) : (
          <>
            <HorizontalBarChart
              title="Indicatori: percentuale dell'obiettivo raggiunta"
              description={indicators
                .map(
                  (i) =>
                    `${i.name}: ${formatQuantity(i.achieved)} su un obiettivo di ${formatQuantity(i.target)} ${i.unit}, ${formatPercent(i.percent)}`,
                )
                .join("; ")}
              series={[{ label: "Raggiunto" }]}
              rows={indicators.map((i) => ({
                key: i.id,
                label: `${i.name}${i.direction === "DECREASE" ? " (da ridurre)" : ""}`,
                values: [{ value: i.percent, text: `${formatQuantity(i.achieved)} su ${formatQuantity(i.target)} (${formatPercent(i.percent)})` }],
              }))}
              tickFormat={compactPercent}
              marker={{ value: 100, label: "Obiettivo (100%)" }}
              domainMax={Math.min(largestPercent, 200)}
            />
            <ScrollableTable>
              <table className="table">
                <caption>Valori raggiunti rispetto all'obiettivo di ogni indicatore</caption>
                <thead>
                  <tr>
                    <th scope="col">Indicatore</th>
                    <th scope="col" className="text-end">
                      Valore di partenza
                    </th>
                    <th scope="col" className="text-end">
                      Obiettivo
                    </th>
                    <th scope="col">Entro il</th>
                    <th scope="col" className="text-end">
                      Raggiunto
                    </th>
                    <th scope="col" className="text-end">
                      % dell'obiettivo
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {indicators.map((i) => (
                    <tr key={i.id}>
                      <th scope="row" className="fw-normal">
                        {i.name}
                        <span className="d-block small text-muted">
                          {i.unit} · {INDICATOR_DIRECTIONS[i.direction]}
                          {i.actionLine ? ` · linea ${i.actionLine}` : ""}
                        </span>
                      </th>
                      <td className="text-end">{formatQuantity(i.baseline)}</td>
                      <td className="text-end">{formatQuantity(i.target)}</td>
                      <td className="text-nowrap">{italianDay(i.targetOn)}</td>
                      <td className="text-end">
                        {formatQuantity(i.achieved)}
                        {i.lastValueOn ? <span className="d-block small text-muted">al {italianDay(i.lastValueOn)}</span> : null}
                      </td>
                      <td className="text-end">{formatPercent(i.percent)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollableTable>
          </>
        )}
      </Subsection>

      <Subsection id="avanzamento-beneficiari" title="Beneficiari raggiunti">
        <p className="small">Numeri aggregati delle rendicontazioni approvate: nessun dato personale.</p>
        <dl className="row mb-0">
          <dt className="col-7 col-md-4">Nuclei familiari</dt>
          <dd className="col-5 col-md-8">{beneficiaries.households.toLocaleString("it-IT")}</dd>
          <dt className="col-7 col-md-4">Persone</dt>
          <dd className="col-5 col-md-8">{beneficiaries.people.toLocaleString("it-IT")}</dd>
          <dt className="col-7 col-md-4">di cui minori</dt>
          <dd className="col-5 col-md-8">{beneficiaries.minors.toLocaleString("it-IT")}</dd>
        </dl>
      </Subsection>

      {periods.length > 0 ? (
        <Subsection id="avanzamento-periodi" title="Andamento per periodo">
          <HorizontalBarChart
            title="Spese approvate per periodo di rendicontazione"
            description={periods.map((p) => `${periodLabel(p)}: ${formatEuro(p.liquidatedCents)}`).join("; ")}
            series={[{ label: "Liquidato" }]}
            rows={periods.map((p) => ({
              key: p.id,
              label: periodLabel(p),
              values: [{ value: p.liquidatedCents, text: formatEuro(p.liquidatedCents) }],
            }))}
            tickFormat={euroTick}
          />
          <ScrollableTable>
            <table className="table">
              <caption>Rendicontazioni approvate, spese e beneficiari di ogni periodo</caption>
              <thead>
                <tr>
                  <th scope="col">Periodo</th>
                  <th scope="col" className="text-end">
                    Approvate
                  </th>
                  <th scope="col" className="text-end">
                    Liquidato
                  </th>
                  <th scope="col" className="text-end">
                    Persone
                  </th>
                  {indicators.map((i) => (
                    <th key={i.id} scope="col" className="text-end">
                      {i.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {periods.map((p) => (
                  <tr key={p.id}>
                    <th scope="row" className="fw-normal">
                      {periodLabel(p)}
                    </th>
                    <td className="text-end">
                      {p.approved} su {p.expected}
                    </td>
                    <td className="text-end text-nowrap">{formatEuro(p.liquidatedCents)}</td>
                    <td className="text-end">{p.beneficiaries.people.toLocaleString("it-IT")}</td>
                    {indicators.map((i) => {
                      const found = p.values.find((v) => v.projectIndicatorId === i.id);
                      return (
                        <td key={i.id} className="text-end">
                          {found ? formatQuantity(found.value) : "—"}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        </Subsection>
      ) : null}
    </section>
  );
}
