import type { Route } from "./+types/public.data";
import { ScrollableTable } from "~/components/lists";
import { PageHeader, pageTitle } from "~/components/page";
import { PublicBreadcrumb } from "~/components/transparency";
import { openDataCatalogue } from "~/domain/transparency.server";

// The open data's documentation: what each dataset holds, its columns, its stable addresses and
// its licence (a CSV cannot carry the licence inside its table; see decision 029).

export const meta: Route.MetaFunction = () => pageTitle("Dati aperti");

export async function loader() {
  return openDataCatalogue();
}

export default function PublicData({ loaderData }: Route.ComponentProps) {
  const { licence, licenceUrl, publisher, projects, datasets } = loaderData;
  return (
    <div className="container my-5">
      <PublicBreadcrumb current="Dati aperti" />
      <div className="row">
        <div className="col-lg-10">
          <PageHeader
            title="Dati aperti"
            lead={`I dati dei progetti che il coordinamento ha reso pubblici (oggi ${projects === 1 ? "1 progetto" : `${projects} progetti`}), in CSV e in JSON, da riutilizzare liberamente citando la fonte.`}
          />
          <section aria-labelledby="licenza" className="mb-5">
            <h2 id="licenza" className="h4">
              Licenza e fonte
            </h2>
            <p>
              Licenza:{" "}
              {licenceUrl ? (
                <a href={licenceUrl} rel="license noopener noreferrer">
                  {licence}
                </a>
              ) : (
                <strong>{licence}</strong>
              )}
              . Editore: {publisher}.
            </p>
            <p>
              Gli indirizzi dei file sono stabili: restano gli stessi a ogni aggiornamento. I dati si calcolano al momento della richiesta:
              il liquidato e i valori raggiunti contano solo le rendicontazioni approvate dal coordinamento.
            </p>
            <p>
              I file CSV sono in UTF-8 (con BOM), con il punto e virgola come separatore e la virgola per i decimali, perché si aprano
              correttamente in un foglio di calcolo italiano; le date sono nel formato AAAA-MM-GG. Ogni CSV porta la licenza
              nell'intestazione HTTP <code>Link</code> (<code>rel="license"</code>). I file JSON contengono, oltre alle righe
              (<code>dati</code>), i <code>metadati</code>: titolo, descrizione, editore, licenza, data di aggiornamento, indirizzo
              e colonne; gli importi sono numeri in euro.
            </p>
          </section>
          {datasets.map((dataset) => (
            <section key={dataset.name} aria-labelledby={`dataset-${dataset.name}`} className="mb-5">
              <h2 id={`dataset-${dataset.name}`} className="h4">
                {dataset.title}
              </h2>
              <p>{dataset.description}</p>
              <ul>
                {dataset.files.map((file) => (
                  <li key={file.format}>
                    <a href={file.path} download>
                      {dataset.title} in {file.format.toUpperCase()}
                    </a>{" "}
                    <span className="text-secondary small">({file.url})</span>
                  </li>
                ))}
              </ul>
              <ScrollableTable>
                <table className="table table-sm">
                  <caption>Colonne di «{dataset.title}»</caption>
                  <thead>
                    <tr>
                      <th scope="col">Colonna</th>
                      <th scope="col">Tipo</th>
                      <th scope="col">Contenuto</th>
                    </tr>
                  </thead>
                  <tbody>
                    {dataset.columns.map((column) => (
                      <tr key={column.name}>
                        <th scope="row" className="fw-normal">
                          <code>{column.name}</code>
                        </th>
                        <td>{column.type}</td>
                        <td>{column.description}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollableTable>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
