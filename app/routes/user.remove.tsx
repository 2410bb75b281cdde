import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/user.remove";
import { requirePermission, roleLabel } from "~/auth/permissions.server";
import { FormAlert, Notice, TextField } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import type { Role } from "~/context";
import { erasePerson, getRemovalPreview } from "~/domain/personal-data.server";
import { UserFacingError } from "~/utils/errors";
import { formReply, orUserError, parseForm } from "~/utils/forms.server";

const schema = z.object({
  confirmName: z.string({ error: "Scrivi il nome della persona per confermare." }).trim().min(1, "Scrivi il nome della persona per confermare."),
});

const sameName = (a: string, b: string) => a.trim().replace(/\s+/g, " ").toLocaleLowerCase("it") === b.trim().replace(/\s+/g, " ").toLocaleLowerCase("it");

const counted = (n: number, one: string, many: string) => (n === 0 ? `nessun${one.startsWith("r") || one.startsWith("o") ? "a" : ""} ${one}` : n === 1 ? `1 ${one}` : `${n} ${many}`);

export const meta: Route.MetaFunction = () => pageTitle("Rimuovi la persona e i suoi dati");

async function preview(args: Route.LoaderArgs | Route.ActionArgs, me: { id: string; name: string }) {
  try {
    return await getRemovalPreview(args.params.id, me);
  } catch (error) {
    if (error instanceof UserFacingError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

export async function loader(args: Route.LoaderArgs) {
  const me = requirePermission(args, "manage", { kind: "users" });
  const found = await preview(args, me);
  return { ...found, roleLabel: roleLabel(found.person.role as Role) };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "users" });
  const form = await parseForm(args.request, schema);
  if (!form.ok) return form.reply;
  const found = await preview(args, me);
  if (!found.problem && !sameName(form.data.confirmName, found.person.name)) {
    return formReply({ fieldErrors: { confirmName: `Il nome non corrisponde: scrivi «${found.person.name}».` } }, form.formData, 400);
  }
  const result = await orUserError(form.formData, () => erasePerson(args.params.id, me));
  if (!result.ok) return result.reply;
  throw redirect(`/utenti?rimosso=${encodeURIComponent(result.value.anonymisedName)}`);
}

export default function RemovePerson({ loaderData, actionData }: Route.ComponentProps) {
  const { person, anonymisedName, counts, problem } = loaderData;
  const links = [
    counts.groups > 0 ? `Esce da ${counted(counts.groups, "gruppo di lavoro", "gruppi di lavoro")}` : null,
    counts.delegations > 0 ? "Non è più delegato o sostituto della sua organizzazione" : null,
    counts.futureMeetings > 0 ? `Viene tolta dalle convocazioni di ${counted(counts.futureMeetings, "riunione futura", "riunioni future")}` : null,
  ].filter(Boolean);
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-8">
          <PageHeader title="Rimuovi la persona e i suoi dati" lead={`${person.name} · ${loaderData.roleLabel} · ${person.organisationName}`} />
          {problem ? (
            <>
              <Notice tone="warning">{problem}</Notice>
              <Link to="/utenti" className="btn btn-outline-primary">
                Torna agli utenti
              </Link>
            </>
          ) : (
            <>
              <p>
                Usa questa funzione quando una persona lascia il tavolo e chiede, o ha diritto, che i suoi dati personali siano
                cancellati (art. 17 GDPR). L'operazione non si può annullare. Se vuoi solo impedirle l'accesso, disattiva
                l'account dalla pagina degli utenti.
              </p>
              <h2 className="h5">Che cosa succede</h2>
              <ul>
                <li>
                  L'account viene chiuso per sempre: <strong>{person.name}</strong> non potrà più accedere e viene disconnessa da
                  ogni dispositivo.
                </li>
                <li>
                  Il nome diventa <strong>«{anonymisedName}»</strong> dovunque Tavolo lo abbia registrato: verbali, osservazioni,
                  presenze, decisioni, rendicontazioni, comunicazioni, storico delle modifiche.
                </li>
                <li>L'indirizzo e-mail e la password vengono cancellati; le e-mail non ancora partite non partiranno.</li>
                <li>
                  Vengono cancellati preferenze di notifica, riepiloghi, inviti aperti, tentativi di accesso e, se c'è, il contatto
                  con la stessa e-mail nell'anagrafica.
                </li>
                {links.length > 0 ? <li>{`${links.join("; ")}.`}</li> : null}
                <li>
                  Restano, con il nome anonimizzato: la partecipazione a {counted(counts.pastMeetings, "riunione passata", "riunioni passate")} (presenze e
                  quorum non cambiano), il testo di {counted(counts.comments, "osservazione", "osservazioni")} ai verbali, le decisioni e le
                  rendicontazioni.
                </li>
              </ul>
              <FormAlert reply={actionData} />
              <Form method="post" noValidate>
                <TextField
                  name="confirmName"
                  label="Per confermare, scrivi il nome della persona"
                  reply={actionData}
                  hint={`Scrivi: ${person.name}`}
                  autoComplete="off"
                />
                <button type="submit" className="btn btn-danger me-3">
                  Rimuovi la persona e i suoi dati
                </button>
                <Link to="/utenti" className="btn btn-outline-primary">
                  Annulla
                </Link>
              </Form>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
