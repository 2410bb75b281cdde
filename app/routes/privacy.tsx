import { Link } from "react-router";
import type { Route } from "./+types/privacy";
import { can, getOptionalUser } from "~/auth/permissions.server";
import { pageTitle } from "~/components/page";
import { getPrivacyNotice } from "~/domain/personal-data.server";

// The information notice (art. 13 GDPR), open to anyone: the coordinators' text, or the built-in
// one, and the table of what Tavolo keeps, generated from app/domain/personal-data.ts.

export const meta: Route.MetaFunction = () => pageTitle("Informativa sul trattamento dei dati personali");

export async function loader(args: Route.LoaderArgs) {
  const user = getOptionalUser(args);
  return { ...(await getPrivacyNotice()), canEdit: user ? can(user, "manage", { kind: "settings" }) : false };
}

function BuiltInNotice({ controller, tavoloName }: { controller: string; tavoloName: string }) {
  return (
    <>
      <h2 className="h4">Titolare del trattamento</h2>
      <p>
        Il titolare del trattamento dei dati personali raccolti da Tavolo è <strong>{controller}</strong>, che coordina il{" "}
        {tavoloName}. Il Responsabile della protezione dei dati (RPD) del titolare è indicato sul suo sito istituzionale.
      </p>
      <h2 className="h4">Perché trattiamo i dati</h2>
      <p>
        Tavolo è lo spazio di lavoro comune del tavolo: serve a tenere l'anagrafica delle organizzazioni partner, convocare
        le riunioni e redigerne i verbali, seguire le decisioni, i gruppi di lavoro, i progetti e le loro rendicontazioni, e
        inviare le comunicazioni del coordinamento. I dati delle persone che vi partecipano sono trattati solo per questi
        scopi, nell'esecuzione di un compito di interesse pubblico del titolare.
      </p>
      <h2 className="h4">Chi vede i dati</h2>
      <p>
        I dati sono visibili alle persone del tavolo secondo il loro ruolo: telefoni e indirizzi e-mail delle persone solo ai
        coordinatori e ai referenti delle organizzazioni. Non sono diffusi, salvo i verbali e le informazioni che il
        coordinamento sceglie di pubblicare, da cui sono tolti i nomi dei privati. Sui beneficiari degli interventi Tavolo
        raccoglie solo numeri aggregati, mai dati personali.
      </p>
      <h2 className="h4">I tuoi diritti</h2>
      <p>
        Puoi chiedere l'accesso ai tuoi dati, la loro rettifica, la cancellazione, la limitazione del trattamento o opporti ad
        esso (artt. 15-22 GDPR), scrivendo al coordinamento del tavolo. Chi ha un account può scaricare in ogni momento tutti i
        propri dati dalla pagina <Link to="/profilo/dati-personali">I tuoi dati personali</Link>. Quando una persona lascia il
        tavolo, il coordinamento può rimuoverla: l'account viene chiuso, i dati personali cancellati e il nome negli atti
        sostituito da «ex referente di» seguito dall'organizzazione. Puoi inoltre presentare reclamo al Garante per la
        protezione dei dati personali (www.garanteprivacy.it).
      </p>
    </>
  );
}

export default function Privacy({ loaderData }: Route.ComponentProps) {
  const { customHtml, controller, tavoloName, categories, canEdit } = loaderData;
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-10">
          <h1>Informativa sul trattamento dei dati personali</h1>
          <p className="lead">
            Quali dati personali conserva Tavolo, perché e per quanto tempo (art. 13 del Regolamento UE 2016/679, GDPR).
          </p>
          {canEdit ? (
            <p>
              <Link to="/impostazioni/privacy">Modifica il testo dell'informativa</Link>
            </p>
          ) : null}
          {customHtml.trim() ? (
            <div className="verbale-text mb-4" dangerouslySetInnerHTML={{ __html: customHtml }} />
          ) : (
            <BuiltInNotice controller={controller} tavoloName={tavoloName} />
          )}
          <section aria-labelledby="dati-conservati-titolo" className="mt-5">
            <h2 id="dati-conservati-titolo" className="h4">
              Quali dati conserva Tavolo
            </h2>
            <p>
              Questa tabella è generata dall'applicazione stessa, dall'elenco dei dati che conserva: resta vera quando
              l'applicazione cambia.
            </p>
            <div className="table-responsive">
              <table className="table">
                <caption className="visually-hidden">Dati personali conservati da Tavolo, finalità, base giuridica e durata</caption>
                <thead>
                  <tr>
                    <th scope="col">Dati</th>
                    <th scope="col">Che cosa</th>
                    <th scope="col">Perché</th>
                    <th scope="col">Base giuridica</th>
                    <th scope="col">Per quanto tempo</th>
                  </tr>
                </thead>
                <tbody>
                  {categories.map((row) => (
                    <tr key={row.category}>
                      <th scope="row">{row.category}</th>
                      <td>{row.data}</td>
                      <td>{row.purpose}</td>
                      <td>{row.legalBasis}</td>
                      <td>{row.retention}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </div>
      </div>
    </div>
  );
}
