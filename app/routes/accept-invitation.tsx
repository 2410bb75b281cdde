import { data, Form, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/accept-invitation";
import { roleLabel } from "~/auth/permissions.server";
import { startSession } from "~/auth/session.server";
import { FormAlert, NewPasswordFields, TextField } from "~/components/forms";
import { NarrowPage, pageTitle, UnusableLink } from "~/components/page";
import type { Role } from "~/context";
import { acceptInvitation, findOpenInvitation } from "~/domain/users.server";
import { UserFacingError } from "~/utils/errors";
import {
  newPasswordFields,
  orUserError,
  parseForm,
  passwordsMatch,
  passwordsMatchIssue,
  requiredText,
} from "~/utils/forms.server";

const schema = z
  .object({ name: requiredText("Scrivi il tuo nome e cognome.", 120), ...newPasswordFields })
  .refine(passwordsMatch, passwordsMatchIssue);

export const meta: Route.MetaFunction = () => pageTitle("Accetta l'invito");

export async function loader({ params }: Route.LoaderArgs) {
  try {
    const invitation = await findOpenInvitation(params.token);
    return {
      problem: null,
      invitation: {
        email: invitation.email,
        organisationName: invitation.organisation.name,
        roleLabel: roleLabel(invitation.role as Role),
      },
    };
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return data({ problem: error.message, invitation: null }, { status: error.status });
  }
}

export async function action(args: Route.ActionArgs) {
  const form = await parseForm(args.request, schema);
  if (!form.ok) return form.reply;
  const result = await orUserError(form.formData, () =>
    acceptInvitation({ token: args.params.token, name: form.data.name, password: form.data.password }),
  );
  if (!result.ok) return result.reply;
  return redirect("/", { headers: await startSession(args.request, result.value.id) });
}

export default function AcceptInvitation({ loaderData, actionData }: Route.ComponentProps) {
  const { invitation } = loaderData;
  if (!invitation) {
    return <UnusableLink title="Invito non utilizzabile" problem={loaderData.problem} next={{ to: "/accedi", label: "Vai all'accesso" }} />;
  }
  return (
    <NarrowPage>
      <h1>Benvenuto nel tavolo</h1>
      <p className="lead">
        Sei stato invitato come <strong>{invitation.roleLabel.toLowerCase()}</strong> per{" "}
        <strong>{invitation.organisationName}</strong>. Completa il tuo profilo per entrare.
      </p>
      <FormAlert reply={actionData} />
      <Form method="post" noValidate>
        <div className="form-group mb-4">
          <span className="fw-semibold d-block">E-mail</span>
          <span>{invitation.email}</span>
        </div>
        <TextField name="name" label="Nome e cognome" autoComplete="name" reply={actionData} />
        <NewPasswordFields email={invitation.email} reply={actionData} labels={{ password: "Password", confirm: "Ripeti la password" }} />
        <button type="submit" className="btn btn-primary">
          Crea l'account ed entra
        </button>
      </Form>
    </NarrowPage>
  );
}
