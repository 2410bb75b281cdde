import { Link } from "react-router";
import type { Route } from "./+types/service";
import { can, requirePermission } from "~/auth/permissions.server";
import { OpeningsTable } from "~/components/aid-services";
import { Notice } from "~/components/forms";
import { ScrollableTable } from "~/components/lists";
import { PageHeader, pageTitle } from "~/components/page";
import { HistoryList } from "~/components/registry";
import {
  accessibilityLabel,
  accessModeLabel,
  aidMetricLabel,
  aidServiceKindLabel,
  aidServiceStatusLabel,
  formatMonth,
  metricsForKind,
  monthParam,
} from "~/domain/aid-services";
import { listRecentReports } from "~/domain/aid-service-figures.server";
import { aidServiceHistory, getAidService } from "~/domain/aid-services.server";
import { formatDateTime } from "~/utils/dates";

export const meta: Route.MetaFunction = ({ data }) => pageTitle(data ? data.service.name : "Servizio");

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "aidServices" });
  const service = await getAidService(args.params.id);
  const [reports, history] = await Promise.all([listRecentReports(service.id, 6), aidServiceHistory(service.id)]);
  const metrics = metricsForKind(service.kind);
  const params = new URL(args.request.url).searchParams;
  return {
    notice: params.has("aggiunto") ? "Servizio aggiunto al catalogo." : params.has("modificato") ? "Modifiche salvate." : params.has("dati-salvati") ? "Dati mensili salvati." : null,
    service: {
      id: service.id,
      name: service.name,
      kind: aidServiceKindLabel(service.kind),
      organisation: service.organisation,
      description: service.description,
      address: service.address,
      area: service.area,
      eligibility: service.eligibility,
      access: accessModeLabel(service.accessMode),
      accessNotes: service.accessNotes,
      phone: service.phone,
      email: service.email,
      capacity: service.capacity,
      languages: service.languages,
      accessibility: accessibilityLabel(service.accessibility),
      accessibilityNotes: service.accessibilityNotes,
      status: service.status,
      statusLabel: aidServiceStatusLabel(service.status),
      isPublic: service.isPublic,
      openings: service.openings.map(({ weekday, opensAt, closesAt }) => ({ weekday, opensAt, closesAt })),
    },
    metrics: metrics.map((code) => ({ code, label: aidMetricLabel(code) })),
    reports: reports.map((r) => ({ key: monthParam(r.month), month: formatMonth(r.month), nothingToReport: r.nothingToReport, note: r.note, values: r.values as Record<string, number | undefined> })),
    history: history.map((event) => ({ ...event, at: formatDateTime(event.at) })),
    canEdit: can(user, "edit", { kind: "aidService", organisationId: service.organisationId }),
  };
}

function Fact({ label, value }: { label: string; value: string }) {
  if (!value) return null;
  return (
    <>
      <dt className="col-sm-4">{label}</dt>
      <dd className="col-sm-8">{value}</dd>
    </>
  );
}

export default function Service({ loaderData }: Route.ComponentProps) {
  const { service, metrics, reports, history, canEdit, notice } = loaderData;
  return (
    <div className="container my-5">
      <nav aria-label="Percorso" className="mb-3">
        <Link to="/servizi">Servizi del territorio</Link>
      </nav>
      <PageHeader title={service.name} lead={`${service.kind} · ${service.organisation.name}`}>
        {canEdit ? (
          <div className="d-flex flex-wrap gap-2">
            <Link to={`/servizi/${service.id}/modifica`} className="btn btn-outline-primary">
              Modifica il servizio
            </Link>
            <Link to={`/servizi/${service.id}/dati-mensili`} className="btn btn-primary">
              Inserisci i dati mensili
            </Link>
          </div>
        ) : null}
      </PageHeader>
      {notice ? <Notice>{notice}</Notice> : null}
      <p>
        {service.status !== "ACTIVE" ? <span className="badge bg-secondary me-2">{service.statusLabel}</span> : null}
        {service.isPublic ? <span className="badge bg-primary">Pubblicato nella guida pubblica</span> : <span className="text-secondary">Non pubblicato nella guida pubblica</span>}
      </p>
      {service.description ? <p className="text-break">{service.description}</p> : null}

      <div className="row">
        <section className="col-lg-7" aria-labelledby="dove-come">
          <h2 id="dove-come" className="h4">
            Dove e come
          </h2>
          <dl className="row text-break">
            <dt className="col-sm-4">Organizzazione</dt>
            <dd className="col-sm-8">
              <Link to={`/organizzazioni/${service.organisation.id}`}>{service.organisation.name}</Link>
            </dd>
            <Fact label="Indirizzo" value={service.address} />
            <Fact label="Zona" value={service.area} />
            <Fact label="Chi può accedere" value={service.eligibility} />
            <Fact label="Come si accede" value={[service.access, service.accessNotes].filter(Boolean).join(": ")} />
            <Fact label="Telefono" value={service.phone} />
            <Fact label="E-mail" value={service.email} />
            <Fact label="Capacità" value={service.capacity} />
            <Fact label="Lingue parlate" value={service.languages} />
            <Fact label="Accessibilità" value={[service.accessibility, service.accessibilityNotes].filter(Boolean).join(": ")} />
          </dl>
        </section>
        <section className="col-lg-5" aria-labelledby="orari">
          <h2 id="orari" className="h4">
            Orari di apertura
          </h2>
          <OpeningsTable openings={service.openings} caption={`Orari di apertura di ${service.name}`} />
        </section>
      </div>

      <section aria-labelledby="dati" className="mt-4">
        <h2 id="dati" className="h4">
          Dati degli ultimi mesi
        </h2>
        {reports.length === 0 ? (
          <p className="empty-state">Nessun dato mensile inserito finora.</p>
        ) : (
          <ScrollableTable>
            <table className="table">
              <caption className="visually-hidden">Dati mensili di {service.name}, dal più recente</caption>
              <thead>
                <tr>
                  <th scope="col">Mese</th>
                  {metrics.map((m) => (
                    <th key={m.code} scope="col" className="text-end">
                      {m.label}
                    </th>
                  ))}
                  <th scope="col">Nota</th>
                </tr>
              </thead>
              <tbody>
                {reports.map((r) => (
                  <tr key={r.key}>
                    <th scope="row" className="fw-normal text-nowrap">
                      {canEdit ? <Link to={`/servizi/${service.id}/dati-mensili?mese=${r.key}`}>{r.month}</Link> : r.month}
                    </th>
                    {r.nothingToReport ? (
                      <td colSpan={metrics.length}>Niente da segnalare</td>
                    ) : (
                      metrics.map((m) => (
                        <td key={m.code} className="text-end">
                          {r.values[m.code] ?? "–"}
                        </td>
                      ))
                    )}
                    <td>{r.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        )}
      </section>

      <section aria-labelledby="storia" className="mt-4">
        <h2 id="storia" className="h4">
          Storia delle modifiche
        </h2>
        <HistoryList events={history} empty="Nessuna modifica registrata." />
      </section>
    </div>
  );
}
