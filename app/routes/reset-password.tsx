import { data, Form, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/reset-password";
import { startSession } from "~/auth/session.server";
import { FormAlert, NewPasswordFields } from "~/components/forms";
import { NarrowPage, pageTitle, UnusableLink } from "~/components/page";
import { findOpenPasswordReset, resetPassword } from "~/domain/users.server";
import { UserFacingError } from "~/utils/errors";
import { newPasswordFields, orUserError, parseForm, passwordsMatch, passwordsMatchIssue } from "~/utils/forms.server";

const schema = z.object(newPasswordFields).refine(passwordsMatch, passwordsMatchIssue);

export const meta: Route.MetaFunction = () => pageTitle("Nuova password");

export async function loader({ params }: Route.LoaderArgs) {
  try {
    const reset = await findOpenPasswordReset(params.token);
    return { email: reset.user.email, problem: null };
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return data({ email: null, problem: error.message }, { status: error.status });
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
  if (loaderData.problem !== null) {
    return (
      <UnusableLink
        title="Collegamento non valido"
        problem={loaderData.problem}
        next={{ to: "/password-dimenticata", label: "Chiedi un nuovo collegamento" }}
      />
    );
  }
  return (
    <NarrowPage>
      <h1>Scegli una nuova password</h1>
      <p className="lead">Per l'account {loaderData.email}.</p>
      <FormAlert reply={actionData} />
      <Form method="post" noValidate>
        <NewPasswordFields
          email={loaderData.email}
          reply={actionData}
          labels={{ password: "Nuova password", confirm: "Ripeti la nuova password" }}
        />
        <button type="submit" className="btn btn-primary">
          Salva la password e accedi
        </button>
      </Form>
    </NarrowPage>
  );
}
