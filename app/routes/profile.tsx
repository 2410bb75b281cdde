import { data, Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/profile";
import { PASSWORD_MIN_LENGTH } from "~/auth/password-policy";
import { requireUser, roleLabel } from "~/auth/permissions.server";
import { startSession } from "~/auth/session.server";
import { FormAlert, Notice, TextField } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { changePassword } from "~/domain/users.server";
import { orUserError, parseForm } from "~/utils/forms.server";

const schema = z
  .object({
    currentPassword: z.string({ error: "Inserisci la password attuale." }).min(1, "Inserisci la password attuale."),
    newPassword: z.string({ error: "Scegli una nuova password." }).min(1, "Scegli una nuova password."),
    confirmPassword: z.string({ error: "Ripeti la nuova password." }).min(1, "Ripeti la nuova password."),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "Le due password non coincidono.", path: ["confirmPassword"] });

export const meta: Route.MetaFunction = () => pageTitle("Il tuo profilo");

export function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  return {
    name: user.name,
    email: user.email,
    organisationName: user.organisationName,
    roleLabel: roleLabel(user.role),
  };
}

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const form = await parseForm(args.request, schema);
  if (!form.ok) return form.reply;
  const result = await orUserError(form.formData, () =>
    changePassword({ userId: user.id, currentPassword: form.data.currentPassword, newPassword: form.data.newPassword }),
  );
  if (!result.ok) return result.reply;
  // Every session was revoked, this one too: this browser gets a fresh one.
  return data({ changed: true as const }, { headers: await startSession(args.request, user.id) });
}

export default function Profile({ loaderData, actionData }: Route.ComponentProps) {
  const reply = actionData && "errors" in actionData ? actionData : undefined;
  const changed = actionData && "changed" in actionData;
  return (
    <div className="container my-5">
      <PageHeader title="Il tuo profilo" />
      <div className="row g-5">
        <section className="col-lg-5" aria-labelledby="dati-titolo">
          <h2 id="dati-titolo" className="h4">
            I tuoi dati
          </h2>
          <dl>
            <dt>Nome</dt>
            <dd>{loaderData.name}</dd>
            <dt>E-mail</dt>
            <dd>{loaderData.email}</dd>
            <dt>Organizzazione</dt>
            <dd>{loaderData.organisationName}</dd>
            <dt>Ruolo</dt>
            <dd>{loaderData.roleLabel}</dd>
          </dl>
          <h2 className="h4 mt-4">Notifiche</h2>
          <p>
            Scegli come ricevere comunicazioni, verbali, nuovi documenti e promemoria: subito per e-mail, nel riepilogo
            settimanale o solo nell'app. <Link to="/profilo/notifiche">Imposta le notifiche</Link>
          </p>
          <h2 className="h4 mt-4">Dati personali</h2>
          <p>
            Scarica in un file tutto ciò che Tavolo conserva su di te. <Link to="/profilo/dati-personali">I tuoi dati personali</Link>
          </p>
        </section>
        <section className="col-lg-7" aria-labelledby="password-titolo">
          <h2 id="password-titolo" className="h4">
            Cambia la password
          </h2>
          <p>Dopo il cambio, gli accessi aperti su altri dispositivi vengono chiusi.</p>
          {changed ? <Notice>Password cambiata. Gli accessi sugli altri dispositivi sono stati chiusi.</Notice> : null}
          <FormAlert reply={reply} />
          <Form method="post" noValidate>
            <input type="text" name="username" autoComplete="username" value={loaderData.email} readOnly hidden />
            <TextField name="currentPassword" label="Password attuale" type="password" autoComplete="current-password" reply={reply} />
            <TextField
              name="newPassword"
              label="Nuova password"
              type="password"
              autoComplete="new-password"
              reply={reply}
              hint={`Almeno ${PASSWORD_MIN_LENGTH} caratteri.`}
            />
            <TextField name="confirmPassword" label="Ripeti la nuova password" type="password" autoComplete="new-password" reply={reply} />
            <button type="submit" className="btn btn-primary">
              Cambia la password
            </button>
          </Form>
        </section>
      </div>
    </div>
  );
}
