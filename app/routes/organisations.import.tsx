import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/organisations.import";
import { requirePermission } from "~/auth/permissions.server";
import { FileField, FormAlert, Notice } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import {
  confirmImport,
  IMPORT_LIMIT_LABEL,
  IMPORT_MAX_ROWS,
  previewImport,
  readCsvUpload,
  readImportForm,
  type ImportOutcome,
  type ImportPlan,
} from "~/domain/organisation-import.server";
import { LEGAL_FORMS, MEMBERSHIP_SHORT_LABELS } from "~/domain/organisations";
import { UserFacingError } from "~/utils/errors";
import { formReply, parseFields } from "~/utils/forms.server";
import { ScrollableTable } from "~/components/lists";

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("preview") }),
  z.object({
    intent: z.literal("confirm"),
    content: z.string().min(1, "Il contenuto del file non è arrivato: caricalo di nuovo."),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/, "Il contenuto del file non è arrivato: caricalo di nuovo."),
  }),
]);

export const meta: Route.MetaFunction = () => pageTitle("Importa organizzazioni da CSV");

export function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "registry" });
  return { limits: `Al massimo ${IMPORT_LIMIT_LABEL} e ${IMPORT_MAX_ROWS.toLocaleString("it-IT")} righe.` };
}

/** What the page shows of a plan: the rows without what will be written, and the text to send back. */
const previewOf = (plan: ImportPlan, content: string, changedSincePreview = false) => ({
  preview: {
    rows: plan.rows.map(({ write: _write, ...row }) => row),
    counts: plan.counts,
    fingerprint: plan.fingerprint,
    content,
    changedSincePreview,
  },
});

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "registry" });
  try {
    const formData = await readImportForm(args.request);
    const fields = parseFields(formData, schema);
    if (!fields.ok) return formReply({ formError: Object.values(fields.errors.fieldErrors)[0] ?? fields.errors.formError }, new FormData(), 400);
    const command = fields.data;
    if (command.intent === "preview") {
      const content = await readCsvUpload(formData.get("file"));
      return previewOf(await previewImport(content), content);
    }
    const result = await confirmImport(command.content, command.fingerprint, me);
    if (!result.written) return previewOf(result.plan, command.content, true);
    return redirect(`/organizzazioni?importate=${result.created}&aggiornate=${result.updated}`);
  } catch (error) {
    // The form is not echoed back: it holds the whole file.
    if (error instanceof UserFacingError) {
      return formReply(error.field ? { fieldErrors: { [error.field]: error.message } } : { formError: error.message }, new FormData(), error.status);
    }
    throw error;
  }
}

const OUTCOMES: Record<ImportOutcome, { label: string; badge: string; counted: (n: number) => string }> = {
  new: { label: "Nuova", badge: "bg-success", counted: (n) => (n === 1 ? "1 nuova organizzazione" : `${n} nuove organizzazioni`) },
  update: { label: "Aggiornamento", badge: "bg-primary", counted: (n) => (n === 1 ? "1 aggiornamento" : `${n} aggiornamenti`) },
  unchanged: { label: "Invariata", badge: "bg-secondary", counted: (n) => (n === 1 ? "1 riga invariata" : `${n} righe invariate`) },
  error: { label: "Errore", badge: "bg-danger", counted: (n) => (n === 1 ? "1 riga con errori" : `${n} righe con errori`) },
};

export default function ImportOrganisations({ loaderData, actionData }: Route.ComponentProps) {
  const preview = actionData && "preview" in actionData ? actionData.preview : undefined;
  const reply = actionData && "errors" in actionData ? actionData : undefined;
  return (
    <div className="container my-5">
      <PageHeader
        title="Importa organizzazioni da CSV"
        lead="Prima vedi l'esito di ogni riga; nulla viene scritto finché non confermi, e allora tutte le righe valide sono scritte insieme."
      />
      {preview ? <ImportPreview preview={preview} /> : <UploadForm reply={reply} limits={loaderData.limits} />}
    </div>
  );
}

function UploadForm({ reply, limits }: { reply: Parameters<typeof FormAlert>[0]["reply"]; limits: string }) {
  return (
    <div className="row">
      <div className="col-lg-8">
        <FormAlert reply={reply} />
        <Form method="post" encType="multipart/form-data" noValidate className="mb-5">
          <FileField
            name="file"
            label="File CSV"
            accept=".csv,text/csv"
            reply={reply}
            hint={`${limits} Valori separati da punto e virgola o da virgola; va bene il CSV salvato da Excel.`}
          />
          <button type="submit" name="intent" value="preview" className="btn btn-primary me-3">
            Verifica il file
          </button>
          <Link to="/organizzazioni" className="btn btn-outline-primary">
            Annulla
          </Link>
        </Form>

        <section aria-labelledby="colonne-titolo">
          <h2 id="colonne-titolo" className="h4">
            Come preparare il file
          </h2>
          <p>
            La prima riga contiene i nomi delle colonne. Parti dal modello, oppure da un'esportazione CSV dell'anagrafica: le colonne sono le stesse,
            quindi puoi correggere un'esportazione e importarla di nuovo.
          </p>
          <p>
            <a href="/organizzazioni/esporta/modello" className="btn btn-outline-primary" download>
              Scarica il modello CSV
            </a>
          </p>
          <p>
            Un'organizzazione già in anagrafica si riconosce dal codice fiscale (o dal nome, se in anagrafica non ha ancora il codice fiscale): la
            sua riga diventa un aggiornamento. Le colonne assenti dal file restano come sono; una cella vuota svuota il dato.
          </p>
          <ScrollableTable>
            <table className="table">
              <caption className="visually-hidden">Colonne del file CSV e cosa scrivere in ciascuna</caption>
              <thead>
                <tr>
                  <th scope="col">Colonna</th>
                  <th scope="col">Cosa scrivere</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">Nome</th>
                  <td>Obbligatorio. Il nome completo dell'organizzazione.</td>
                </tr>
                <tr>
                  <th scope="row">Forma giuridica</th>
                  <td>Obbligatoria. Una di: {Object.values(LEGAL_FORMS).join("; ")}.</td>
                </tr>
                <tr>
                  <th scope="row">Codice fiscale</th>
                  <td>Obbligatorio. 11 cifre per gli enti, 16 caratteri per le persone fisiche; formatta la colonna come testo per non perdere lo zero iniziale.</td>
                </tr>
                <tr>
                  <th scope="row">Numero RUNTS, Sezione RUNTS</th>
                  <td>Per gli enti del Terzo settore: il numero di iscrizione e la sezione (la lettera, da A a G, o il nome della sezione).</td>
                </tr>
                <tr>
                  <th scope="row">Stato</th>
                  <td>
                    {Object.values(MEMBERSHIP_SHORT_LABELS).join(", ")}. Obbligatorio per le nuove organizzazioni; per quelle già in anagrafica, uno stato
                    diverso da quello attuale aggiunge un cambio di stato datato alla loro storia.
                  </td>
                </tr>
                <tr>
                  <th scope="row">Stato dal</th>
                  <td>La data da cui vale lo stato, come gg/mm/aaaa (per i partner, la data di firma del Protocollo d'Intesa).</td>
                </tr>
                <tr>
                  <th scope="row">Sigla, Partita IVA, Indirizzo, Telefono, E-mail, PEC, Sito web, Descrizione</th>
                  <td>Facoltativi. Telefono, e-mail e PEC sono quelli istituzionali dell'organizzazione, non delle persone.</td>
                </tr>
              </tbody>
            </table>
          </ScrollableTable>
        </section>
      </div>
    </div>
  );
}

type Preview = Extract<NonNullable<Route.ComponentProps["actionData"]>, { preview: unknown }>["preview"];

function ImportPreview({ preview }: { preview: Preview }) {
  const { rows, counts } = preview;
  const writable = counts.new + counts.update;
  return (
    <>
      {preview.changedSincePreview ? (
        <Notice tone="warning">
          L'anagrafica è cambiata dopo l'anteprima precedente e l'esito di alcune righe è diverso: non è stato scritto nulla. Controlla di nuovo
          le righe qui sotto prima di confermare.
        </Notice>
      ) : null}
      <section aria-labelledby="riepilogo-titolo" className="mb-4">
        <h2 id="riepilogo-titolo" className="h4">
          Riepilogo
        </h2>
        <ul className="list-unstyled d-flex flex-wrap gap-3 mb-3">
          {(Object.keys(OUTCOMES) as ImportOutcome[]).map((outcome) => (
            <li key={outcome}>
              <span className={`badge ${OUTCOMES[outcome].badge} fs-6`}>{OUTCOMES[outcome].counted(counts[outcome])}</span>
            </li>
          ))}
        </ul>
        {writable === 0 ? (
          <Notice tone="warning">Nessuna riga da scrivere: correggi il file e caricalo di nuovo.</Notice>
        ) : (
          <p>
            Confermando, {writable === 1 ? "sarà scritta 1 riga" : `saranno scritte ${writable} righe`} in un'unica operazione
            {counts.error > 0 ? "; le righe con errori saranno saltate" : ""}.
          </p>
        )}
        <Form method="post" encType="multipart/form-data" className="d-flex flex-wrap gap-3">
          <input type="hidden" name="content" value={preview.content} />
          <input type="hidden" name="fingerprint" value={preview.fingerprint} />
          {writable > 0 ? (
            <button type="submit" name="intent" value="confirm" className="btn btn-primary">
              Conferma l'importazione
            </button>
          ) : null}
          <Link to="/organizzazioni/importa" reloadDocument className="btn btn-outline-primary">
            Carica un altro file
          </Link>
          <Link to="/organizzazioni" className="btn btn-outline-primary">
            Annulla
          </Link>
        </Form>
      </section>

      <section aria-labelledby="righe-titolo">
        <h2 id="righe-titolo" className="h4">
          Esito riga per riga
        </h2>
        <ScrollableTable>
          <table className="table">
            <caption className="visually-hidden">Esito della verifica di ogni riga del file, con il numero di riga come nel foglio di calcolo</caption>
            <thead>
              <tr>
                <th scope="col">Riga</th>
                <th scope="col">Organizzazione</th>
                <th scope="col">Esito</th>
                <th scope="col">Dettagli</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.line}>
                  <td>{row.line}</td>
                  <td>{row.name || <span className="fst-italic">senza nome</span>}</td>
                  <td>
                    <span className={`badge ${OUTCOMES[row.outcome].badge}`}>{OUTCOMES[row.outcome].label}</span>
                  </td>
                  <td>
                    <RowDetails row={row} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      </section>
    </>
  );
}

function RowDetails({ row }: { row: Preview["rows"][number] }) {
  if (row.outcome === "error") {
    return (
      <ul className="mb-0 ps-3">
        {row.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    );
  }
  if (row.outcome === "new") return <>{row.note}</>;
  if (row.outcome === "unchanged") return <>Nessun dato cambia.</>;
  return (
    <ul className="mb-0 ps-3">
      {row.changes.map((change) => (
        <li key={change.field}>
          {change.field}: {change.before ? `«${change.before}»` : "(vuoto)"} → {change.after ? `«${change.after}»` : "(vuoto)"}
        </li>
      ))}
    </ul>
  );
}
