import type { ReactNode } from "react";
import { Form, Link, redirect, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/organisation.contacts";
import { requirePermission } from "~/auth/permissions.server";
import { FormAlert, Notice, TextField } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { addContact, contactFields, getOrganisation, listContacts, removeContact, updateContact } from "~/domain/organisations.server";
import { orUserError, parseForm, type FormReply } from "~/utils/forms.server";
import { ScrollableTable } from "~/components/lists";

const contactId = z.string({ error: "Contatto non indicato." }).min(1, "Contatto non indicato.");
const schema = z.discriminatedUnion("intent", [
  contactFields.extend({ intent: z.literal("add") }),
  contactFields.extend({ intent: z.literal("edit"), contactId }),
  z.object({ intent: z.literal("remove"), contactId }),
]);

const DONE = { add: "aggiunto", edit: "modificato", remove: "rimosso" } as const;
const DONE_MESSAGES: Record<string, string> = {
  aggiunto: "Contatto aggiunto.",
  modificato: "Contatto modificato.",
  rimosso: "Contatto rimosso.",
};

export const meta: Route.MetaFunction = ({ data }) => pageTitle(data ? `Contatti di ${data.organisation.name}` : "Contatti");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "edit", { kind: "organisation", organisationId: args.params.id });
  const [organisation, contacts] = await Promise.all([getOrganisation(args.params.id), listContacts(args.params.id)]);
  if (!organisation) throw new Response("Organizzazione non trovata", { status: 404 });
  return { organisation: { id: organisation.id, name: organisation.name }, contacts };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "edit", { kind: "organisation", organisationId: args.params.id });
  const organisationId = args.params.id;
  const form = await parseForm(args.request, schema);
  if (!form.ok) return form.reply;
  const command = form.data;
  const result = await orUserError(form.formData, async () => {
    switch (command.intent) {
      case "add": {
        const { intent: _, ...fields } = command;
        return addContact(organisationId, fields, me);
      }
      case "edit": {
        const { intent: _, contactId: id, ...fields } = command;
        return updateContact(organisationId, id, fields, me);
      }
      case "remove":
        return removeContact(organisationId, command.contactId, me);
    }
  });
  if (!result.ok) return result.reply;
  return redirect(`/organizzazioni/${organisationId}/contatti?esito=${DONE[command.intent]}`);
}

export default function OrganisationContacts({ loaderData, actionData }: Route.ComponentProps) {
  const { organisation, contacts } = loaderData;
  const [searchParams] = useSearchParams();
  const editing = contacts.find((c) => c.id === searchParams.get("modifica"));
  const done = DONE_MESSAGES[searchParams.get("esito") ?? ""];
  const replyFor = (intent: string) => (actionData?.values.intent === intent ? actionData : undefined);
  return (
    <div className="container my-5">
      <nav aria-label="Percorso" className="mb-3">
        <Link to={`/organizzazioni/${organisation.id}`}>Torna a {organisation.name}</Link>
      </nav>
      <PageHeader
        title={`Contatti di ${organisation.name}`}
        lead="Le persone da raggiungere nell'organizzazione che non hanno un account. Telefono ed e-mail li vedono solo referenti e coordinamento."
      />
      {done && !actionData ? <Notice>{done}</Notice> : null}
      {actionData?.values.intent === "remove" ? <FormAlert reply={actionData} /> : null}

      <section aria-labelledby="elenco-titolo" className="mb-5">
        <h2 id="elenco-titolo" className="h4">
          Contatti registrati
        </h2>
        {contacts.length === 0 ? (
          <p className="empty-state">Nessun contatto. Quelli che aggiungi con il modulo qui sotto compaiono qui e nella pagina dell'organizzazione.</p>
        ) : (
          <ScrollableTable>
            <table className="table">
              <caption className="visually-hidden">Contatti dell'organizzazione</caption>
              <thead>
                <tr>
                  <th scope="col">Nome</th>
                  <th scope="col">Ruolo</th>
                  <th scope="col">Telefono</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">
                    <span className="visually-hidden">Azioni</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {contacts.map((c) => (
                  <tr key={c.id}>
                    <td>{c.name}</td>
                    <td>{c.role}</td>
                    <td>{c.phone}</td>
                    <td>{c.email}</td>
                    <td className="text-end text-nowrap">
                      <Link to={`?modifica=${c.id}#modifica-titolo`} className="btn btn-outline-primary btn-xs me-2">
                        Modifica<span className="visually-hidden"> {c.name}</span>
                      </Link>
                      <Form method="post" className="d-inline">
                        <input type="hidden" name="contactId" value={c.id} />
                        <button type="submit" name="intent" value="remove" className="btn btn-outline-danger btn-xs">
                          Rimuovi<span className="visually-hidden"> {c.name}</span>
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

      <div className="row">
        <div className="col-lg-8">
          {editing ? (
            <section aria-labelledby="modifica-titolo">
              <h2 id="modifica-titolo" className="h4">
                Modifica {editing.name}
              </h2>
              <ContactForm key={editing.id} intent="edit" reply={replyFor("edit")} values={editing} submit="Salva il contatto">
                <input type="hidden" name="contactId" value={editing.id} />
                <Link to="." className="btn btn-outline-primary ms-3">
                  Annulla
                </Link>
              </ContactForm>
            </section>
          ) : (
            <section aria-labelledby="nuovo-titolo">
              <h2 id="nuovo-titolo" className="h4">
                Aggiungi un contatto
              </h2>
              <ContactForm intent="add" reply={replyFor("add")} submit="Aggiungi il contatto" />
            </section>
          )}
        </div>
      </div>
    </div>
  );
}

/** One form at a time is on the page (add, or edit the chosen contact), so field ids stay unique. */
function ContactForm({
  intent,
  reply,
  values,
  submit,
  children,
}: {
  intent: "add" | "edit";
  reply: FormReply | undefined;
  values?: { name: string; role: string; phone: string; email: string };
  submit: string;
  children?: ReactNode;
}) {
  return (
    <Form method="post" noValidate>
      <FormAlert reply={reply} />
      <input type="hidden" name="intent" value={intent} />
      <TextField name="name" label="Nome e cognome" reply={reply} defaultValue={values?.name} autoComplete="off" />
      <TextField name="role" label="Ruolo nell'organizzazione" reply={reply} defaultValue={values?.role} required={false} autoComplete="off" />
      <TextField name="phone" label="Telefono" type="tel" reply={reply} defaultValue={values?.phone} required={false} autoComplete="off" />
      <TextField name="email" label="E-mail" type="email" reply={reply} defaultValue={values?.email} required={false} autoComplete="off" />
      <button type="submit" className="btn btn-primary">
        {submit}
      </button>
      {children}
    </Form>
  );
}
