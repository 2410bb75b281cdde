import { Form, Link, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/users";
import { requirePermission, roleLabel } from "~/auth/permissions.server";
import { FormAlert, Notice } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import type { Role } from "~/context";
import { listOpenInvitations, listUsers, resendInvitation, revokeInvitation, setUserActive } from "~/domain/users.server";
import { formatDate } from "~/utils/dates";
import { orUserError, parseForm } from "~/utils/forms.server";
import { ScrollableTable } from "~/components/lists";

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("resend"), invitationId: z.string().min(1) }),
  z.object({ intent: z.literal("revoke"), invitationId: z.string().min(1) }),
  z.object({ intent: z.literal("deactivate"), userId: z.string().min(1) }),
  z.object({ intent: z.literal("reactivate"), userId: z.string().min(1) }),
]);

const DONE: Record<z.infer<typeof schema>["intent"], string> = {
  resend: "Invito inviato di nuovo: il collegamento precedente non vale più.",
  revoke: "Invito annullato.",
  deactivate: "Utente disattivato: è stato disconnesso da tutti i dispositivi.",
  reactivate: "Utente riattivato.",
};

export const meta: Route.MetaFunction = () => pageTitle("Utenti e inviti");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "users" });
  const [users, invitations] = await Promise.all([listUsers(), listOpenInvitations()]);
  return {
    users: users.filter((u) => !u.erasedAt).map((u) => ({ ...u, roleLabel: roleLabel(u.role as Role) })),
    // People removed under the GDPR: only their anonymised name and the day remain.
    removed: users.filter((u) => u.erasedAt).map((u) => ({ id: u.id, name: u.name, on: formatDate(u.erasedAt!) })),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      organisationName: i.organisation.name,
      roleLabel: roleLabel(i.role as Role),
      invitedBy: i.invitedBy.name,
      expires: formatDate(i.expiresAt),
      expired: i.expired,
    })),
  };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "users" });
  const form = await parseForm(args.request, schema);
  if (!form.ok) return form.reply;
  const command = form.data;
  const result = await orUserError(form.formData, async () => {
    switch (command.intent) {
      case "resend":
        return resendInvitation(command.invitationId, me);
      case "revoke":
        return revokeInvitation(command.invitationId, me);
      case "deactivate":
        return setUserActive({ userId: command.userId, active: false, by: me });
      case "reactivate":
        return setUserActive({ userId: command.userId, active: true, by: me });
    }
  });
  if (!result.ok) return result.reply;
  return { done: DONE[command.intent] };
}

export default function Users({ loaderData, actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const invited = searchParams.get("invitato");
  const removed = searchParams.get("rimosso");
  const reply = actionData && "errors" in actionData ? actionData : undefined;
  return (
    <div className="container my-5">
      <PageHeader title="Utenti e inviti" lead="Chi può entrare in Tavolo, con quale ruolo e per quale organizzazione.">
        <Link to="/utenti/invita" className="btn btn-primary">
          Invita una persona
        </Link>
        <Link to="/impostazioni/privacy" className="btn btn-outline-primary ms-2">
          Informativa privacy
        </Link>
      </PageHeader>
      {invited ? <Notice>Invito inviato a {invited}. Il collegamento vale 7 giorni.</Notice> : null}
      {removed ? <Notice>Persona rimossa: ora compare come «{removed}» e i suoi dati personali sono stati cancellati.</Notice> : null}
      {actionData && "done" in actionData ? <Notice>{actionData.done}</Notice> : null}
      <FormAlert reply={reply} />

      <section aria-labelledby="inviti-titolo" className="mb-5">
        <h2 id="inviti-titolo" className="h4">
          Inviti in attesa
        </h2>
        {loaderData.invitations.length === 0 ? (
          <p className="empty-state">
            Nessun invito in attesa. Quando inviti una persona, il suo invito compare qui finché non lo accetta: potrai
            inviarlo di nuovo o annullarlo.
          </p>
        ) : (
          <ScrollableTable>
            <table className="table">
              <caption className="visually-hidden">Inviti in attesa di risposta</caption>
              <thead>
                <tr>
                  <th scope="col">E-mail</th>
                  <th scope="col">Organizzazione</th>
                  <th scope="col">Ruolo</th>
                  <th scope="col">Scadenza</th>
                  <th scope="col">
                    <span className="visually-hidden">Azioni</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {loaderData.invitations.map((invitation) => (
                  <tr key={invitation.id}>
                    <td>{invitation.email}</td>
                    <td>{invitation.organisationName}</td>
                    <td>{invitation.roleLabel}</td>
                    <td>{invitation.expired ? <span className="badge bg-danger">Scaduto</span> : invitation.expires}</td>
                    <td className="text-end text-nowrap">
                      <Form method="post" className="d-inline">
                        <input type="hidden" name="invitationId" value={invitation.id} />
                        <button type="submit" name="intent" value="resend" className="btn btn-outline-primary btn-xs me-2">
                          Invia di nuovo<span className="visually-hidden"> a {invitation.email}</span>
                        </button>
                        <button type="submit" name="intent" value="revoke" className="btn btn-outline-danger btn-xs">
                          Annulla<span className="visually-hidden"> l'invito a {invitation.email}</span>
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        )}
      </section>

      <section aria-labelledby="utenti-titolo">
        <h2 id="utenti-titolo" className="h4">
          Utenti
        </h2>
        <ScrollableTable>
          <table className="table">
            <caption className="visually-hidden">Utenti di Tavolo</caption>
            <thead>
              <tr>
                <th scope="col">Nome</th>
                <th scope="col">E-mail</th>
                <th scope="col">Organizzazione</th>
                <th scope="col">Ruolo</th>
                <th scope="col">Stato</th>
                <th scope="col">
                  <span className="visually-hidden">Azioni</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {loaderData.users.map((user) => (
                <tr key={user.id}>
                  <td>{user.name}</td>
                  <td>{user.email}</td>
                  <td>{user.organisation.name}</td>
                  <td>{user.roleLabel}</td>
                  <td>{user.active ? "Attivo" : <span className="badge bg-secondary">Disattivato</span>}</td>
                  <td className="text-end text-nowrap">
                    <Form method="post" className="d-inline">
                      <input type="hidden" name="userId" value={user.id} />
                      {user.active ? (
                        <button type="submit" name="intent" value="deactivate" className="btn btn-outline-danger btn-xs">
                          Disattiva<span className="visually-hidden"> {user.name}</span>
                        </button>
                      ) : (
                        <button type="submit" name="intent" value="reactivate" className="btn btn-outline-primary btn-xs">
                          Riattiva<span className="visually-hidden"> {user.name}</span>
                        </button>
                      )}
                    </Form>
                    <Link
                      to={`/utenti/${user.id}/rimuovi`}
                      className="btn btn-outline-danger btn-xs ms-2"
                      aria-label={`Rimuovi i dati di ${user.name}`}
                    >
                      Rimuovi i dati
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      </section>

      {loaderData.removed.length > 0 ? (
        <section aria-labelledby="rimossi-titolo" className="mt-5">
          <h2 id="rimossi-titolo" className="h4">
            Persone rimosse
          </h2>
          <p>Persone uscite dal tavolo i cui dati personali sono stati cancellati: negli atti restano con questo nome.</p>
          <ul>
            {loaderData.removed.map((person) => (
              <li key={person.id}>
                {person.name}, rimossa il {person.on}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
