import { Link } from "react-router";
import type { Route } from "./+types/profile.personal-data";
import { requireUser } from "~/auth/permissions.server";
import { PageHeader, pageTitle } from "~/components/page";

export const meta: Route.MetaFunction = () => pageTitle("I tuoi dati personali");

export function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  return { name: user.name, email: user.email };
}

/** What the file holds, in the order of its sections (app/domain/personal-data.server.ts). */
const CONTENTS = [
  ["Account", "nome, e-mail, ruolo, organizzazione, data di creazione e stato; se sei delegato o sostituto della tua organizzazione"],
  ["Accessi", "le sessioni aperte (inizio e scadenza), le richieste di nuova password e i tentativi di accesso con la tua e-mail"],
  ["Inviti", "gli inviti che hai ricevuto e, senza gli indirizzi delle persone, quelli che hai inviato"],
  ["Gruppi di lavoro", "i gruppi di cui fai parte e quelli che faciliti"],
  ["Riunioni e verbali", "le convocazioni con le tue risposte e presenze, le tue osservazioni ai verbali, i verbali che hai scritto o pubblicato"],
  ["Decisioni", "le azioni assegnate a te, le decisioni che hai registrato e i loro aggiornamenti"],
  ["Rendicontazioni", "quelle che hai compilato, inviato o esaminato e le note di sintesi (solo i riferimenti, non i dati dell'organizzazione)"],
  ["Comunicazioni", "quelle che hai scritto, ricevuto e letto, le tue preferenze di notifica e il riepilogo settimanale"],
  ["Documenti e servizi", "i file che hai caricato (nome, tipo, dimensione), i documenti dell'archivio e i dati mensili dei servizi che hai inserito"],
  ["Storico e posta", "le modifiche che hai fatto, come le registra lo storico, e le e-mail che Tavolo ti ha inviato (oggetto, data, stato)"],
] as const;

export default function PersonalData({ loaderData }: Route.ComponentProps) {
  return (
    <div className="container my-5">
      <PageHeader
        title="I tuoi dati personali"
        lead="Scarica in un file tutto ciò che Tavolo conserva su di te: puoi leggerlo, conservarlo o portarlo altrove."
      />
      <div className="row g-5">
        <section className="col-lg-7" aria-labelledby="contenuto-titolo">
          <h2 id="contenuto-titolo" className="h4">
            Che cosa contiene il file
          </h2>
          <p>
            Il file è in formato JSON, leggibile con un editor di testo o importabile in altri programmi. Riguarda{" "}
            <strong>{loaderData.name}</strong> ({loaderData.email}) e contiene:
          </p>
          <dl>
            {CONTENTS.map(([title, text]) => (
              <div key={title} className="mb-2">
                <dt>{title}</dt>
                <dd className="mb-0">{text}.</dd>
              </div>
            ))}
          </dl>
          <p>
            Degli atti comuni (verbali, decisioni, rendicontazioni) il file riporta i riferimenti: codice, titolo e data. I
            nomi e gli indirizzi di altre persone non sono mai inclusi: dove comparirebbero, leggi «[altra persona]». Le
            password e i codici di accesso non sono nel file.
          </p>
          <a href="/profilo/dati-personali.json" className="btn btn-primary" download>
            Scarica i tuoi dati (JSON)
          </a>
        </section>
        <section className="col-lg-5" aria-labelledby="diritti-titolo">
          <h2 id="diritti-titolo" className="h4">
            I tuoi diritti
          </h2>
          <p>
            Puoi chiedere al coordinamento del tavolo di correggere i tuoi dati o, se lasci il tavolo, di rimuoverti: il
            tuo account viene chiuso e il tuo nome nei verbali e negli atti diventa «ex referente» della tua
            organizzazione.
          </p>
          <p>
            Perché e per quanto tempo Tavolo conserva i dati è spiegato nell'<Link to="/privacy">informativa sul trattamento dei dati personali</Link>.
          </p>
        </section>
      </div>
    </div>
  );
}
