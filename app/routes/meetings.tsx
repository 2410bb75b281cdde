import { Form, Link, useSearchParams } from "react-router";
import type { Route } from "./+types/meetings";
import { can, requirePermission } from "~/auth/permissions.server";
import { MeetingStatusBadge } from "~/components/meetings";
import { FilterSelect, Pagination, ScrollableTable } from "~/components/lists";
import { PageHeader, pageTitle } from "~/components/page";
import { MEETING_KINDS, meetingKindLabel, meetingStatusLabel } from "~/domain/meeting-rules";
import { listMeetings, meetingFilterChoices, parseMeetingFilters } from "~/domain/meetings.server";
import { formatRome, formatWeekdayDateTime } from "~/utils/dates";

export const meta: Route.MetaFunction = () => pageTitle("Riunioni");

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "meetings" });
  const canManage = can(user, "manage", { kind: "meetings" });
  const filters = parseMeetingFilters(new URL(args.request.url).searchParams);
  const [result, choices] = await Promise.all([listMeetings(filters, { id: user.id, isCoordinator: canManage }), meetingFilterChoices()]);
  return {
    filters,
    meetings: result.meetings.map((m) => ({
      id: m.id,
      title: m.title,
      kind: meetingKindLabel(m.kind),
      status: m.status,
      statusLabel: meetingStatusLabel(m.status),
      when: `${formatWeekdayDateTime(m.startsAt)}–${formatRome(m.endsAt, "HH:mm")}`,
      place: [m.location, m.videoLink ? "in videochiamata" : ""].filter(Boolean).join(" e "),
      series: m.series?.name ?? null,
      group: m.workingGroup?.name ?? null,
    })),
    total: result.total,
    pageCount: result.pages,
    choices,
    canManage,
  };
}

const FILTER_KEYS = ["quando", "serie", "tipo", "gruppo"];

export default function Meetings({ loaderData }: Route.ComponentProps) {
  const { filters, meetings, total, pageCount, choices, canManage } = loaderData;
  const [searchParams] = useSearchParams();
  const query = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = searchParams.get(key);
      if (value) next.set(key, value);
    }
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    return `?${next.toString()}`;
  };
  const past = filters.when === "past";
  const filtered = Boolean(filters.seriesId || filters.kind || filters.groupId);
  return (
    <div className="container my-5">
      <PageHeader title="Riunioni" lead="Le riunioni del piano di governo e del piano operativo, con ordine del giorno, documenti e verbali.">
        <div className="d-flex flex-wrap gap-2">
          <Link to="/riunioni/serie" className="btn btn-outline-primary">
            Serie di riunioni
          </Link>
          {canManage ? (
            <Link to="/riunioni/assenze" className="btn btn-outline-primary">
              Assenze per organizzazione
            </Link>
          ) : null}
          {canManage ? (
            <Link to="/riunioni/nuova" className="btn btn-primary">
              Nuova riunione
            </Link>
          ) : null}
        </div>
      </PageHeader>

      <nav aria-label="Riunioni prossime o passate" className="mb-4">
        <ul className="nav nav-tabs">
          <li className="nav-item">
            <Link className={`nav-link${past ? "" : " active"}`} to={query({ quando: null, pagina: null })} aria-current={past ? undefined : "page"}>
              Prossime
            </Link>
          </li>
          <li className="nav-item">
            <Link className={`nav-link${past ? " active" : ""}`} to={query({ quando: "passate", pagina: null })} aria-current={past ? "page" : undefined}>
              Passate
            </Link>
          </li>
        </ul>
      </nav>

      <Form method="get" className="mb-4" role="search" aria-label="Filtra le riunioni" key={searchParams.toString()}>
        {past ? <input type="hidden" name="quando" value="passate" /> : null}
        <div className="row g-3 align-items-end">
          <FilterSelect columns="col-12 col-md-4 col-lg-3" id="serie" label="Serie" all="Tutte" value={filters.seriesId} options={choices.series.map((s) => ({ value: s.id, label: s.name }))} />
          <FilterSelect columns="col-12 col-md-4 col-lg-3" id="tipo" label="Piano" all="Tutti" value={filters.kind} options={Object.entries(MEETING_KINDS).map(([value, label]) => ({ value, label }))} />
          <FilterSelect columns="col-12 col-md-4 col-lg-3" id="gruppo" label="Gruppo di lavoro" all="Tutti" value={filters.groupId} options={choices.groups.map((g) => ({ value: g.id, label: g.name }))} />
          <div className="col-12 col-lg-3 d-flex gap-2">
            <button type="submit" className="btn btn-primary">
              Filtra
            </button>
            {filtered ? (
              <Link to={past ? "?quando=passate" : "/riunioni"} className="btn btn-outline-primary">
                Togli i filtri
              </Link>
            ) : null}
          </div>
        </div>
      </Form>

      <p role="status" className="fw-semibold">
        {total === 0 ? "Nessuna riunione" : total === 1 ? "1 riunione" : `${total} riunioni`}
        {pageCount > 1 ? ` (pagina ${filters.page} di ${pageCount})` : ""}.
      </p>

      {meetings.length === 0 ? (
        <p className="empty-state">
          {filtered
            ? "Nessuna riunione corrisponde ai filtri scelti."
            : past
              ? "Nessuna riunione passata."
              : "Nessuna riunione in programma. Quando il coordinamento convoca una riunione, la trovi qui con data, luogo e ordine del giorno."}
        </p>
      ) : (
        <ScrollableTable>
          <table className="table">
            <caption className="visually-hidden">{past ? "Riunioni passate" : "Prossime riunioni"}</caption>
            <thead>
              <tr>
                <th scope="col">Riunione</th>
                <th scope="col">Data e ora</th>
                <th scope="col">Piano</th>
                <th scope="col">Luogo</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    {m.status === "CONVOKED" ? null : <MeetingStatusBadge status={m.status} label={m.statusLabel} />}
                    <Link to={`/riunioni/${m.id}`}>{m.status === "CANCELLED" ? <s>{m.title}</s> : m.title}</Link>
                    {m.series ? <span className="d-block small fw-normal">Serie {m.series}</span> : null}
                  </th>
                  <td>{m.status === "CANCELLED" ? <s>{m.when}</s> : m.when}</td>
                  <td>
                    {m.kind}
                    {m.group ? <span className="d-block small">Gruppo {m.group}</span> : null}
                  </td>
                  <td>{m.place}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}

      <Pagination page={filters.page} pageCount={pageCount} hrefFor={(n) => query({ pagina: n > 1 ? String(n) : null })} label="Pagine delle riunioni" />
    </div>
  );
}
