import { Suspense, useCallback, useEffect, useRef, useState, type ComponentType } from "react";
import { Form, useFetcher } from "react-router";
import type { RichTextEditorProps } from "~/components/rich-text-editor";
import { useHydrated } from "~/utils/use-hydrated";

// The verbale's pieces shared by its pages: the text as read, the editing workspace with autosave
// and the version check, and the comparison of two versions.

export interface SectionView {
  key: string;
  title: string;
  html: string;
}

const sectionHeadingId = (key: string) => `sezione-${key}`;

/** The stored text. Its HTML was sanitised on the server before it was stored: nothing else is set as HTML. */
export function VerbaleText({ sections }: { sections: SectionView[] }) {
  return (
    <>
      {sections.map((section) => (
        <section key={section.key} aria-labelledby={sectionHeadingId(section.key)} className="mb-4">
          <h2 id={sectionHeadingId(section.key)} className="h4">
            {section.title}
          </h2>
          {section.html.trim() ? (
            <div className="verbale-text" dangerouslySetInnerHTML={{ __html: section.html }} />
          ) : (
            <p className="text-secondary fst-italic">Nessun testo per questo punto.</p>
          )}
        </section>
      ))}
    </>
  );
}

export interface Conflict {
  message: string;
  revision: number;
  sections: SectionView[];
  savedBy: string | null;
  savedAt: string;
}

type SaveReply = { saved: { revision: number; at: string } } | { conflict: Conflict } | { errors: { formError?: string } };


const AUTOSAVE_MS = 3000;

/**
 * One editor per section, saved a few seconds after each change (debounced) with the revision the
 * text started from. Before the script runs, or without it, each section is a plain text area of
 * HTML with a save button: the server sanitises both alike.
 */
export function VerbaleWorkspace({
  meetingId,
  sections,
  revision,
  lastSaved,
  Editor,
  initialConflict,
  onDirtyChange,
}: {
  meetingId: string;
  sections: SectionView[];
  revision: number;
  lastSaved: string | null;
  Editor: ComponentType<RichTextEditorProps>;
  initialConflict: Conflict | null;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const hydrated = useHydrated();
  const fetcher = useFetcher<SaveReply>();
  const action = `/riunioni/${meetingId}/verbale`;
  const htmlRef = useRef<Record<string, string>>(Object.fromEntries(sections.map((s) => [s.key, s.html])));
  const [baseRevision, setBaseRevision] = useState(revision);
  const [changes, setChanges] = useState(0);
  const [savedChanges, setSavedChanges] = useState(0);
  const submittedChanges = useRef(0);
  const [announcement, setAnnouncement] = useState(lastSaved ?? "");
  const [conflict, setConflict] = useState<Conflict | null>(initialConflict);
  const [editorsGeneration, setEditorsGeneration] = useState(0);
  const dirty = changes !== savedChanges;

  useEffect(() => onDirtyChange(dirty || conflict !== null), [dirty, conflict, onDirtyChange]);

  const submit = useCallback(
    (atRevision: number) => {
      const form = new FormData();
      form.set("intent", "save");
      form.set("revision", String(atRevision));
      for (const [key, html] of Object.entries(htmlRef.current)) form.set(`html.${key}`, html);
      submittedChanges.current = changes;
      void fetcher.submit(form, { method: "post", action });
    },
    [changes, fetcher, action],
  );

  useEffect(() => {
    if (!dirty || conflict || fetcher.state !== "idle") return;
    const timer = window.setTimeout(() => submit(baseRevision), AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
  }, [dirty, changes, conflict, fetcher.state, submit, baseRevision]);

  useEffect(() => {
    const reply = fetcher.data;
    if (!reply || fetcher.state !== "idle") return;
    if ("saved" in reply) {
      setBaseRevision(reply.saved.revision);
      setSavedChanges(submittedChanges.current);
      setAnnouncement(`Bozza salvata alle ${reply.saved.at}`);
    } else if ("conflict" in reply) {
      setConflict(reply.conflict);
      setAnnouncement("Bozza non salvata: un altro coordinatore ha salvato un testo diverso.");
    } else {
      setAnnouncement(`Bozza non salvata: ${reply.errors.formError ?? "riprova fra poco."}`);
    }
  }, [fetcher.data, fetcher.state]);

  const onChange = (key: string) => (html: string) => {
    htmlRef.current[key] = html;
    setChanges((n) => n + 1);
  };

  const loadTheirs = (theirs: Conflict) => {
    htmlRef.current = Object.fromEntries(theirs.sections.map((s) => [s.key, s.html]));
    setBaseRevision(theirs.revision);
    setSavedChanges(changes);
    setConflict(null);
    setEditorsGeneration((n) => n + 1);
    setAnnouncement(`Caricato il testo salvato da ${theirs.savedBy ?? "un altro coordinatore"}.`);
  };
  const keepMine = (theirs: Conflict) => {
    setBaseRevision(theirs.revision);
    setConflict(null);
    submit(theirs.revision);
  };

  const shownSections = editorsGeneration === 0 ? sections : sections.map((s) => ({ ...s, html: htmlRef.current[s.key] ?? "" }));

  return (
    <div>
      {conflict ? (
        <div className="alert alert-warning" role="alert">
          <h2 className="h5">Un altro coordinatore ha salvato il verbale</h2>
          <p>{conflict.message}</p>
          <details className="mb-3">
            <summary>Il testo salvato da {conflict.savedBy ?? "un altro coordinatore"}</summary>
            <div className="bg-white border rounded p-3 mt-2">
              {conflict.sections.map((section) => (
                <div key={section.key} className="mb-3">
                  <h3 className="h6">{section.title}</h3>
                  {section.html.trim() ? (
                    <div className="verbale-text" dangerouslySetInnerHTML={{ __html: section.html }} />
                  ) : (
                    <p className="text-secondary fst-italic">Nessun testo.</p>
                  )}
                </div>
              ))}
            </div>
          </details>
          {hydrated ? (
            <div className="d-flex flex-wrap gap-2">
              <button type="button" className="btn btn-primary" onClick={() => loadTheirs(conflict)}>
                Carica il suo testo
              </button>
              <button type="button" className="btn btn-outline-primary" onClick={() => keepMine(conflict)}>
                Mantieni il mio testo e salvalo al posto del suo
              </button>
            </div>
          ) : (
            <p className="mb-0">Ricarica la pagina per ripartire dal suo testo.</p>
          )}
        </div>
      ) : null}

      {hydrated ? (
        <>
          <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-3">
            <p role="status" aria-live="polite" className="mb-0 fw-semibold">
              {announcement}
            </p>
            <div className="d-flex align-items-center gap-2">
              <span className="small text-secondary">
                {fetcher.state !== "idle" ? "Salvataggio in corso…" : dirty ? "Modifiche non ancora salvate" : "Tutte le modifiche sono salvate"}
              </span>
              <button type="button" className="btn btn-sm btn-outline-primary" disabled={!dirty || conflict !== null || fetcher.state !== "idle"} onClick={() => submit(baseRevision)}>
                Salva ora
              </button>
            </div>
          </div>
          {shownSections.map((section) => (
            <section key={`${editorsGeneration}-${section.key}`} aria-labelledby={sectionHeadingId(section.key)} className="mb-4">
              <h2 id={sectionHeadingId(section.key)} className="h4">
                {section.title}
              </h2>
              <Suspense fallback={<p className="text-secondary small">Caricamento dell'editor…</p>}>
                <Editor labelledBy={sectionHeadingId(section.key)} initialHtml={section.html} onChange={onChange(section.key)} />
              </Suspense>
            </section>
          ))}
        </>
      ) : (
        <Form method="post" action={action}>
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="revision" value={conflict?.revision ?? revision} />
          <input type="hidden" name="redirect" value="1" />
          <p className="small text-secondary">Ogni sezione contiene il suo testo in HTML; il server tiene solo la formattazione ammessa.</p>
          {sections.map((section) => (
            <section key={section.key} className="mb-4">
              <h2 className="h4">
                <label htmlFor={`campo-html-${section.key}`}>{section.title}</label>
              </h2>
              <textarea id={`campo-html-${section.key}`} name={`html.${section.key}`} className="form-control font-monospace" rows={8} defaultValue={section.html} />
            </section>
          ))}
          <button type="submit" className="btn btn-primary">
            Salva la bozza
          </button>
        </Form>
      )}
    </div>
  );
}

export interface DiffSection {
  key: string;
  title: string;
  changed: boolean;
  parts: { kind: "same" | "added" | "removed"; text: string }[];
}

/** Insertions and deletions with <ins> and <del>, named for screen readers too. */
export function VersionDiff({ sections }: { sections: DiffSection[] }) {
  return (
    <>
      {sections.map((section) => (
        <section key={section.key} aria-labelledby={`confronto-${section.key}`} className="mb-4">
          <h3 id={`confronto-${section.key}`} className="h5">
            {section.title}
            {section.changed ? null : <span className="fw-normal text-secondary"> (nessuna modifica)</span>}
          </h3>
          <p style={{ whiteSpace: "pre-wrap" }}>
            {section.parts.map((part, index) =>
              part.kind === "added" ? (
                <ins key={index} className="bg-success-subtle">
                  <span className="visually-hidden">[aggiunto: </span>
                  {part.text}
                  <span className="visually-hidden">]</span>
                </ins>
              ) : part.kind === "removed" ? (
                <del key={index} className="bg-danger-subtle">
                  <span className="visually-hidden">[rimosso: </span>
                  {part.text}
                  <span className="visually-hidden">]</span>
                </del>
              ) : (
                <span key={index}>{part.text}</span>
              ),
            )}
          </p>
        </section>
      ))}
    </>
  );
}
