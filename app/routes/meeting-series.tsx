import { Link, redirect } from "react-router";
import type { Route } from "./+types/meeting-series";
import { can, requirePermission } from "~/auth/permissions.server";
import { FormAlert } from "~/components/forms";
import { SeriesForm } from "~/components/meetings";
import { PageHeader, pageTitle } from "~/components/page";
import { describeRule, meetingKindLabel } from "~/domain/meeting-rules";
import { createSeries, listSeries, meetingFilterChoices, seriesFields } from "~/domain/meetings.server";
import { quorumRuleLabel } from "~/domain/quorum";
import { orUserError, parseForm } from "~/utils/forms.server";
import { ScrollableTable } from "~/components/lists";

export const meta: Route.MetaFunction = () => pageTitle("Serie di riunioni");

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "meetings" });
  const canManage = can(user, "manage", { kind: "meetings" });
  const [series, choices] = await Promise.all([listSeries(), canManage ? meetingFilterChoices() : null]);
  return {
    series: series.map((s) => ({
      id: s.id,
      name: s.name,
      kind: meetingKindLabel(s.kind),
      group: s.workingGroup?.name ?? null,
      rule: describeRule(s),
      place: [s.location, s.videoLink ? "videochiamata" : ""].filter(Boolean).join(" e "),
      quorum: quorumRuleLabel(s.quorumRule),
      active: s.active,
    })),
    groups: choices?.groups ?? [],
    canManage,
  };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "meetings" });
  const form = await parseForm(args.request, seriesFields);
  if (!form.ok) return form.reply;
  const result = await orUserError(form.formData, () => createSeries(form.data, me));
  if (!result.ok) return result.reply;
  return redirect(`/riunioni/serie/${result.value.id}?creata`);
}

export default function MeetingSeries({ loaderData, actionData }: Route.ComponentProps) {
  const { series, groups, canManage } = loaderData;
  return (
    <div className="container my-5">
      <PageHeader title="Serie di riunioni" lead="Le riunioni ricorrenti del piano di governo e del piano operativo, con la regola che ne propone le date.">
        <Link to="/riunioni" className="btn btn-outline-primary">
          Tutte le riunioni
        </Link>
      </PageHeader>
      {series.length === 0 ? (
        <p className="empty-state">
          Nessuna serie di riunioni. Una serie (per esempio «la plenaria, il primo martedì del mese alle 15:00») propone le
          date delle prossime riunioni; il coordinamento conferma ciascuna riunione.
        </p>
      ) : (
        <ScrollableTable className="mb-5">
          <table className="table">
            <caption className="visually-hidden">Serie di riunioni</caption>
            <thead>
              <tr>
                <th scope="col">Serie</th>
                <th scope="col">Piano</th>
                <th scope="col">Regola</th>
                <th scope="col">Luogo</th>
                <th scope="col">Numero legale</th>
              </tr>
            </thead>
            <tbody>
              {series.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/riunioni/serie/${s.id}`}>{s.name}</Link>
                    {s.active ? null : <span className="badge bg-secondary ms-2">Non attiva</span>}
                  </th>
                  <td>
                    {s.kind}
                    {s.group ? <span className="d-block small">Gruppo {s.group}</span> : null}
                  </td>
                  <td>{s.rule}</td>
                  <td>{s.place}</td>
                  <td>{s.quorum}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
      {canManage ? (
        <section aria-labelledby="nuova-serie" className="col-lg-8">
          <h2 id="nuova-serie" className="h3">
            Nuova serie
          </h2>
          <FormAlert reply={actionData} />
          <SeriesForm
            intent="create"
            reply={actionData}
            groups={groups}
            submitLabel="Crea la serie"
            values={{
              name: "",
              kind: "GOVERNANCE",
              workingGroupId: "",
              weekOfMonth: "1",
              weekday: "2",
              startTime: "15:00",
              endTime: "17:00",
              location: "",
              videoLink: "",
              reminderDaysBefore: "2",
              quorumRule: "HALF_PLUS_ONE",
              reviewDays: "7",
            }}
          />
        </section>
      ) : null}
    </div>
  );
}
