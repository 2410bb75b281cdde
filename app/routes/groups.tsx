import { Link } from "react-router";
import type { Route } from "./+types/groups";
import { can, requirePermission } from "~/auth/permissions.server";
import { PageHeader, pageTitle } from "~/components/page";
import { groupStatusLabel, listGroups } from "~/domain/working-groups.server";

export const meta: Route.MetaFunction = () => pageTitle("Gruppi di lavoro");

const MANDATE_SUMMARY_LENGTH = 220;
const summary = (text: string) =>
  text.length <= MANDATE_SUMMARY_LENGTH ? text : `${text.slice(0, MANDATE_SUMMARY_LENGTH).replace(/\s+\S*$/, "")}…`;

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "workingGroups" });
  const groups = (await listGroups(user.id)).map((group) => ({
    id: group.id,
    name: group.name,
    thematicArea: group.thematicArea,
    mandateSummary: summary(group.mandate),
    closed: group.status === "CLOSED",
    statusLabel: groupStatusLabel(group),
    facilitator: group.facilitator?.name ?? null,
    referentOrganisation: group.referentOrganisation,
    memberOrganisations: group.memberOrganisations,
    memberCount: group.memberCount,
    isMine: group.isMine,
  }));
  return {
    mine: groups.filter((group) => group.isMine),
    others: groups.filter((group) => !group.isMine),
    canManage: can(user, "manage", { kind: "workingGroups" }),
  };
}

type GroupRow = Route.ComponentProps["loaderData"]["mine"][number];

function GroupCard({ group }: { group: GroupRow }) {
  return (
    <li className="col-12 col-lg-6 mb-4">
      <div className="card card-bg h-100">
        <div className="card-body">
          <h3 className="h5 card-title">
            <Link to={`/gruppi/${group.id}`}>{group.name}</Link>
          </h3>
          <p className="mb-2">
            <span className={`badge ${group.closed ? "bg-secondary" : "bg-success"} me-2`}>{group.statusLabel}</span>
            <span>{group.thematicArea}</span>
          </p>
          {group.mandateSummary ? <p className="card-text">{group.mandateSummary}</p> : null}
          <dl className="row small mb-0">
            <dt className="col-sm-5">Facilitatore</dt>
            <dd className="col-sm-7">{group.facilitator ?? "Non indicato"}</dd>
            <dt className="col-sm-5">Organizzazione referente</dt>
            <dd className="col-sm-7">
              {group.referentOrganisation ? (
                <Link to={`/organizzazioni/${group.referentOrganisation.id}`}>{group.referentOrganisation.name}</Link>
              ) : (
                "Non indicata"
              )}
            </dd>
            <dt className="col-sm-5">Componenti</dt>
            <dd className="col-sm-7">{group.memberCount === 1 ? "1 persona" : `${group.memberCount} persone`}</dd>
            <dt className="col-sm-5">Organizzazioni componenti</dt>
            <dd className="col-sm-7">
              {group.memberOrganisations.length === 0 ? "Nessuna" : group.memberOrganisations.map((o) => o.name).join(", ")}
            </dd>
          </dl>
        </div>
      </div>
    </li>
  );
}

export default function Groups({ loaderData }: Route.ComponentProps) {
  const { mine, others, canManage } = loaderData;
  return (
    <div className="container my-5">
      <PageHeader
        title="Gruppi di lavoro"
        lead="I tavoli tematici: su cosa lavorano e quali organizzazioni ne fanno parte. La pagina completa di un gruppo è per i suoi componenti."
      >
        {canManage ? (
          <Link to="/gruppi/nuovo" className="btn btn-primary">
            Nuovo gruppo
          </Link>
        ) : null}
      </PageHeader>

      {mine.length > 0 ? (
        <section aria-labelledby="miei-gruppi" className="mb-5">
          <h2 id="miei-gruppi" className="h3">
            I miei gruppi
          </h2>
          <ul className="list-unstyled row">
            {mine.map((group) => (
              <GroupCard key={group.id} group={group} />
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="altri-gruppi">
        <h2 id="altri-gruppi" className="h3">
          {mine.length > 0 ? "Altri gruppi" : "Tutti i gruppi"}
        </h2>
        {others.length === 0 ? (
          <p className="empty-state">
            {mine.length > 0
              ? "Non ci sono altri gruppi di lavoro oltre ai tuoi."
              : "Il tavolo non ha ancora gruppi di lavoro. Quando il coordinamento ne crea uno, qui compaiono il suo mandato, lo stato e le organizzazioni che ne fanno parte."}
          </p>
        ) : (
          <ul className="list-unstyled row">
            {others.map((group) => (
              <GroupCard key={group.id} group={group} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
