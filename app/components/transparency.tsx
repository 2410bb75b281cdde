import { Suspense, useState, type ComponentType, type ReactNode } from "react";
import { Form, Link } from "react-router";
import { FieldError, Notice } from "~/components/forms";
import type { RichTextEditorProps } from "~/components/rich-text-editor";
import { formatDay, parseDay } from "~/utils/dates";
import { useHydrated } from "~/utils/use-hydrated";

// Pieces shared by the public transparency pages and the coordinators' transparency tools.

/**
 * A rich-text field of a normal form: the editor (fetched on demand) writes into a hidden input;
 * before the script runs, or without it, a text area of HTML. The server sanitises both alike.
 */
export function RichTextField({
  name,
  label,
  labelId,
  initialHtml,
  error,
  hint,
  Editor,
  headingLevel = 3,
}: {
  name: string;
  label: string;
  labelId: string;
  initialHtml: string;
  error?: string | undefined;
  hint?: ReactNode;
  Editor: ComponentType<RichTextEditorProps>;
  headingLevel?: 2 | 3 | 4;
}) {
  const hydrated = useHydrated();
  const [html, setHtml] = useState(initialHtml);
  const fieldId = `campo-${name.replace(/\W/g, "-")}`;
  const Heading = `h${headingLevel}` as const;
  return (
    <section aria-labelledby={labelId} className="mb-4">
      <Heading id={labelId} className="h6 fw-semibold">
        {hydrated ? label : <label htmlFor={fieldId}>{label} (HTML)</label>}
      </Heading>
      {hint ? <p className="small text-secondary mb-2">{hint}</p> : null}
      {hydrated ? (
        <>
          <input type="hidden" name={name} value={html} />
          <Suspense fallback={<p className="text-secondary small">Caricamento dell'editor…</p>}>
            <Editor labelledBy={labelId} initialHtml={initialHtml} onChange={setHtml} />
          </Suspense>
        </>
      ) : (
        <textarea
          id={fieldId}
          name={name}
          className="form-control font-monospace"
          rows={8}
          defaultValue={initialHtml}
          aria-describedby={error ? `${fieldId}-errore` : undefined}
        />
      )}
      <FieldError id={fieldId} error={error} />
    </section>
  );
}

/** Stored HTML, sanitised on the server before it was stored: nothing else is set as HTML. */
export function StoredHtml({ html }: { html: string }) {
  return <div className="verbale-text" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** The way back to the index of the public pages. */
export function PublicBreadcrumb({ current, parent }: { current: string; parent?: { to: string; label: string } }) {
  return (
    <nav aria-label="Percorso" className="mb-3">
      <ol className="breadcrumb p-0">
        <li className="breadcrumb-item">
          <Link to="/pubblico">Trasparenza</Link>
        </li>
        {parent ? (
          <li className="breadcrumb-item">
            <Link to={parent.to}>{parent.label}</Link>
          </li>
        ) : null}
        <li className="breadcrumb-item active" aria-current="page">
          {current}
        </li>
      </ol>
    </nav>
  );
}

/** The amounts of a public project, in the order the pages and the open data show them. */
export const AMOUNTS = [
  { key: "programmedCents", label: "Programmato" },
  { key: "admittedCents", label: "Ammesso" },
  { key: "committedCents", label: "Impegnato" },
  { key: "disbursedCents", label: "Erogato" },
  { key: "liquidatedCents", label: "Liquidato" },
] as const;

/** "2026-03-31" (as the open data writes days) → "31 marzo 2026". */
export const publicDay = (iso: string) => {
  const parsed = parseDay(iso);
  return parsed ? formatDay(parsed) : iso;
};

export interface PublicVersionData {
  verbaleId: string;
  sections: { key: string; title: string; html: string }[] | null;
  publicAt: string | null;
  namesStillIn: string[];
}

/** A short fingerprint of the text, so the editors start again when the text is prepared anew. */
function fingerprint(text: string) {
  let hash = 5381;
  for (let i = 0; i < text.length; i++) hash = (hash * 33 + text.charCodeAt(i)) | 0;
  return (hash >>> 0).toString(36);
}

/**
 * On a published verbale's page, for coordinators: prepare the public version (people's names
 * replaced), review it in the editor, publish it on the public pages or withdraw it.
 */
export function PublicVersionPanel({ meetingId, panel, Editor }: { meetingId: string; panel: PublicVersionData; Editor: ComponentType<RichTextEditorProps> }) {
  const action = `/riunioni/${meetingId}/verbale`;
  const { sections } = panel;
  return (
    <section id="versione-pubblica" aria-labelledby="versione-pubblica-titolo" className="border rounded p-3 mb-5">
      <h2 id="versione-pubblica-titolo" className="h4">
        Versione pubblica
      </h2>
      <p>
        La versione pubblica si legge senza accesso nelle pagine della trasparenza. Si prepara dal testo pubblicato: i nomi delle
        persone (utenti e contatti) diventano «[omissis]», quelli delle organizzazioni restano. Rileggila prima di pubblicarla: un
        nome scritto in altro modo (solo il cognome, un soprannome) va tolto a mano.
      </p>
      <p className="fw-semibold" role="status">
        {panel.publicAt ? (
          <>
            Sulle pagine pubbliche dal {panel.publicAt}. <Link to={`/pubblico/verbali/${panel.verbaleId}`}>Vedi la pagina pubblica</Link>
          </>
        ) : sections ? (
          "Preparata, non ancora sulle pagine pubbliche."
        ) : (
          "Nessuna versione pubblica."
        )}
      </p>
      {sections === null ? (
        <Form method="post" action={action}>
          <button type="submit" name="intent" value="preparePublic" className="btn btn-primary">
            Prepara la versione pubblica
          </button>
        </Form>
      ) : (
        <>
          {panel.namesStillIn.length > 0 ? (
            <Notice tone="warning">
              Nel testo compaiono ancora nomi o recapiti di persone: {panel.namesStillIn.join(", ")}. Toglili prima di pubblicare, a meno che non
              debbano restare.
            </Notice>
          ) : null}
          <Form method="post" action={action} key={fingerprint(JSON.stringify(sections))}>
            <details open={!panel.publicAt} className="mb-3">
              <summary className="fw-semibold mb-3">{panel.publicAt ? "Rileggi o modifica il testo pubblico" : "Rileggi il testo pubblico"}</summary>
              {sections.map((section, index) => (
                <RichTextField
                  key={section.key}
                  name={`public.${section.key}`}
                  label={section.title}
                  labelId={`pubblica-sezione-${index}`}
                  initialHtml={section.html}
                  Editor={Editor}
                />
              ))}
            </details>
            <div className="d-flex flex-wrap gap-2">
              {panel.publicAt ? (
                <button type="submit" name="intent" value="savePublic" className="btn btn-primary">
                  Salva le modifiche alla pagina pubblica
                </button>
              ) : (
                <>
                  <button type="submit" name="intent" value="publishPublic" className="btn btn-primary">
                    Salva e pubblica sulle pagine pubbliche
                  </button>
                  <button type="submit" name="intent" value="savePublic" className="btn btn-outline-primary">
                    Salva senza pubblicare
                  </button>
                </>
              )}
            </div>
          </Form>
          <Form method="post" action={action} className="d-flex flex-wrap gap-2 mt-3">
            {panel.publicAt ? (
              <button type="submit" name="intent" value="withdrawPublic" className="btn btn-outline-danger">
                Ritira dalle pagine pubbliche
              </button>
            ) : null}
            <button type="submit" name="intent" value="preparePublic" className="btn btn-outline-secondary" aria-describedby="prepara-di-nuovo-aiuto">
              Prepara di nuovo dal testo pubblicato
            </button>
            <p id="prepara-di-nuovo-aiuto" className="small text-secondary w-100 mb-0">
              Riparte dal testo pubblicato del verbale: le modifiche fatte qui si perdono e la versione pubblica esce dalle pagine
              pubbliche finché non la pubblichi di nuovo.
            </p>
          </Form>
        </>
      )}
    </section>
  );
}
