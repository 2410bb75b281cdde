import { data, Form, Link, redirect, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/meeting-series.edit";
import { can, requirePermission } from "~/auth/permissions.server";
import { FormAlert, Notice } from "~/components/forms";
import { MeetingStatusBadge, SeriesForm } from "~/components/meetings";
import { PageHeader, pageTitle } from "~/components/page";
import { describeRule, meetingKindLabel, meetingStatusLabel } from "~/domain/meeting-rules";
import { confirmSeriesDate, getSeries, listMeetings, meetingFilterChoices, proposedDates, seriesFields, updateSeries } from "~/domain/meetings.server";
import { quorumRuleLabel } from "~/domain/quorum";
import { formatRome, formatWeekdayDateTime } from "~/utils/dates";
import { type FormReply, orUserError, parseForm } from "~/utils/forms.server";

const confirmSchema = z.object({ intent: z.literal("confirm"), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
const saveSchema = seriesFields.and(z.object({ active: z.literal("on").optional().transform((value) => value === "on") }));

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.series.name ?? "Serie di riunioni");

const when = (m: { startsAt: Date; endsAt: Date }) => `${formatWeekdayDateTime(m.startsAt)}–${formatRome(m.endsAt, "HH:mm")}`;

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "meetings" });
  const canManage = can(user, "manage", { kind: "meetings" });
  const series = await getSeries(args.params.id);
  if (!series) throw data("Serie non trovata.", { status: 404 });
  const viewer = { id: user.id, isCoordinator: canManage };
  const [proposals, upcoming, choices] = await Promise.all([
    canManage && series.active ? proposedDates(series.id) : [],
    listMeetings({ when: "upcoming", seriesId: series.id, kind: "", groupId: "", page: 1 }, viewer),
    canManage ? meetingFilterChoices() : null,
  ]);
  return {
    series: {
      id: series.id,
      name: series.name,
      kind: meetingKindLabel(series.kind),
      group: series.workingGroup,
      rule: describeRule(series),
      location: series.location,
      videoLink: series.videoLink,
      quorum: quorumRuleLabel(series.quorumRule),
      reminderDaysBefore: series.reminderDaysBefore,
      reviewDays: series.reviewDays,
      active: series.active,
    },
    values: {
      name: series.name,
      kind: series.kind,
      workingGroupId: series.workingGroupId ?? "",
      weekOfMonth: String(series.weekOfMonth),
      weekday: String(series.weekday),
      startTime: series.startTime,
      endTime: series.endTime,
      location: series.location,
      videoLink: series.videoLink,
      reminderDaysBefore: String(series.reminderDaysBefore),
      quorumRule: series.quorumRule,
      reviewDays: String(series.reviewDays),
      active: series.active,
    },
    proposals: proposals.map((p) => ({ day: p.day, when: when(p) })),
    upcoming: upcoming.meetings.map((m) => ({ id: m.id, title: m.title, when: when(m), status: m.status, statusLabel: meetingStatusLabel(m.status) })),
    groups: choices?.groups ?? [],
    canManage,
  };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "meetings" });
  const formData = await args.request.clone().formData();
  if (formData.get("intent") === "confirm") {
    const form = await parseForm(args.request, confirmSchema);
    if (!form.ok) return form.reply;
    const result = await orUserError(form.formData, () => confirmSeriesDate(args.params.id, form.data.day, me));
    if (!result.ok) return result.reply;
    return redirect(`/riunioni/${result.value.id}?creata`);
  }
  const form = await parseForm(args.request, saveSchema);
  if (!form.ok) return form.reply;
  const result = await orUserError(form.formData, () => updateSeries(args.params.id, form.data, me));
  if (!result.ok) return result.reply;
  return redirect(`/riunioni/serie/${args.params.id}?salvata`);
}

export default function MeetingSeriesPage({ loaderData, actionData }: Route.ComponentProps) {
  const { series, values, proposals, upcoming, groups, canManage } = loaderData;
  const [searchParams] = useSearchParams();
  const reply: FormReply | undefined = actionData;
  const confirmReply = reply?.values.intent === "confirm" ? reply : undefined;
  const saveReply = reply && !confirmReply ? reply : undefined;
  return (
    <div className="container my-5">
      <PageHeader title={series.name} lead={`${series.kind}${series.group ? ` · gruppo ${series.group.name}` : ""} · ${series.rule}`}>
        <Link to="/riunioni/serie" className="btn btn-outline-primary">
          Tutte le serie
        </Link>
      </PageHeader>
      {actionData ? null : searchParams.has("creata") ? <Notice>Serie creata.</Notice> : searchParams.has("salvata") ? <Notice>Modifiche salvate.</Notice> : null}
      {series.active ? null : (
        <Notice tone="info">Questa serie non è attiva: non propone nuove date.</Notice>
      )}
      <div className="row">
        <div className="col-lg-7">
          {canManage && series.active ? (
            <section aria-labelledby="date-proposte" className="mb-5">
              <h2 id="date-proposte" className="h3">
                Prossime date proposte
              </h2>
              <p>Date calcolate dalla regola della serie, ora di Roma. Confermando una data si crea la riunione in bozza, da completare e convocare.</p>
              <FormAlert reply={confirmReply} />
              <ul className="list-group">
                {proposals.map((proposal) => (
                  <li key={proposal.day} className="list-group-item d-flex flex-wrap justify-content-between align-items-center gap-2">
                    <span>{proposal.when}</span>
                    <Form method="post">
                      <input type="hidden" name="day" value={proposal.day} />
                      <button type="submit" name="intent" value="confirm" className="btn btn-primary btn-xs">
                        Conferma<span className="visually-hidden"> la riunione di {proposal.when}</span>
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="prossime-riunioni" className="mb-5">
            <h2 id="prossime-riunioni" className="h3">
              Prossime riunioni della serie
            </h2>
            {upcoming.length === 0 ? (
              <p className="empty-state">Nessuna riunione in programma per questa serie.</p>
            ) : (
              <ul className="list-group">
                {upcoming.map((m) => (
                  <li key={m.id} className="list-group-item">
                    <MeetingStatusBadge status={m.status} label={m.statusLabel} />
                    <Link to={`/riunioni/${m.id}`}>{m.title}</Link>
                    <span className="d-block">{m.when}</span>
                  </li>
                ))}
              </ul>
            )}
            <p className="mt-3">
              <Link to={`/riunioni?serie=${series.id}&quando=passate`}>Riunioni passate della serie</Link>
            </p>
          </section>
        </div>
        <div className="col-lg-5">
          <section aria-labelledby="in-breve" className="mb-5">
            <h2 id="in-breve" className="h4">
              In breve
            </h2>
            <dl>
              <dt>Luogo</dt>
              <dd>{series.location || "Non indicato"}</dd>
              <dt>Videochiamata</dt>
              <dd>{series.videoLink ? <a href={series.videoLink}>{series.videoLink}</a> : "Nessuna"}</dd>
              <dt>Numero legale</dt>
              <dd>{series.quorum}</dd>
              <dt>Promemoria</dt>
              <dd>{series.reminderDaysBefore === 0 ? "Nessun promemoria" : `${series.reminderDaysBefore} giorni prima`}</dd>
              <dt>Revisione del verbale</dt>
              <dd>{series.reviewDays} giorni</dd>
            </dl>
          </section>
        </div>
      </div>
      {canManage ? (
        <section aria-labelledby="modifica-serie" className="col-lg-8">
          <h2 id="modifica-serie" className="h3">
            Modifica la serie
          </h2>
          <FormAlert reply={saveReply} />
          <SeriesForm intent="save" reply={saveReply} groups={groups} submitLabel="Salva le modifiche" values={values} />
        </section>
      ) : null}
    </div>
  );
}
