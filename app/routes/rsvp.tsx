import { data, Form } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/rsvp";
import { Notice } from "~/components/forms";
import { NarrowPage, pageTitle, UnusableLink } from "~/components/page";
import { findInvitationByToken, meetingWhen, replyWithToken } from "~/domain/convocations.server";
import { UserFacingError } from "~/utils/errors";
import { parseFields } from "~/utils/forms.server";

// The reply link of a convocation, usable without signing in. Opening it only shows the choice:
// mail scanners open links on their own, so a reply is recorded on POST alone.

const schema = z.object({ response: z.enum(["ACCEPTED", "DECLINED"], { error: "Scegli se partecipi o no." }) });

const YOUR_REPLY: Record<string, string> = {
  PENDING: "Non hai ancora risposto.",
  ACCEPTED: "Partecipo.",
  DECLINED: "Non partecipo.",
};

export const meta: Route.MetaFunction = () => pageTitle("Rispondi alla convocazione");

export async function loader({ params, request }: Route.LoaderArgs) {
  try {
    const invitee = await findInvitationByToken(params.token);
    const answer = new URL(request.url).searchParams.get("r");
    return {
      problem: null,
      suggested: answer === "si" ? "ACCEPTED" : answer === "no" ? "DECLINED" : null,
      invitation: {
        name: invitee.user.name,
        organisationName: invitee.organisation.name,
        title: invitee.meeting.title,
        when: meetingWhen(invitee.meeting),
        location: invitee.meeting.location,
        videoLink: invitee.meeting.videoLink,
        response: invitee.response,
        substituteName: invitee.substitute?.user.name ?? null,
      },
    };
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return data({ problem: error.message, suggested: null, invitation: null }, { status: error.status });
  }
}

export async function action({ params, request }: Route.ActionArgs) {
  const fields = parseFields(await request.formData(), schema);
  if (!fields.ok) return data({ error: "Scegli se partecipi o no.", problem: null, recorded: null }, { status: 400 });
  try {
    const reply = await replyWithToken(params.token, fields.data.response);
    return { error: null, problem: null, recorded: reply.response };
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    // A link that stopped working replaces the page; a refused reply is said above the choice.
    const unusable = error.status === 404 || error.status === 410;
    return data(
      { error: unusable ? null : error.message, problem: unusable ? error.message : null, recorded: null },
      { status: error.status },
    );
  }
}

export default function Rsvp({ loaderData, actionData }: Route.ComponentProps) {
  const problem = actionData?.problem ?? loaderData.problem;
  const { invitation } = loaderData;
  if (problem || !invitation) {
    return (
      <UnusableLink
        title="Collegamento non utilizzabile"
        problem={problem ?? "Questo collegamento non è valido."}
        next={{ to: "/accedi", label: "Accedi a Tavolo" }}
      />
    );
  }
  const recorded = actionData?.recorded ?? null;
  const current = recorded ?? invitation.response;
  const suggested = recorded ? null : loaderData.suggested;
  const buttonClass = (response: string) =>
    `btn ${suggested === response || (!suggested && current === response) ? "btn-primary" : "btn-outline-primary"}`;
  return (
    <NarrowPage>
      <h1>Rispondi alla convocazione</h1>
      <p className="lead">
        {invitation.name}, sei convocato per {invitation.organisationName}.
      </p>
      {recorded === "ACCEPTED" ? <Notice>Grazie: abbiamo registrato che parteciperai alla riunione.</Notice> : null}
      {recorded === "DECLINED" ? <Notice>Grazie: abbiamo registrato che non parteciperai alla riunione.</Notice> : null}
      {actionData?.error ? (
        <div className="alert alert-danger" role="alert">
          {actionData.error}
        </div>
      ) : null}
      <section aria-labelledby="riunione-titolo" className="mb-4">
        <h2 id="riunione-titolo" className="h4">
          {invitation.title}
        </h2>
        <dl>
          <dt>Quando</dt>
          <dd>{invitation.when}</dd>
          {invitation.location ? (
            <>
              <dt>Dove</dt>
              <dd>{invitation.location}</dd>
            </>
          ) : null}
          {invitation.videoLink ? (
            <>
              <dt>Collegamento video</dt>
              <dd>
                <a href={invitation.videoLink}>{invitation.videoLink}</a>
              </dd>
            </>
          ) : null}
          <dt>La tua risposta</dt>
          <dd>{YOUR_REPLY[current] ?? current}</dd>
        </dl>
      </section>
      {invitation.substituteName ? (
        <Notice tone="info">Hai indicato {invitation.substituteName} come sostituto: la tua organizzazione è rappresentata da questa persona.</Notice>
      ) : null}
      <Form method="post">
        <fieldset>
          <legend className="h5">{current === "PENDING" ? "Parteciperai alla riunione?" : "Vuoi cambiare la tua risposta?"}</legend>
          <div className="d-flex flex-wrap gap-3 mt-2">
            <button type="submit" name="response" value="ACCEPTED" className={buttonClass("ACCEPTED")}>
              Partecipo
            </button>
            <button type="submit" name="response" value="DECLINED" className={buttonClass("DECLINED")}>
              Non partecipo
            </button>
          </div>
        </fieldset>
      </Form>
      <p className="mt-4 small">Puoi cambiare risposta fino all'inizio della riunione, da questa pagina o da Tavolo.</p>
    </NarrowPage>
  );
}
