import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/reset-password";
import { PASSWORD_MIN_LENGTH } from "~/auth/password.server";
import { startSession } from "~/auth/session.server";
import { FormAlert, TextField } from "~/components/forms";
import { NarrowPage, pageTitle } from "~/components/page";
import { findOpenPasswordReset, resetPassword } from "~/domain/users.server";
import { UserFacingError } from "~/utils/errors";
import { newPasswordFields, orUserError, parseForm, passwordsMatch, passwordsMatchIssue } from "~/utils/forms.server";

const schema = z.object(newPasswordFields).refine(passwordsMatch, passwordsMatchIssue);

export const meta: Route.MetaFunction = () => pageTitle("Nuova password");

export async function loader({ params }: Route.LoaderArgs) {
  try {
    const reset = await findOpenPasswordReset(params.token);
    return { email: reset.user.email, problem: null, minLength: PASSWORD_MIN_LENGTH };
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return data({ email: null, problem: error.message, minLength: PASSWORD_MIN_LENGTH }, { status: error.status });
  }
}

export async function action(args: Route.ActionArgs) {
  const form = await parseForm(args.request, schema);
  if (!form.ok) return form.reply;
  const result = await orUserError(form.formData, () => resetPassword({ token: args.params.token, password: form.data.password }));
  if (!result.ok) return result.reply;
  return redirect("/", { headers: await startSession(args.request, result.value.id) });
}

export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.problem) {
    return (
      <NarrowPage>
        <h1>Collegamento non valido</h1>
        <div className="alert alert-warning" role="alert">
          {loaderData.problem}
        </div>
        <Link to="/password-dimenticata" className="btn btn-primary">
          Chiedi un nuovo collegamento
        </Link>
      </NarrowPage>
    );
  }
  return (
    <NarrowPage>
      <h1>Scegli una nuova password</h1>
      <p className="lead">Per l'account {loaderData.email}.</p>
      <FormAlert reply={actionData} />
      <Form method="post" noValidate>
        <input type="text" name="username" autoComplete="username" value={loaderData.email ?? ""} readOnly hidden />
        <TextField
          name="password"
          label="Nuova password"
          type="password"
          autoComplete="new-password"
          reply={actionData}
          hint={`Almeno ${loaderData.minLength} caratteri. Una frase di più parole è facile da ricordare e difficile da indovinare.`}
        />
        <TextField name="confirmPassword" label="Ripeti la nuova password" type="password" autoComplete="new-password" reply={actionData} />
        <button type="submit" className="btn btn-primary">
          Salva la password e accedi
        </button>
      </Form>
    </NarrowPage>
  );
}
