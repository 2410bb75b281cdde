import { Link } from "react-router";
import { useLinksInApp } from "~/components/links";
import { Icon } from "~/components/icon";
import { RENDICONTAZIONE_STATE_LABELS, type RendicontazioneState } from "~/domain/projects";
import type { GridProject } from "~/domain/reporting-dashboard.server";
import { ScrollableTable } from "~/components/lists";

// The state of a rendicontazione as the dashboard, the lists and the home page show it: a colour,
// an icon and a word together, never the colour alone. The colours are classes in app.css
// (.state-approved...); every pair reaches at least 4.9:1 (WCAG AA for small text).

interface StateLook {
  /** The word in a grid cell, short enough for a narrow column */
  short: string;
  /** What the state means, for the legend */
  meaning: string;
  icon: string;
  /** Dark text on a light background: the icon stays dark too */
  light: boolean;
}

const STATE_LOOKS: Record<RendicontazioneState, StateLook> = {
  NOT_STARTED: {
    short: "Da iniziare",
    meaning: "l'organizzazione non ha ancora scritto nulla",
    icon: "it-minus-circle",
    light: true,
  },
  DRAFT: { short: "Bozza", meaning: "in compilazione, non ancora inviata", icon: "it-pencil", light: true },
  SUBMITTED: { short: "Inviata", meaning: "in attesa della revisione del coordinamento", icon: "it-mail", light: false },
  RETURNED: {
    short: "Restituita",
    meaning: "restituita con commenti: l'organizzazione la corregge e la invia di nuovo",
    icon: "it-restore",
    light: false,
  },
  APPROVED: { short: "Approvata", meaning: "approvata: conta nell'avanzamento del progetto", icon: "it-check-circle", light: false },
  OVERDUE: {
    short: "Scaduta",
    meaning: "non inviata entro la scadenza (lo diventa il giorno dopo)",
    icon: "it-warning-circle",
    light: false,
  },
};

const STATE_ORDER = Object.keys(STATE_LOOKS) as RendicontazioneState[];

function StateIcon({ state }: { state: RendicontazioneState }) {
  const look = STATE_LOOKS[state];
  return <Icon name={look.icon} className={`icon-xs ${look.light ? "" : "icon-white"}`} />;
}

/** The class that gives a state its colours (app.css). */
const stateClass = (state: RendicontazioneState) => `state-${state.toLowerCase().replace("_", "-")}`;

/** The state as a badge: icon and word on its colour. */
export function StateBadge({ state, short }: { state: RendicontazioneState; short?: boolean }) {
  return (
    <span className={`badge d-inline-flex align-items-center gap-1 ${stateClass(state)}`}>
      <StateIcon state={state} />
      {short ? STATE_LOOKS[state].short : RENDICONTAZIONE_STATE_LABELS[state]}
    </span>
  );
}

/** "tra 5 giorni", "oggi", "scaduta da 3 giorni": how far a deadline is, for an owed rendicontazione. */
export function daysLeftText(daysLeft: number) {
  if (daysLeft < -1) return `scaduta da ${-daysLeft} giorni`;
  if (daysLeft === -1) return "scaduta da 1 giorno";
  if (daysLeft === 0) return "scade oggi";
  if (daysLeft === 1) return "scade domani";
  return `tra ${daysLeft} giorni`;
}

/** What each colour and word of the grid means. */
export function StateLegend() {
  return (
    <section aria-labelledby="legenda-titolo" className="mb-4">
      <h2 id="legenda-titolo" className="h6">
        Legenda degli stati
      </h2>
      <ul className="list-unstyled d-flex flex-wrap gap-3 mb-0">
        {STATE_ORDER.map((state) => (
          <li key={state}>
            <StateBadge state={state} short /> <span className="small">{STATE_LOOKS[state].meaning}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The counts per state, each a link that filters the grid to that state. */
export function StateCounts({
  counts,
  active,
  hrefFor,
}: {
  counts: { state: RendicontazioneState; label: string; count: number }[];
  active: string;
  hrefFor: (state: string) => string;
}) {
  return (
    <section aria-labelledby="conteggi-titolo" className="mb-4">
      <h2 id="conteggi-titolo" className="h5">
        Rendicontazioni per stato
      </h2>
      <ul className="list-unstyled d-flex flex-wrap gap-2 mb-0">
        {counts.map((c) => (
          <li key={c.state}>
            <Link
              to={hrefFor(c.state)}
              className={`btn btn-sm d-inline-flex align-items-center gap-2 ${active === c.state ? "btn-primary" : "btn-outline-primary"}`}
              aria-current={active === c.state ? "true" : undefined}
            >
              <StateBadge state={c.state} />
              <strong>{c.count}</strong>
            </Link>
          </li>
        ))}
        {active ? (
          <li>
            <Link to={hrefFor("")} className="btn btn-sm btn-outline-primary">
              Tutti gli stati
            </Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}

/**
 * One project of the grid: a table whose rows are its organisations (the lead first) and whose
 * columns are its periods with their deadline; each cell links to that rendicontazione.
 */
export function ProjectGrid({ project }: { project: GridProject }) {
  const headingId = `progetto-${project.id}`;
  const openLinksInApp = useLinksInApp();
  return (
    <section aria-labelledby={headingId} className="mb-5">
      <h2 id={headingId} className="h4 mb-1">
        <Link to={`/progetti/${project.id}`}>
          <span className="text-secondary me-2">{project.code}</span>
          {project.title}
        </Link>
      </h2>
      <p className="small mb-2">
        {project.statusLabel} · {project.fundingLabel}
      </p>
      <ScrollableTable>
        {/* Clicks on the cells' plain links are handled here, once for the table. */}
        <table className="table table-sm table-bordered align-middle" onClick={openLinksInApp}>
          <caption className="visually-hidden">
            Rendicontazioni del progetto {project.code} per organizzazione (righe) e periodo (colonne)
          </caption>
          <thead>
            <tr>
              <th scope="col">Organizzazione</th>
              {project.periods.map((period) => (
                <th key={period.id} scope="col" className="text-nowrap">
                  Periodo {period.number}
                  <span className="d-block small fw-normal">{period.dates}</span>
                  <span className="d-block small fw-normal">scadenza {period.dueOn}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {project.rows.map((row) => (
              <tr key={row.organisationId}>
                <th scope="row">
                  {row.name}
                  {row.isLead ? <span className="d-block small fw-normal">capofila</span> : null}
                </th>
                {row.cells.map((cell, index) => {
                  // A page holds hundreds of cells: each is kept to a plain link (the table opens
                  // it in the app, see onClick) with its icon and its word.
                  if (!cell.rendicontazione) {
                    return (
                      <td key={cell.periodId}>
                        <span aria-hidden="true">—</span>
                        <span className="visually-hidden">Nessuna rendicontazione dovuta</span>
                      </td>
                    );
                  }
                  const { id, state } = cell.rendicontazione;
                  // The name says the whole state, the row and the period; it starts with the word shown.
                  const name = `${RENDICONTAZIONE_STATE_LABELS[state]}: ${row.name}, periodo ${project.periods[index]?.number}`;
                  return (
                    <td key={cell.periodId}>
                      <a href={`/rendicontazioni/${id}`} aria-label={name} className={`badge state-cell ${stateClass(state)}`}>
                        <StateIcon state={state} />
                        {STATE_LOOKS[state].short}
                      </a>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollableTable>
      {project.earlierPeriods + project.laterPeriods > 0 ? (
        <p className="small">
          {gridOmission(project.earlierPeriods, project.laterPeriods)}:{" "}
          <Link to={`/progetti/${project.id}`}>tutti i periodi nella pagina del progetto {project.code}</Link>.
        </p>
      ) : null}
    </section>
  );
}

const periodCount = (count: number, singular: string, plural: string) => (count === 1 ? `1 periodo ${singular}` : `${count} periodi ${plural}`);

function gridOmission(earlier: number, later: number) {
  const parts = [earlier > 0 ? periodCount(earlier, "precedente", "precedenti") : null, later > 0 ? periodCount(later, "successivo", "successivi") : null].filter(Boolean);
  return `Non mostrati ${parts.join(" e ")}`;
}
