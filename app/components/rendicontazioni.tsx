import { Suspense, useCallback, useEffect, useRef, useState, type ComponentType, type ReactNode } from "react";
import { Form, useFetcher, useFetchers, useNavigation } from "react-router";
import { FileField, FormAlert, TextAreaField, TextField } from "~/components/forms";
import type { RichTextEditorProps } from "~/components/rich-text-editor";
import { VersionDiff } from "~/components/verbali";
import { euroInputValue, formatEuro, parseEuro, sumCents } from "~/domain/money";
import { EXPENSE_CATEGORIES } from "~/domain/projects";
import type { RendicontazionePage, SnapshotComparison } from "~/domain/rendicontazioni.server";
import type { FormReply } from "~/utils/forms.server";
import { ScrollableTable } from "~/components/lists";
import { useHydrated } from "~/utils/use-hydrated";

// The pieces of a rendicontazione's pages: the partner's form (autosave with the revision check,
// expense rows, the lazily loaded editor), the attachments, the read view, the coordinators'
// review and the comparison of two versions.

export const PERSONAL_DATA_NOTICE = "Solo numeri aggregati: non inserire nomi, codici fiscali o altri dati personali dei beneficiari.";
/** Field names the server parses (app/domain/rendicontazioni.server.ts, which a browser bundle cannot import). */
const valueField = (id: string) => `value.${id}`;
const noteField = (id: string) => `note.${id}`;
const fieldCommentField = (key: string) => `fieldComment.${key}`;

const AUTOSAVE_MS = 2000;
const EMPTY_ROWS = 2;
const ACCEPTED_ATTACHMENTS = ".pdf,.png,.jpg,.jpeg,.webp,.xlsx,.ods";


type Page = RendicontazionePage;
type Comments = Record<string, string>;

/** The reviewer's comments by field, while the partner corrects a returned rendicontazione. */
export function returnedComments(page: Page): Comments {
  if (page.status !== "RETURNED" || page.latestReview?.outcome !== "RETURNED") return {};
  return Object.fromEntries(page.latestReview.fieldComments.map((c) => [c.field, c.text]));
}

function ReviewerNote({ text, id }: { text: string | undefined; id?: string }) {
  if (!text) return null;
  return (
    <div id={id} className="border-start border-4 border-warning bg-warning-subtle p-2 mb-3 small" role="note">
      <strong>Commento del coordinamento:</strong> <span style={{ whiteSpace: "pre-line" }}>{text}</span>
    </div>
  );
}

/** A text input following the form pattern (label above, hint and error below, tied by id). */
function Input({
  id,
  name,
  label,
  defaultValue,
  error,
  hint,
  optional = false,
  inputMode,
  autoComplete = "off",
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string;
  error: string | undefined;
  hint?: ReactNode;
  optional?: boolean;
  inputMode?: "decimal" | "numeric" | "text";
  autoComplete?: string;
}) {
  const describedBy = [hint ? `${id}-aiuto` : null, error ? `${id}-errore` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="form-group mb-3">
      <label htmlFor={id} className="active">
        {label}
        {optional ? <span className="fw-normal"> (facoltativo)</span> : null}
      </label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode={inputMode}
        autoComplete={autoComplete}
        className={`form-control${error ? " is-invalid" : ""}`}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {hint ? (
        <small id={`${id}-aiuto`} className="form-text d-block">
          {hint}
        </small>
      ) : null}
      {error ? (
        <div id={`${id}-errore`} className="invalid-feedback d-block" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

interface ExpenseRow {
  key: number;
  category: string;
  description: string;
  amount: string;
  reference: string;
}

function initialRows(page: Page, reply: FormReply | undefined): ExpenseRow[] {
  if (reply?.lists.expenseDescription) {
    const l = reply.lists;
    return (l.expenseDescription ?? []).map((description, i) => ({
      key: i,
      category: l.expenseCategory?.[i] ?? "",
      description,
      amount: l.expenseAmount?.[i] ?? "",
      reference: l.expenseReference?.[i] ?? "",
    }));
  }
  const stored = page.expenses.map((e, i) => ({ key: i, category: e.category, description: e.description, amount: euroInputValue(e.amountCents), reference: e.reference }));
  const empty = Array.from({ length: EMPTY_ROWS }, (_, i) => ({ key: stored.length + i, category: "", description: "", amount: "", reference: "" }));
  return [...stored, ...empty];
}

/** The total of the amounts typed so far, or null if one of them is not an amount. */
function typedTotal(form: HTMLFormElement) {
  const amounts = new FormData(form).getAll("expenseAmount").map((v) => String(v).trim()).filter(Boolean);
  const cents = amounts.map(parseEuro);
  return cents.some((c) => c === null) ? null : sumCents(cents as number[]);
}

type AutosaveReply = { saved: { revision: number; at: string } } | { autosaveError: string; conflict: boolean } | FormReply;

/**
 * The partner's form. Every change is saved a couple of seconds later (autosave, naming the
 * revision the page holds; the answer brings the next one). Without the script it is a plain form:
 * "Salva bozza" and "Invia" post it, with two empty expense rows to fill.
 */
export function RendicontazioneForm({ page, reply, Editor }: { page: Page; reply: FormReply | undefined; Editor: ComponentType<RichTextEditorProps> }) {
  const hydrated = useHydrated();
  const navigation = useNavigation();
  const fetcher = useFetcher<AutosaveReply>();
  const action = `/rendicontazioni/${page.id}`;
  const formRef = useRef<HTMLFormElement>(null);
  const comments = returnedComments(page);
  const formReply = reply && ["save", "submit"].includes(reply.values.intent ?? "") ? reply : undefined;
  const error = (key: string) => formReply?.errors.fieldErrors[key];
  const value = (key: string, stored: string) => formReply?.values[key] ?? stored;

  const [revision, setRevision] = useState(page.revision);
  useEffect(() => setRevision(page.revision), [page.revision]);
  const [rows, setRows] = useState(() => initialRows(page, formReply));
  const nextKey = useRef(rows.length);
  const [total, setTotal] = useState<number | null>(page.totalCents);
  const [narrative, setNarrative] = useState(() => value("narrative", page.narrative));
  const [changes, setChanges] = useState(0);
  const [savedChanges, setSavedChanges] = useState(0);
  const submittedChanges = useRef(0);
  const [announcement, setAnnouncement] = useState(page.lastSaved ? `Ultimo salvataggio: ${page.lastSaved}` : "");
  const [conflict, setConflict] = useState<string | null>(null);
  const dirty = changes !== savedChanges;
  const busy = fetcher.state !== "idle" || navigation.state !== "idle";

  const changed = useCallback(() => {
    setChanges((n) => n + 1);
    if (formRef.current) setTotal(typedTotal(formRef.current));
  }, []);

  const autosave = useCallback(() => {
    if (!formRef.current) return;
    const form = new FormData(formRef.current);
    form.set("intent", "autosave");
    form.set("revision", String(revision));
    submittedChanges.current = changes;
    void fetcher.submit(form, { method: "post", action });
  }, [revision, changes, fetcher, action]);

  useEffect(() => {
    if (!dirty || conflict || busy) return;
    const timer = window.setTimeout(autosave, AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
  }, [dirty, changes, conflict, busy, autosave]);

  useEffect(() => {
    const answer = fetcher.data;
    if (!answer || fetcher.state !== "idle") return;
    if ("saved" in answer) {
      setRevision(answer.saved.revision);
      setSavedChanges(submittedChanges.current);
      setAnnouncement(`Bozza salvata alle ${answer.saved.at}`);
    } else if ("autosaveError" in answer) {
      if (answer.conflict) setConflict(answer.autosaveError);
      setAnnouncement(`Bozza non salvata: ${answer.autosaveError}`);
    } else {
      const first = Object.values(answer.errors.fieldErrors).find(Boolean);
      setAnnouncement(`Bozza non salvata: ${answer.errors.formError ?? first ?? "controlla i campi"}. Correggi e il salvataggio riprende.`);
      setSavedChanges(submittedChanges.current);
    }
  }, [fetcher.data, fetcher.state]);

  const addRow = () => {
    setRows((current) => [...current, { key: nextKey.current++, category: "", description: "", amount: "", reference: "" }]);
  };
  const removeRow = (key: number) => {
    setRows((current) => current.filter((row) => row.key !== key));
    window.setTimeout(changed, 0);
  };

  return (
    <>
      {conflict ? (
        <div className="alert alert-warning" role="alert">
          <p className="mb-2">{conflict}</p>
          <a href={action} className="btn btn-primary btn-sm">
            Ricarica la pagina
          </a>
        </div>
      ) : null}
      <Form method="post" action={action} id="modulo-rendicontazione" ref={formRef} onChange={changed} noValidate>
        <input type="hidden" name="revision" value={revision} />

        <section aria-labelledby="indicatori-titolo" className="mb-5">
          <h2 id="indicatori-titolo" className="h4">
            Indicatori
          </h2>
          <p className="text-secondary">Per ogni indicatore scrivi il valore del periodo: 0 se nel periodo non è cambiato. Per i decimali usa la virgola (12,5).</p>
          {page.indicators.length === 0 ? <p className="empty-state">Il progetto non ha indicatori da rendicontare.</p> : null}
          {page.indicators.map((indicator) => (
            <fieldset key={indicator.projectIndicatorId} className="border rounded p-3 mb-3">
              <legend className="float-none w-auto px-2 h6 fw-semibold mb-0">{indicator.name}</legend>
              <p className="small text-secondary mb-2">
                Unità: {indicator.unit} · Obiettivo del progetto: {indicator.target} entro il {indicator.targetOn}
                {indicator.actionLine ? ` · Linea d'azione ${indicator.actionLine}` : ""}
              </p>
              <ReviewerNote text={comments[`indicator:${indicator.projectIndicatorId}`]} />
              <Input
                id={`campo-${valueField(indicator.projectIndicatorId)}`}
                name={valueField(indicator.projectIndicatorId)}
                label={`Valore nel periodo (${indicator.unit})`}
                inputMode="decimal"
                defaultValue={value(valueField(indicator.projectIndicatorId), indicator.value)}
                error={error(valueField(indicator.projectIndicatorId))}
                hint={indicator.aggregation === "LATEST" ? "Il livello raggiunto alla fine del periodo." : "Quanto si è aggiunto in questo periodo (non il totale dall'inizio)."}
              />
              <Input
                id={`campo-${noteField(indicator.projectIndicatorId)}`}
                name={noteField(indicator.projectIndicatorId)}
                label="Nota sul valore"
                optional
                defaultValue={value(noteField(indicator.projectIndicatorId), indicator.note)}
                error={error(noteField(indicator.projectIndicatorId))}
              />
            </fieldset>
          ))}
        </section>

        <section aria-labelledby="spese-titolo" className="mb-5">
          <h2 id="spese-titolo" className="h4">
            Spese del periodo
          </h2>
          <ReviewerNote text={comments.expenses} />
          <p className="text-secondary">Una riga per spesa, con il documento che la giustifica. Le righe lasciate vuote non contano.</p>
          {rows.map((row, index) => (
            <fieldset key={row.key} className="border rounded p-3 mb-3">
              <legend className="float-none w-auto px-2 h6 fw-semibold mb-0">Spesa {index + 1}</legend>
              <div className="row">
                <div className="col-md-4">
                  <div className="select-wrapper form-group mb-3">
                    <label htmlFor={`campo-expenseCategory-${row.key}`} className="active">
                      Categoria
                    </label>
                    <select
                      id={`campo-expenseCategory-${row.key}`}
                      name="expenseCategory"
                      className={`form-select${error(`expenseCategory.${index}`) ? " is-invalid" : ""}`}
                      defaultValue={row.category}
                      aria-invalid={error(`expenseCategory.${index}`) ? true : undefined}
                      aria-describedby={error(`expenseCategory.${index}`) ? `campo-expenseCategory-${row.key}-errore` : undefined}
                    >
                      <option value="">Scegli la categoria</option>
                      {Object.entries(EXPENSE_CATEGORIES).map(([key, label]) => (
                        <option key={key} value={key}>
                          {label}
                        </option>
                      ))}
                    </select>
                    {error(`expenseCategory.${index}`) ? (
                      <div id={`campo-expenseCategory-${row.key}-errore`} className="invalid-feedback d-block" role="alert">
                        {error(`expenseCategory.${index}`)}
                      </div>
                    ) : null}
                  </div>
                </div>
                <div className="col-md-8">
                  <Input id={`campo-expenseDescription-${row.key}`} name="expenseDescription" label="Descrizione" defaultValue={row.description} error={error(`expenseDescription.${index}`)} />
                </div>
                <div className="col-md-4">
                  <Input
                    id={`campo-expenseAmount-${row.key}`}
                    name="expenseAmount"
                    label="Importo in euro"
                    inputMode="decimal"
                    defaultValue={row.amount}
                    error={error(`expenseAmount.${index}`)}
                    hint="Per esempio 1.250,00"
                  />
                </div>
                <div className="col-md-8">
                  <Input
                    id={`campo-expenseReference-${row.key}`}
                    name="expenseReference"
                    label="Documento di riferimento"
                    optional
                    defaultValue={row.reference}
                    error={error(`expenseReference.${index}`)}
                    hint="Per esempio «Fattura n. 12/2026 del 3 marzo 2026»"
                  />
                </div>
              </div>
              {hydrated ? (
                <button type="button" className="btn btn-outline-danger btn-sm" onClick={() => removeRow(row.key)}>
                  Togli la spesa {index + 1}
                </button>
              ) : null}
            </fieldset>
          ))}
          {hydrated ? (
            <button type="button" className="btn btn-outline-primary mb-3" onClick={addRow}>
              Aggiungi una spesa
            </button>
          ) : (
            <p className="small text-secondary">Servono più righe? Salva la bozza: ne compaiono altre due vuote.</p>
          )}
          <p className="fw-semibold" aria-live="polite">
            Totale delle spese: {total === null ? "controlla gli importi, uno non è valido" : formatEuro(total)}
          </p>
          <div className="form-check">
            <input id="campo-noExpenses" name="noExpenses" type="checkbox" value="1" defaultChecked={formReply ? formReply.values.noExpenses === "1" : false} aria-describedby={error("expenses") ? "campo-expenses-errore" : undefined} />
            <label htmlFor="campo-noExpenses">Nessuna spesa nel periodo</label>
          </div>
          {error("expenses") ? (
            <div id="campo-expenses-errore" className="invalid-feedback d-block" role="alert">
              {error("expenses")}
            </div>
          ) : null}
        </section>

        <section aria-labelledby="beneficiari-titolo" className="mb-5">
          <h2 id="beneficiari-titolo" className="h4">
            Beneficiari raggiunti
          </h2>
          <div className="alert alert-info" role="note">
            {PERSONAL_DATA_NOTICE}
          </div>
          <ReviewerNote text={comments.beneficiaries} />
          <div className="row">
            <div className="col-md-4">
              <Input id="campo-householdsReached" name="householdsReached" label="Nuclei familiari" inputMode="numeric" defaultValue={value("householdsReached", page.householdsReached?.toString() ?? "")} error={error("householdsReached")} />
            </div>
            <div className="col-md-4">
              <Input id="campo-peopleReached" name="peopleReached" label="Persone" inputMode="numeric" defaultValue={value("peopleReached", page.peopleReached?.toString() ?? "")} error={error("peopleReached")} />
            </div>
            <div className="col-md-4">
              <Input id="campo-minorsReached" name="minorsReached" label="Di cui minori" inputMode="numeric" defaultValue={value("minorsReached", page.minorsReached?.toString() ?? "")} error={error("minorsReached")} />
            </div>
          </div>
          <TextAreaField
            name="beneficiariesNote"
            label="Nota sui beneficiari"
            required={false}
            rows={3}
            reply={formReply}
            defaultValue={page.beneficiariesNote}
            hint="Per esempio come sono stati raggiunti o perché i numeri sono cambiati. Niente nomi né codici fiscali."
          />
        </section>

        <section aria-labelledby="relazione-titolo" className="mb-5">
          <h2 id="relazione-titolo" className="h4">
            Relazione sulle attività del periodo
          </h2>
          <ReviewerNote text={comments.narrative} />
          {hydrated ? (
            <>
              <input type="hidden" name="narrative" value={narrative} />
              <Suspense fallback={<p className="text-secondary small">Caricamento dell'editor…</p>}>
                <Editor
                  labelledBy="relazione-titolo"
                  initialHtml={narrative}
                  onChange={(html) => {
                    setNarrative(html);
                    changed();
                  }}
                />
              </Suspense>
            </>
          ) : (
            <>
              <label htmlFor="campo-narrative" className="visually-hidden">
                Relazione (testo HTML)
              </label>
              <textarea id="campo-narrative" name="narrative" className="form-control" rows={10} defaultValue={narrative} aria-describedby={error("narrative") ? "campo-narrative-errore" : undefined} />
            </>
          )}
          {error("narrative") ? (
            <div id="campo-narrative-errore" className="invalid-feedback d-block" role="alert">
              {error("narrative")}
            </div>
          ) : null}
        </section>
      </Form>
      <p role="status" aria-live="polite" className="fw-semibold mb-4">
        {hydrated ? (fetcher.state !== "idle" ? "Salvataggio in corso…" : announcement) : page.lastSaved ? `Ultimo salvataggio: ${page.lastSaved}` : ""}
      </p>
    </>
  );
}

/** "Salva bozza" and "Invia", placed after the attachments but belonging to the main form. */
export function FormActions({ reply }: { reply: FormReply | undefined }) {
  const navigation = useNavigation();
  const fetchers = useFetchers();
  // While an autosave is on its way the page does not yet hold the revision it will bring.
  const busy = navigation.state !== "idle" || fetchers.some((f) => f.state !== "idle");
  const formReply = reply && ["save", "submit"].includes(reply.values.intent ?? "") ? reply : undefined;
  return (
    <section aria-labelledby="invio-titolo" className="border rounded p-3 mb-5">
      <h2 id="invio-titolo" className="h4">
        Salva o invia
      </h2>
      <FormAlert reply={formReply} />
      <p>
        La bozza si salva da sola mentre scrivi. Quando è completa, inviala: dopo l'invio il coordinamento la esamina e non si modifica più, a
        meno che non venga restituita per correzioni.
      </p>
      <div className="d-flex flex-wrap gap-2">
        <button type="submit" form="modulo-rendicontazione" name="intent" value="save" className="btn btn-outline-primary" disabled={busy}>
          Salva bozza
        </button>
        <button type="submit" form="modulo-rendicontazione" name="intent" value="submit" className="btn btn-primary" disabled={busy}>
          Invia la rendicontazione
        </button>
      </div>
    </section>
  );
}

export function AttachmentList({ page, canEdit, reply, uploadLimit }: { page: Page; canEdit: boolean; reply: FormReply | undefined; uploadLimit: string }) {
  const uploadReply = reply?.values.intent === "upload" ? reply : undefined;
  const removeReply = reply?.values.intent === "removeAttachment" ? reply : undefined;
  const comments = returnedComments(page);
  const base = `/rendicontazioni/${page.id}/allegati`;
  return (
    <section aria-labelledby="allegati-titolo" className="mb-5">
      <h2 id="allegati-titolo" className="h4">
        Allegati
      </h2>
      {canEdit ? <ReviewerNote text={comments.attachments} /> : null}
      <FormAlert reply={removeReply} />
      {page.attachments.length === 0 ? (
        <p className="empty-state">Nessun allegato. {canEdit ? "Puoi allegare fatture, buste paga, fogli di calcolo e foto delle attività." : ""}</p>
      ) : (
        <ul className="list-group mb-3">
          {page.attachments.map((a) => (
            <li key={a.id} className="list-group-item d-flex flex-wrap align-items-center justify-content-between gap-2">
              <span>
                <a href={`${base}/${a.id}`}>{a.title}</a>{" "}
                <span className="text-secondary small">
                  ({a.originalName}, {a.size})
                </span>
              </span>
              <span className="d-flex gap-2">
                {a.previewable ? (
                  <a href={`${base}/${a.id}?anteprima`} className="btn btn-outline-primary btn-xs" target="_blank" rel="noreferrer">
                    Apri<span className="visually-hidden"> {a.title} in una nuova scheda</span>
                  </a>
                ) : null}
                {canEdit ? (
                  <Form method="post" action={`/rendicontazioni/${page.id}`} preventScrollReset>
                    <input type="hidden" name="attachmentId" value={a.id} />
                    <button type="submit" name="intent" value="removeAttachment" className="btn btn-outline-danger btn-xs">
                      Togli<span className="visually-hidden"> l'allegato {a.title}</span>
                    </button>
                  </Form>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <Form method="post" action={`/rendicontazioni/${page.id}`} encType="multipart/form-data" noValidate preventScrollReset key={page.attachments.length} className="border rounded p-3">
          <h3 className="h5">Aggiungi un allegato</h3>
          <FormAlert reply={uploadReply} />
          <input type="hidden" name="intent" value="upload" />
          <FileField
            name="file"
            label="File"
            reply={uploadReply}
            accept={ACCEPTED_ATTACHMENTS}
            hint={`PDF, immagine (PNG, JPEG, WebP) o foglio di calcolo (XLSX, ODS), al massimo ${uploadLimit}.`}
          />
          <TextField name="title" label="Titolo" required={false} reply={uploadReply} hint="Per esempio «Fattura n. 12/2026». Se lo lasci vuoto, vale il nome del file." />
          <button type="submit" className="btn btn-outline-primary">
            Carica l'allegato
          </button>
        </Form>
      ) : null}
    </section>
  );
}

const shownCount = (value: number | null) => (value === null ? "non indicato" : value.toLocaleString("it-IT"));

/** The rendicontazione as sent (or as it stands, for someone who only reads it). */
export function RendicontazioneView({ page }: { page: Page }) {
  return (
    <>
      <section aria-labelledby="indicatori-titolo" className="mb-5">
        <h2 id="indicatori-titolo" className="h4">
          Indicatori
        </h2>
        {page.indicators.length === 0 ? (
          <p className="empty-state">Il progetto non ha indicatori.</p>
        ) : (
          <ScrollableTable>
            <table className="table">
              <caption className="visually-hidden">Valori degli indicatori nel periodo</caption>
              <thead>
                <tr>
                  <th scope="col">Indicatore</th>
                  <th scope="col" className="text-end">
                    Valore
                  </th>
                  <th scope="col">Nota</th>
                </tr>
              </thead>
              <tbody>
                {page.indicators.map((i) => (
                  <tr key={i.projectIndicatorId}>
                    <th scope="row" className="fw-normal">
                      {i.name} <span className="text-secondary small">(obiettivo {i.target} {i.unit})</span>
                    </th>
                    <td className="text-end">{i.value ? `${i.value} ${i.unit}` : "non indicato"}</td>
                    <td>{i.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        )}
      </section>
      <section aria-labelledby="spese-titolo" className="mb-5">
        <h2 id="spese-titolo" className="h4">
          Spese del periodo
        </h2>
        {page.expenses.length === 0 ? (
          <p className="empty-state">Nessuna spesa rendicontata nel periodo.</p>
        ) : (
          <ScrollableTable>
            <table className="table">
              <caption className="visually-hidden">Spese rendicontate</caption>
              <thead>
                <tr>
                  <th scope="col">Categoria</th>
                  <th scope="col">Descrizione</th>
                  <th scope="col">Documento</th>
                  <th scope="col" className="text-end">
                    Importo
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.expenses.map((e, index) => (
                  <tr key={index}>
                    <td>{e.categoryLabel}</td>
                    <td>{e.description}</td>
                    <td>{e.reference}</td>
                    <td className="text-end text-nowrap">{formatEuro(e.amountCents)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    Totale
                  </th>
                  <td className="text-end text-nowrap fw-semibold">{formatEuro(page.totalCents)}</td>
                </tr>
              </tfoot>
            </table>
          </ScrollableTable>
        )}
      </section>
      <section aria-labelledby="beneficiari-titolo" className="mb-5">
        <h2 id="beneficiari-titolo" className="h4">
          Beneficiari raggiunti
        </h2>
        <dl className="row">
          <dt className="col-sm-4">Nuclei familiari</dt>
          <dd className="col-sm-8">{shownCount(page.householdsReached)}</dd>
          <dt className="col-sm-4">Persone</dt>
          <dd className="col-sm-8">{shownCount(page.peopleReached)}</dd>
          <dt className="col-sm-4">Di cui minori</dt>
          <dd className="col-sm-8">{shownCount(page.minorsReached)}</dd>
          {page.beneficiariesNote ? (
            <>
              <dt className="col-sm-4">Nota</dt>
              <dd className="col-sm-8" style={{ whiteSpace: "pre-line" }}>
                {page.beneficiariesNote}
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <section aria-labelledby="relazione-titolo" className="mb-5">
        <h2 id="relazione-titolo" className="h4">
          Relazione sulle attività del periodo
        </h2>
        {page.narrative.trim() ? (
          // Sanitised on the server before it was stored (app/domain/rich-text.server.ts).
          <div className="verbale-text" dangerouslySetInnerHTML={{ __html: page.narrative }} />
        ) : (
          <p className="text-secondary fst-italic">Nessuna relazione scritta.</p>
        )}
      </section>
    </>
  );
}

/** The coordinators' decision on the version last sent: approve, or return with comments on fields. */
export function ReviewPanel({ page, reply }: { page: Page; reply: FormReply | undefined }) {
  const reviewReply = reply?.values.intent === "review" ? reply : undefined;
  const sections = [
    ...page.indicators.map((i) => ({ key: `indicator:${i.projectIndicatorId}`, label: `Indicatore «${i.name}»` })),
    { key: "expenses", label: "Spese" },
    { key: "beneficiaries", label: "Beneficiari raggiunti" },
    { key: "narrative", label: "Relazione" },
    { key: "attachments", label: "Allegati" },
  ];
  const anyFieldComment = sections.some((s) => reviewReply?.values[fieldCommentField(s.key)]);
  return (
    <section aria-labelledby="esame-titolo" className="border rounded p-3 mb-5">
      <h2 id="esame-titolo" className="h4">
        Esame del coordinamento
      </h2>
      <p>Approvata, la rendicontazione conta nell'avanzamento del progetto. Per restituirla scrivi almeno un commento: l'organizzazione lo vede accanto ai campi da correggere e riceve un'e-mail.</p>
      <Form method="post" action={`/rendicontazioni/${page.id}`} noValidate>
        <FormAlert reply={reviewReply} />
        <input type="hidden" name="revision" value={page.revision} />
        <TextAreaField name="comment" label="Commento generale" required={false} rows={3} reply={reviewReply} />
        <details className="mb-3" open={anyFieldComment}>
          <summary className="mb-2">Commenti sui singoli campi</summary>
          {sections.map((s) => (
            <TextAreaField key={s.key} name={fieldCommentField(s.key)} label={s.label} required={false} rows={2} reply={reviewReply} />
          ))}
        </details>
        <input type="hidden" name="intent" value="review" />
        <div className="d-flex flex-wrap gap-2">
          <button type="submit" name="outcome" value="APPROVED" className="btn btn-primary">
            Approva
          </button>
          <button type="submit" name="outcome" value="RETURNED" className="btn btn-outline-danger">
            Restituisci per correzioni
          </button>
        </div>
      </Form>
    </section>
  );
}

/** The last review, as the partner and the readers see it on top of the page. */
export function LatestReview({ page }: { page: Page }) {
  const review = page.latestReview;
  if (!review) return null;
  const returnedNow = page.status === "RETURNED" && review.outcome === "RETURNED";
  if (!returnedNow && review.outcome !== "APPROVED") return null;
  return (
    <div className={`alert ${returnedNow ? "alert-warning" : "alert-success"}`} role="note">
      <p className="fw-semibold mb-1">
        Versione {review.versionNumber}: {review.outcomeLabel.toLocaleLowerCase("it")} da {review.reviewerName}, {review.at}.
      </p>
      {review.comment ? (
        <p className="mb-1" style={{ whiteSpace: "pre-line" }}>
          {review.comment}
        </p>
      ) : null}
      {returnedNow && review.fieldComments.length > 0 ? (
        <>
          <p className="mb-1">Commenti sui campi (li trovi anche accanto a ciascun campo):</p>
          <ul className="mb-0">
            {review.fieldComments.map((c) => (
              <li key={c.field}>
                <strong>{c.label}:</strong> {c.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

type Comparison = SnapshotComparison & { a: number; b: number };

function ChangeTable({ caption, rows, a, b }: { caption: string; rows: { key: string; label: string; before: string; after: string; changed: boolean }[]; a: number; b: number }) {
  return (
    <ScrollableTable>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Campo</th>
            <th scope="col">Versione {a}</th>
            <th scope="col">Versione {b}</th>
            <th scope="col">Esito</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className={row.changed ? "table-warning" : undefined}>
              <th scope="row" className="fw-normal">
                {row.label}
              </th>
              <td>{row.before}</td>
              <td>{row.after}</td>
              <td>{row.changed ? <strong>Modificato</strong> : "Uguale"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}

function LineDiff({ title, lines, empty }: { title: string; lines: { kind: "same" | "added" | "removed"; text: string }[]; empty: string }) {
  return (
    <section className="mb-4" aria-label={title}>
      <h3 className="h5">{title}</h3>
      {lines.length === 0 ? (
        <p className="text-secondary">{empty}</p>
      ) : (
        <ul className="list-unstyled">
          {lines.map((line, index) => (
            <li key={index} className="py-1">
              {line.kind === "added" ? (
                <ins className="bg-success-subtle">
                  <strong>Aggiunta:</strong> {line.text}
                </ins>
              ) : line.kind === "removed" ? (
                <del className="bg-danger-subtle">
                  <strong>Tolta:</strong> {line.text}
                </del>
              ) : (
                <span>
                  <span className="text-secondary">Invariata:</span> {line.text}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Two versions field by field: figures before and after, expense lines added or taken out, the narrative word by word. */
export function VersionComparison({ comparison }: { comparison: Comparison }) {
  const { a, b } = comparison;
  return (
    <>
      <ChangeTable caption="Indicatori" rows={comparison.indicators} a={a} b={b} />
      <ChangeTable caption="Beneficiari raggiunti" rows={comparison.beneficiaries} a={a} b={b} />
      <LineDiff title="Spese" lines={comparison.expenses} empty="Nessuna spesa in entrambe le versioni." />
      <p>
        Totale delle spese: {comparison.expensesTotal.before} nella versione {a}, {comparison.expensesTotal.after} nella versione {b}
        {comparison.expensesTotal.changed ? "." : " (uguale)."}
      </p>
      <LineDiff title="Allegati" lines={comparison.attachments} empty="Nessun allegato in entrambe le versioni." />
      <VersionDiff sections={[{ key: "relazione", title: "Relazione", changed: comparison.narrative.changed, parts: comparison.narrative.parts }]} />
    </>
  );
}
