import type { Route } from "./+types/accessibility";
import { pageTitle } from "~/components/page";

export const meta: Route.MetaFunction = () => pageTitle("Dichiarazione di accessibilità");

export default function Accessibility() {
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-8">
          <h1>Dichiarazione di accessibilità</h1>
          <p className="lead">
            Tavolo è realizzato per essere conforme ai requisiti delle Linee guida AgID sull'accessibilità degli strumenti
            informatici, che rimandano alle WCAG 2.1 livello AA (norma UNI EN 301549).
          </p>
          <h2 className="h4">Come lo verifichiamo</h2>
          <p>
            Ogni pagina attraversata dai test automatici viene controllata con axe-core sulle regole WCAG 2.1 A e AA; una
            pagina con anche una sola violazione blocca il rilascio. Usiamo la libreria Bootstrap Italia, pensata per i
            servizi della pubblica amministrazione.
          </p>
          <h2 className="h4">Segnalazioni</h2>
          <p>
            Se trovi un contenuto non accessibile, scrivi al coordinamento del tavolo presso l'ufficio servizi sociali del
            Comune: risponderemo entro 30 giorni. In caso di risposta insoddisfacente puoi rivolgerti ad AgID tramite il
            meccanismo di attuazione previsto dalla legge 4/2004.
          </p>
        </div>
      </div>
    </div>
  );
}
