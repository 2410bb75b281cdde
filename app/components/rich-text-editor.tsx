import { TableKit } from "@tiptap/extension-table";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useRef, type KeyboardEvent } from "react";

// The rich-text editor (tiptap), loaded only by the pages that edit text, and only when they do
// (React.lazy): pages that show text ship none of this. Whatever it produces is sanitised again on
// the server (app/domain/rich-text.server.ts), so its output is a convenience, not a guarantee.

export interface RichTextEditorProps {
  /** The id of the element that names this text (a section's heading). */
  labelledBy: string;
  initialHtml: string;
  onChange: (html: string) => void;
}

interface Tool {
  label: string;
  icon: string;
  run: (editor: Editor) => void;
  active?: (editor: Editor) => boolean;
  /** Tools that only make sense inside a table. */
  inTable?: boolean;
}

function editLink(editor: Editor) {
  const current = (editor.getAttributes("link").href as string | undefined) ?? "";
  const address = window.prompt("Indirizzo del collegamento (https://…, mailto:…). Lascia vuoto per togliere il collegamento.", current);
  if (address === null) return;
  const trimmed = address.trim();
  if (!trimmed) {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    return;
  }
  if (!/^(https?:\/\/|mailto:)/i.test(trimmed)) {
    window.alert("Il collegamento deve iniziare con https://, http:// oppure mailto:.");
    return;
  }
  editor.chain().focus().extendMarkRange("link").setLink({ href: trimmed }).run();
}

const TOOLS: Tool[] = [
  { label: "Grassetto", icon: "G", run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive("bold") },
  { label: "Corsivo", icon: "C", run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive("italic") },
  { label: "Barrato", icon: "B̶", run: (e) => e.chain().focus().toggleStrike().run(), active: (e) => e.isActive("strike") },
  { label: "Titolo di livello 2", icon: "T2", run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive("heading", { level: 2 }) },
  { label: "Titolo di livello 3", icon: "T3", run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), active: (e) => e.isActive("heading", { level: 3 }) },
  { label: "Titolo di livello 4", icon: "T4", run: (e) => e.chain().focus().toggleHeading({ level: 4 }).run(), active: (e) => e.isActive("heading", { level: 4 }) },
  { label: "Elenco puntato", icon: "•", run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive("bulletList") },
  { label: "Elenco numerato", icon: "1.", run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive("orderedList") },
  { label: "Citazione", icon: "«»", run: (e) => e.chain().focus().toggleBlockquote().run(), active: (e) => e.isActive("blockquote") },
  { label: "Collegamento", icon: "Link", run: editLink, active: (e) => e.isActive("link") },
  { label: "Inserisci una tabella", icon: "▦", run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() },
  { label: "Aggiungi una riga alla tabella", icon: "+R", run: (e) => e.chain().focus().addRowAfter().run(), inTable: true },
  { label: "Aggiungi una colonna alla tabella", icon: "+C", run: (e) => e.chain().focus().addColumnAfter().run(), inTable: true },
  { label: "Elimina la riga", icon: "−R", run: (e) => e.chain().focus().deleteRow().run(), inTable: true },
  { label: "Elimina la colonna", icon: "−C", run: (e) => e.chain().focus().deleteColumn().run(), inTable: true },
  { label: "Elimina la tabella", icon: "✕▦", run: (e) => e.chain().focus().deleteTable().run(), inTable: true },
  { label: "Annulla", icon: "↶", run: (e) => e.chain().focus().undo().run() },
  { label: "Ripeti", icon: "↷", run: (e) => e.chain().focus().redo().run() },
];

/** The WAI-ARIA toolbar pattern: one tab stop, arrow keys move between the buttons. */
function moveFocus(event: KeyboardEvent<HTMLDivElement>) {
  const keys = ["ArrowLeft", "ArrowRight", "Home", "End"];
  if (!keys.includes(event.key)) return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>("button:not([disabled])")];
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next =
    event.key === "Home" ? 0 : event.key === "End" ? buttons.length - 1 : (index + (event.key === "ArrowRight" ? 1 : -1) + buttons.length) % buttons.length;
  event.preventDefault();
  for (const button of buttons) button.tabIndex = -1;
  const target = buttons[next];
  if (target) {
    target.tabIndex = 0;
    target.focus();
  }
}

function Toolbar({ editor, labelledBy }: { editor: Editor; labelledBy: string }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      active: TOOLS.map((tool) => tool.active?.(e) ?? null),
      inTable: e.isActive("table"),
    }),
  });
  return (
    <div role="toolbar" aria-labelledby={labelledBy} aria-orientation="horizontal" className="btn-toolbar gap-1 mb-1 flex-wrap" onKeyDown={moveFocus}>
      {TOOLS.map((tool, index) => {
        const pressed = state.active[index];
        const disabled = tool.inTable === true && !state.inTable;
        return (
          <button
            key={tool.label}
            type="button"
            className={`btn btn-sm ${pressed ? "btn-primary" : "btn-outline-primary"} px-2 py-1`}
            aria-label={tool.label}
            title={tool.label}
            aria-pressed={pressed === null ? undefined : pressed}
            disabled={disabled}
            tabIndex={index === 0 ? 0 : -1}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => tool.run(editor)}
          >
            <span aria-hidden="true">{tool.icon}</span>
          </button>
        );
      })}
    </div>
  );
}

export default function RichTextEditor({ labelledBy, initialHtml, onChange }: RichTextEditorProps) {
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const editor = useEditor({
    immediatelyRender: false,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        underline: false,
        link: { openOnClick: false, autolink: true, protocols: ["http", "https", "mailto"], HTMLAttributes: { rel: "noopener noreferrer", target: null } },
      }),
      TableKit.configure({ table: { resizable: false } }),
    ],
    content: initialHtml,
    editorProps: {
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": labelledBy,
        class: "form-control rich-text-editor",
        // Bootstrap Italia draws only a bottom line under fields: a text area of this size needs a frame.
        style: "min-height: 8rem; border: 1px solid #5c6f82; border-radius: 4px; padding: 0.5rem 0.75rem",
      },
    },
    onUpdate: ({ editor: e }) => onChangeRef.current(e.getHTML()),
  });
  if (!editor) return <p className="text-secondary small">Caricamento dell'editor…</p>;
  return (
    <div className="rich-text">
      <Toolbar editor={editor} labelledBy={labelledBy} />
      <EditorContent editor={editor} />
    </div>
  );
}
