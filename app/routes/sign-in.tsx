import { Form, Link, redirect, useNavigation, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/sign-in";
import { getOptionalUser, safeRedirectTarget } from "~/auth/permissions.server";
import { startSession } from "~/auth/session.server";
import { FormAlert, TextField } from "~/components/forms";
import { NarrowPage, pageTitle } from "~/components/page";
import { requestInfoContext } from "~/context";
import { authenticate } from "~/domain/users.server";
import { emailField, orUserError, parseForm } from "~/utils/forms.server";

const schema = z.object({
  email: emailField,
  password: z.string({ error: "Inserisci la password." }).min(1, "Inserisci la password."),
  redirectTo: z.string().optional(),
});

export const meta: Route.MetaFunction = () => pageTitle("Accedi");

export function loader(args: Route.LoaderArgs) {
  if (getOptionalUser(args)) throw redirect("/");
  return null;
}

export async function action(args: Route.ActionArgs) {
  const form = await parseForm(args.request, schema);
  if (!form.ok) return form.reply;
  const { ip } = args.context.get(requestInfoContext);
  const result = await orUserError(form.formData, () => authenticate({ ...form.data, ip }));
  if (!result.ok) return result.reply;
  const headers = await startSession(args.request, result.value.id);
  return redirect(safeRedirectTarget(form.data.redirectTo), { headers });
}

export default function SignIn({ actionData }: Route.ComponentProps) {
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo");
  return (
    <NarrowPage>
      <h1>Accedi a Tavolo</h1>
      <p className="lead">Entra con l'indirizzo e-mail e la password del tuo account.</p>
      <FormAlert reply={actionData} />
      <Form method="post" noValidate>
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <TextField name="email" label="E-mail" type="email" autoComplete="username" reply={actionData} />
        <TextField name="password" label="Password" type="password" autoComplete="current-password" reply={actionData} />
        <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
          Accedi
        </button>
      </Form>
      <p className="mt-4">
        <Link to="/password-dimenticata">Password dimenticata?</Link>
      </p>
      <p className="text-secondary">
        Non hai un account? Gli account si creano solo su invito del coordinamento del tavolo.
      </p>
    </NarrowPage>
  );
}
