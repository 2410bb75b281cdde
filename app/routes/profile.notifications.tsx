import { Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/profile.notifications";
import { requireUser } from "~/auth/permissions.server";
import { FieldError, FormAlert, Notice } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { DELIVERIES, isOffered, MANDATORY_NOTIFICATIONS, NOTIFICATION_KINDS, type Delivery, type NotificationKind } from "~/domain/notifications";
import { listPreferences, savePreferences } from "~/domain/notifications.server";
import { parseForm } from "~/utils/forms.server";

const KINDS = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];
const deliveryField = (kind: NotificationKind) =>
  z.string({ error: "Scegli come riceverla." }).refine((value) => isOffered(kind, value), "Scegli una delle possibilità elencate.");
const schema = z.object(Object.fromEntries(KINDS.map((kind) => [kind, deliveryField(kind)])) as Record<NotificationKind, ReturnType<typeof deliveryField>>);

export const meta: Route.MetaFunction = () => pageTitle("Le tue notifiche");

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  return { preferences: await listPreferences(user.id) };
}

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const form = await parseForm(args.request, schema);
  if (!form.ok) return form.reply;
  await savePreferences(
    user.id,
    KINDS.map((kind) => ({ kind, delivery: form.data[kind] as Delivery })),
  );
  return { saved: true as const };
}

export default function NotificationPreferences({ loaderData, actionData }: Route.ComponentProps) {
  const reply = actionData && "errors" in actionData ? actionData : undefined;
  const chosen = new Map(loaderData.preferences.map((p) => [p.kind, p.delivery]));
  return (
    <div className="container my-5">
      <PageHeader title="Le tue notifiche" lead="Per ogni tipo di avviso scegli se riceverlo subito per e-mail, nel riepilogo del lunedì o mai: in Tavolo lo trovi comunque." />
      {actionData && "saved" in actionData ? <Notice>Preferenze salvate.</Notice> : null}
      <FormAlert reply={reply} />
      <div className="row g-5">
        <Form method="post" className="col-lg-7" aria-label="Preferenze delle notifiche">
          {KINDS.map((kind) => {
            const info = NOTIFICATION_KINDS[kind];
            const error = reply?.errors.fieldErrors[kind];
            const current = reply?.values[kind] ?? chosen.get(kind) ?? info.default;
            return (
              <fieldset key={kind} className="mb-4" aria-describedby={[`notifica-${kind}-aiuto`, error ? `notifica-${kind}-errore` : null].filter(Boolean).join(" ")}>
                <legend className="h5">{info.label}</legend>
                <p id={`notifica-${kind}-aiuto`} className="small mb-2">
                  {info.hint}
                </p>
                {info.offered.map((delivery) => (
                  <div className="form-check" key={delivery}>
                    <input id={`notifica-${kind}-${delivery}`} type="radio" name={kind} value={delivery} defaultChecked={current === delivery} />
                    <label htmlFor={`notifica-${kind}-${delivery}`}>
                      {DELIVERIES[delivery]}
                      {delivery === info.default ? <span className="text-secondary"> (predefinito)</span> : null}
                    </label>
                  </div>
                ))}
                <FieldError id={`notifica-${kind}`} error={error} />
              </fieldset>
            );
          })}
          <button type="submit" className="btn btn-primary">
            Salva le preferenze
          </button>
        </Form>
        <section className="col-lg-5" aria-labelledby="obbligatorie-titolo">
          <h2 id="obbligatorie-titolo" className="h4">
            Sempre inviate
          </h2>
          <p>Questi messaggi arrivano sempre per e-mail, perché riguardano un impegno o una sua modifica:</p>
          <ul>
            {MANDATORY_NOTIFICATIONS.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
          <p>
            Il riepilogo settimanale arriva il lunedì mattina, solo se c'è qualcosa da leggere. <Link to="/profilo">Torna al profilo</Link>
          </p>
        </section>
      </div>
    </div>
  );
}
