import { Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/forgot-password";
import { FormAlert, Notice, TextField } from "~/components/forms";
import { NarrowPage, pageTitle } from "~/components/page";
import { requestInfoContext } from "~/context";
import { requestPasswordReset } from "~/domain/users.server";
import { emailField, orUserError, parseForm } from "~/utils/forms.server";

const schema = z.object({ email: emailField });

export const meta: Route.MetaFunction = () => pageTitle("Password dimenticata");

export async function action(args: Route.ActionArgs) {
  const form = await parseForm(args.request, schema);
  if (!form.ok) return form.reply;
  const { ip } = args.context.get(requestInfoContext);
  const result = await orUserError(form.formData, () => requestPasswordReset({ email: form.data.email, ip }));
  if (!result.ok) return result.reply;
  return { sent: true as const };
}

export default function ForgotPassword({ actionData }: Route.ComponentProps) {
  if (actionData && "sent" in actionData) {
    return (
      <NarrowPage>
        <h1>Controlla la tua e-mail</h1>
        <Notice>
          Se l'indirizzo corrisponde a un account attivo, a breve riceverai un'e-mail con un collegamento per scegliere una
          nuova password. Il collegamento vale un'ora e si può usare una sola volta.
        </Notice>
        <Link to="/accedi">Torna all'accesso</Link>
      </NarrowPage>
    );
  }
  const reply = actionData && "errors" in actionData ? actionData : undefined;
  return (
    <NarrowPage>
      <h1>Password dimenticata</h1>
      <p className="lead">Scrivi l'indirizzo e-mail del tuo account: ti invieremo un collegamento per scegliere una nuova password.</p>
      <FormAlert reply={reply} />
      <Form method="post" noValidate>
        <TextField name="email" label="E-mail" type="email" autoComplete="email" reply={reply} />
        <button type="submit" className="btn btn-primary">
          Invia il collegamento
        </button>
      </Form>
      <p className="mt-4">
        <Link to="/accedi">Torna all'accesso</Link>
      </p>
    </NarrowPage>
  );
}
