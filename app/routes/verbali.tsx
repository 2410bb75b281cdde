import { Form, Link } from "react-router";
import type { Route } from "./+types/verbali";
import { can, requireUser } from "~/auth/permissions.server";
import { SelectField, TextField } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { listVerbali, parseVerbaliFilters, VERBALE_STATUSES, verbaliFilterChoices } from "~/domain/verbali.server";
import { dayInputValue } from "~/utils/dates";
import { ScrollableTable } from "~/components/lists";

export const meta: Route.MetaFunction = () => pageTitle("Verbali");

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  // Drafts and verbali in review are the coordinators'; everyone else finds the published ones.
  const seesAll = can(user, "manage", { kind: "verbale", status: "BOZZA", isInvitee: false });
  const filters = parseVerbaliFilters(new URL(args.request.url).searchParams);
  const [verbali, choices] = await Promise.all([listVerbali(filters, seesAll), verbaliFilterChoices()]);
  return {
    seesAll,
    verbali,
    filters: { ...filters, from: dayInputValue(filters.from), to: dayInputValue(filters.to) },
    choices: {
      series: choices.series.map((s) => ({ value: s.id, label: s.name })),
      groups: choices.groups.map((g) => ({ value: g.id, label: g.name })),
      statuses: Object.entries(VERBALE_STATUSES).map(([value, label]) => ({ value, label })),
    },
  };
}

export default function Verbali({ loaderData }: Route.ComponentProps) {
  const { verbali, filters, choices, seesAll } = loaderData;
  const filtered = Boolean(filters.seriesId || filters.groupId || filters.from || filters.to || filters.search || filters.status);
  const compilation =
    filters.seriesId && verbali.length > 0
      ? `/verbali/raccolta.pdf?${new URLSearchParams({ serie: filters.seriesId, ...(filters.from ? { dal: filters.from } : {}), ...(filters.to ? { al: filters.to } : {}) })}`
      : null;
  return (
    <div className="container my-5">
      <PageHeader
        title="Verbali"
        lead={seesAll ? "I verbali delle riunioni: bozze, in revisione, approvati e pubblicati." : "I verbali pubblicati delle riunioni del tavolo."}
      />
      <Form method="get" className="border rounded p-3 mb-4" aria-labelledby="filtri-titolo">
        <h2 id="filtri-titolo" className="h5">
          Cerca
        </h2>
        <div className="row">
          <div className="col-md-6 col-lg-4">
            <TextField name="q" label="Testo" defaultValue={filters.search} required={false} hint="Cerca nel testo dei verbali." />
          </div>
          <div className="col-md-6 col-lg-4">
            <SelectField name="serie" label="Serie di riunioni" placeholder="Tutte le serie" options={choices.series} defaultValue={filters.seriesId} required={false} />
          </div>
          <div className="col-md-6 col-lg-4">
            <SelectField name="gruppo" label="Gruppo di lavoro" placeholder="Tutti i gruppi" options={choices.groups} defaultValue={filters.groupId} required={false} />
          </div>
          <div className="col-md-6 col-lg-4">
            <TextField name="dal" label="Riunioni dal" type="date" defaultValue={filters.from} required={false} />
          </div>
          <div className="col-md-6 col-lg-4">
            <TextField name="al" label="Riunioni fino al" type="date" defaultValue={filters.to} required={false} />
          </div>
          {seesAll ? (
            <div className="col-md-6 col-lg-4">
              <SelectField name="stato" label="Stato" placeholder="Tutti gli stati" options={choices.statuses} defaultValue={filters.status} required={false} />
            </div>
          ) : null}
        </div>
        <button type="submit" className="btn btn-primary me-2">
          Cerca
        </button>
        {filtered ? (
          <Link to="/verbali" className="btn btn-outline-primary">
            Togli i filtri
          </Link>
        ) : null}
      </Form>

      {compilation ? (
        <p>
          <a href={compilation} className="btn btn-outline-primary">
            Scarica la raccolta in PDF<span className="visually-hidden"> dei verbali pubblicati della serie nel periodo scelto</span>
          </a>
        </p>
      ) : (
        <p className="small text-secondary">Scegli una serie (e, se vuoi, un periodo) per scaricare la raccolta dei suoi verbali pubblicati in un unico PDF.</p>
      )}

      {verbali.length === 0 ? (
        <p className="empty-state">
          {filtered
            ? "Nessun verbale corrisponde alla ricerca: prova a togliere qualche filtro."
            : seesAll
              ? "Nessun verbale ancora. Un verbale nasce quando un coordinatore lo apre dalla pagina della riunione."
              : "Nessun verbale pubblicato finora. Qui compaiono i verbali quando il coordinamento li pubblica."}
        </p>
      ) : (
        <ScrollableTable>
          <table className="table">
            <caption>
              {verbali.length === 1 ? "1 verbale" : `${verbali.length} verbali`}, dalla riunione più recente
            </caption>
            <thead>
              <tr>
                <th scope="col">Riunione</th>
                <th scope="col">Data</th>
                <th scope="col">Serie o gruppo</th>
                {seesAll ? <th scope="col">Stato</th> : null}
                <th scope="col">PDF</th>
              </tr>
            </thead>
            <tbody>
              {verbali.map((v) => (
                <tr key={v.meetingId}>
                  <td>
                    <Link to={`/riunioni/${v.meetingId}/verbale`}>
                      <span className="visually-hidden">Verbale: </span>
                      {v.title}
                    </Link>
                  </td>
                  <td>{v.day}</td>
                  <td>{[v.seriesName, v.groupName].filter(Boolean).join(" · ") || "—"}</td>
                  {seesAll ? (
                    <td>
                      {v.statusLabel}
                      {v.version && v.version > 1 ? ` (versione ${v.version})` : ""}
                    </td>
                  ) : null}
                  <td>
                    <a href={`/riunioni/${v.meetingId}/verbale.pdf`}>
                      PDF<span className="visually-hidden"> del verbale {v.title} del {v.day}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
    </div>
  );
}
