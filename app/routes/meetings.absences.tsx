import { Link } from "react-router";
import type { Route } from "./+types/meetings.absences";
import { requirePermission } from "~/auth/permissions.server";
import { PageHeader, pageTitle } from "~/components/page";
import { absenceReport } from "~/domain/attendance.server";
import { formatDate } from "~/utils/dates";
import { ScrollableTable } from "~/components/lists";

export const meta: Route.MetaFunction = () => pageTitle("Assenze delle organizzazioni partner");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "meetings" });
  const report = await absenceReport();
  return {
    since: formatDate(report.since),
    meetingCount: report.meetingCount,
    rows: report.rows.map((row) => ({
      id: row.id,
      name: row.name,
      meetings: row.meetings,
      absences: row.absences,
      lastPresence: row.lastPresence ? formatDate(row.lastPresence) : null,
    })),
  };
}

export default function MeetingAbsences({ loaderData }: Route.ComponentProps) {
  const { since, meetingCount, rows } = loaderData;
  return (
    <div className="container my-5">
      <nav aria-label="Percorso" className="mb-3">
        <Link to="/riunioni">Torna alle riunioni</Link>
      </nav>
      <PageHeader
        title="Assenze delle organizzazioni partner"
        lead={`Riunioni del piano di governo dal ${since} a oggi con le presenze registrate: ${meetingCount === 1 ? "1 riunione" : `${meetingCount} riunioni`}.`}
      />
      <p>
        Un&apos;organizzazione è presente quando partecipa il suo delegato, il suo sostituto o il sostituto indicato per quella
        riunione. Si contano solo le riunioni in cui l&apos;organizzazione era partner; le riunioni senza presenze registrate non
        entrano nel conteggio.
      </p>
      {rows.length === 0 ? (
        <p className="empty-state">Non ci sono organizzazioni partner: le loro assenze compariranno qui.</p>
      ) : meetingCount === 0 ? (
        <p className="empty-state">
          Negli ultimi dodici mesi non ci sono riunioni del piano di governo con le presenze registrate. Dopo aver segnato le
          presenze di una riunione, le assenze compaiono qui.
        </p>
      ) : (
        <ScrollableTable>
          <table className="table">
            <caption className="caption-top">Assenze per organizzazione partner, dalla più assente</caption>
            <thead>
              <tr>
                <th scope="col">Organizzazione</th>
                <th scope="col" className="text-end">
                  Riunioni
                </th>
                <th scope="col" className="text-end">
                  Assenze
                </th>
                <th scope="col">Ultima presenza</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row" className="fw-normal">
                    <Link to={`/organizzazioni/${row.id}`}>{row.name}</Link>
                  </th>
                  <td className="text-end">{row.meetings}</td>
                  <td className="text-end">{row.absences}</td>
                  <td>{row.lastPresence ?? "Nessuna negli ultimi dodici mesi"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
    </div>
  );
}
