import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/accept-invitation";
import { PASSWORD_MIN_LENGTH } from "~/auth/password.server";
import { roleLabel } from "~/auth/permissions.server";
import { startSession } from "~/auth/session.server";
import { FormAlert, TextField } from "~/components/forms";
import { NarrowPage, pageTitle } from "~/components/page";
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
      minLength: PASSWORD_MIN_LENGTH,
    };
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return data({ problem: error.message, invitation: null, minLength: PASSWORD_MIN_LENGTH }, { status: error.status });
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
    return (
      <NarrowPage>
        <h1>Invito non utilizzabile</h1>
        <div className="alert alert-warning" role="alert">
          {loaderData.problem}
        </div>
        <Link to="/accedi" className="btn btn-primary">
          Vai all'accesso
        </Link>
      </NarrowPage>
    );
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
        <input type="text" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
        <TextField name="name" label="Nome e cognome" autoComplete="name" reply={actionData} />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          reply={actionData}
          hint={`Almeno ${loaderData.minLength} caratteri. Una frase di più parole è facile da ricordare e difficile da indovinare.`}
        />
        <TextField name="confirmPassword" label="Ripeti la password" type="password" autoComplete="new-password" reply={actionData} />
        <button type="submit" className="btn btn-primary">
          Crea l'account ed entra
        </button>
      </Form>
    </NarrowPage>
  );
}
