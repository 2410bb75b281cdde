import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { Readable } from "node:stream";
import {
  FormDataParseError,
  MaxFileSizeExceededError,
  MaxFilesExceededError,
  MaxTotalSizeExceededError,
  MultipartParseError,
  parseFormData,
} from "@remix-run/form-data-parser";
import { fileTypeFromBuffer } from "file-type";
import type { z } from "zod";
import { db, type DbTransaction } from "~/db.server";
import { env } from "~/env.server";
import { isPreviewable } from "~/files/display";
import { formReply, parseFields } from "~/utils/forms.server";

// Uploaded files: read from the multipart body with a size limit, typed by their content (never by
// their name or the browser's word), kept on disk under UPLOAD_DIR and recorded as StoredFile rows
// in the same transaction as the record they belong to. See docs/decisions/014-uploads.md.

export const FILE_KINDS = {
  pdf: { label: "PDF", types: ["application/pdf"] },
  image: { label: "immagine (PNG, JPEG, WebP)", types: ["image/png", "image/jpeg", "image/webp"] },
  spreadsheet: {
    label: "foglio di calcolo (XLSX, ODS)",
    types: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.oasis.opendocument.spreadsheet"],
  },
  text: {
    label: "documento (DOCX, ODT)",
    types: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.oasis.opendocument.text"],
  },
} as const;
export type FileKind = keyof typeof FILE_KINDS;

/** The names each accepted content may carry, and what to call it in a message. */
const NAMES_BY_TYPE: Record<string, { extensions: string[]; label: string }> = {
  "application/pdf": { extensions: ["pdf"], label: "un PDF" },
  "image/png": { extensions: ["png"], label: "un'immagine PNG" },
  "image/jpeg": { extensions: ["jpg", "jpeg"], label: "un'immagine JPEG" },
  "image/webp": { extensions: ["webp"], label: "un'immagine WebP" },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { extensions: ["xlsx"], label: "un foglio di calcolo XLSX" },
  "application/vnd.oasis.opendocument.spreadsheet": { extensions: ["ods"], label: "un foglio di calcolo ODS" },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { extensions: ["docx"], label: "un documento DOCX" },
  "application/vnd.oasis.opendocument.text": { extensions: ["odt"], label: "un documento ODT" },
};
const KNOWN_EXTENSIONS = new Set(Object.values(NAMES_BY_TYPE).flatMap((entry) => entry.extensions));

/**
 * Files are handed back under their original name, so the name must not lie: a picture called
 * "fattura.pdf" would download as a PDF no reader opens. A name ending in one of the extensions
 * above that disagrees with the content is refused; other names (no extension, ".jfif") pass.
 */
export function fileNameProblem(originalName: string, mimeType: string): string | null {
  const extension = /\.([a-z0-9]{1,8})$/i.exec(originalName)?.[1]?.toLowerCase();
  const expected = NAMES_BY_TYPE[mimeType];
  if (!extension || !expected || !KNOWN_EXTENSIONS.has(extension) || expected.extensions.includes(extension)) return null;
  return `Il file «${originalName}» ha l'estensione .${extension} ma contiene ${expected.label}: carica il file giusto, oppure rinominalo con l'estensione .${expected.extensions[0]}.`;
}

/** Documents of a working group, attachments: everything office work produces. */
export const DOCUMENT_KINDS: FileKind[] = ["pdf", "image", "spreadsheet", "text"];

export const maxUploadBytes = () => Math.round(env.UPLOAD_MAX_MB * 1024 * 1024);
export const uploadLimitLabel = () => `${env.UPLOAD_MAX_MB.toLocaleString("it-IT")} MB`;

const uploadRoot = () => resolve(env.UPLOAD_DIR);

/** A file received and checked, waiting in the upload folder's tmp/ for its record to be written. */
export interface PendingUpload {
  tempPath: string;
  originalName: string;
  mimeType: string;
  size: number;
  sha256: string;
}

export interface FileFieldRule {
  kinds: readonly FileKind[];
  required: boolean;
}

const kindsLabel = (kinds: readonly FileKind[]) => kinds.map((kind) => FILE_KINDS[kind].label).join(", ");

/** A file's name as the user's system gave it, without any folder part and at most 200 characters. */
function cleanFileName(name: string) {
  const base = name.split(/[/\\]/).pop()?.replace(/[\u0000-\u001f\u007f]/g, "").trim() ?? "";
  return (base || "documento").slice(-200);
}

async function discard(uploads: Iterable<PendingUpload>) {
  await Promise.all([...uploads].map((upload) => rm(upload.tempPath, { force: true })));
}

/**
 * The multipart counterpart of parseForm: text fields through the zod schema, file fields through
 * their rules. On any problem nothing is kept on disk and the reply says what to fix (400, 413 for
 * a file over the limit, 415 for a type that is not allowed or a name that disagrees with it).
 */
export async function parseUploadForm<S extends z.ZodType<unknown, Record<string, unknown>>, F extends string>(
  request: Request,
  schema: S,
  fileFields: Record<F, FileFieldRule>,
) {
  const limit = maxUploadBytes();
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > limit + 1024 * 1024) {
    return {
      ok: false as const,
      reply: formReply({ formError: `Il file è troppo grande: il limite è ${uploadLimitLabel()}.` }, new FormData(), 413),
    };
  }
  const received = new Map<string, PendingUpload>();
  const rejected: Record<string, { message: string; status: 413 | 415 }> = {};
  const tmpDir = join(uploadRoot(), "tmp");
  await mkdir(tmpDir, { recursive: true });
  let formData: FormData;
  try {
    formData = await parseFormData(request, { maxFileSize: limit, maxFiles: Object.keys(fileFields).length }, async (file) => {
      const rule = (fileFields as Record<string, FileFieldRule>)[file.fieldName];
      if (!rule || file.size === 0) return null;
      const bytes = new Uint8Array(await file.arrayBuffer());
      const detected = await fileTypeFromBuffer(bytes);
      const allowed = rule.kinds.flatMap((kind) => FILE_KINDS[kind].types as readonly string[]);
      if (!detected || !allowed.includes(detected.mime)) {
        rejected[file.fieldName] = {
          message: `Il file «${cleanFileName(file.name)}» non è di un tipo ammesso: carica un file ${kindsLabel(rule.kinds)}. Il tipo si riconosce dal contenuto, non dal nome.`,
          status: 415,
        };
        return null;
      }
      const misnamed = fileNameProblem(cleanFileName(file.name), detected.mime);
      if (misnamed) {
        rejected[file.fieldName] = { message: misnamed, status: 415 };
        return null;
      }
      const tempPath = join(tmpDir, randomUUID());
      await writeFile(tempPath, bytes);
      received.set(file.fieldName, {
        tempPath,
        originalName: cleanFileName(file.name),
        mimeType: detected.mime,
        size: bytes.byteLength,
        sha256: createHash("sha256").update(bytes).digest("hex"),
      });
      return null;
    });
  } catch (error) {
    await discard(received.values());
    // Checked before MultipartParseError, their common parent. A body sent without Content-Length
    // (chunked) is only stopped here, by the total size.
    if (error instanceof MaxFileSizeExceededError || error instanceof MaxTotalSizeExceededError) {
      return {
        ok: false as const,
        reply: formReply({ formError: `Il file è troppo grande: il limite è ${uploadLimitLabel()}. Nessun dato è stato salvato.` }, new FormData(), 413),
      };
    }
    // FormDataParseError is what the parser throws for a broken body (it wraps the cause).
    if (error instanceof MaxFilesExceededError || error instanceof FormDataParseError || error instanceof MultipartParseError || error instanceof TypeError) {
      return { ok: false as const, reply: formReply({ formError: "Il modulo inviato non è leggibile." }, new FormData(), 400) };
    }
    throw error;
  }

  const fields = parseFields(formData, schema);
  const fieldErrors: Record<string, string> = fields.ok ? {} : { ...fields.errors.fieldErrors };
  let status: 400 | 413 | 415 = 400;
  for (const [name, rule] of Object.entries(fileFields) as [string, FileFieldRule][]) {
    const problem = rejected[name];
    if (problem) {
      fieldErrors[name] = problem.message;
      status = problem.status;
    } else if (rule.required && !received.has(name)) {
      fieldErrors[name] = `Scegli il file da caricare (${kindsLabel(rule.kinds)}, al massimo ${uploadLimitLabel()}).`;
    }
  }
  if (!fields.ok || Object.keys(fieldErrors).length > 0) {
    await discard(received.values());
    return {
      ok: false as const,
      reply: formReply({ fieldErrors, formError: fields.ok ? undefined : fields.errors.formError }, formData, status),
    };
  }
  return { ok: true as const, data: fields.data, formData, files: Object.fromEntries(received) as Partial<Record<F, PendingUpload>> };
}

export interface StoredFileRow {
  id: string;
  originalName: string;
}

/**
 * Moves the checked uploads to their place and runs `work` in one transaction that also records
 * them; if anything fails, the files are removed again, so no file exists without its record.
 */
export async function withStoredFiles<T>(
  uploads: (PendingUpload | undefined)[],
  uploadedById: string | null,
  work: (tx: DbTransaction, files: (StoredFileRow | undefined)[]) => Promise<T>,
): Promise<T> {
  const month = new Date().toISOString().slice(0, 7);
  const placed: { upload: PendingUpload; key: string }[] = [];
  try {
    for (const upload of uploads) {
      if (!upload) continue;
      const key = `${month}/${randomUUID()}`;
      await mkdir(dirname(join(uploadRoot(), key)), { recursive: true });
      await rename(upload.tempPath, join(uploadRoot(), key));
      placed.push({ upload, key });
    }
    return await db.$transaction(async (tx) => {
      const files: (StoredFileRow | undefined)[] = [];
      for (const upload of uploads) {
        const place = placed.find((p) => p.upload === upload);
        if (!upload || !place) {
          files.push(undefined);
          continue;
        }
        files.push(
          await tx.storedFile.create({
            data: {
              storageKey: place.key,
              originalName: upload.originalName,
              mimeType: upload.mimeType,
              size: upload.size,
              sha256: upload.sha256,
              uploadedById,
            },
            select: { id: true, originalName: true },
          }),
        );
      }
      return work(tx, files);
    });
  } catch (error) {
    await Promise.all(placed.map((p) => rm(join(uploadRoot(), p.key), { force: true })));
    await discard(uploads.filter((u): u is PendingUpload => u !== undefined));
    throw error;
  }
}

/** Drops files a form received when the form is answered without saving (a rule said no). */
export const discardUploads = (uploads: (PendingUpload | undefined)[]) => discard(uploads.filter((u): u is PendingUpload => u !== undefined));

/** Deletes a stored file's bytes once its record is gone (after the transaction commits). */
export const removeStoredFileBytes = (storageKey: string) => rm(join(uploadRoot(), storageKey), { force: true });

/**
 * RFC 6266 / 5987: the original name survives, accents included. encodeURIComponent leaves
 * ' ( ) * ! unescaped, but RFC 5987 allows none of them but "!" (and ' ends the charset part), so
 * "Protocollo d'Intesa.pdf" must become d%27Intesa.
 */
function contentDisposition(kind: "inline" | "attachment", name: string) {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Nothing in a stored file may load or run anything. A preview may be framed by Tavolo's own pages
 * (the document page embeds it): frame-ancestors overrides the X-Frame-Options: DENY that server.js
 * sets, in every current browser. Chrome refuses to start its PDF viewer in a sandboxed document
 * ("blocked by Chrome"), so an inline PDF goes without `sandbox`: its type was checked from the
 * content and nosniff holds the browser to it, and the viewer runs apart from Tavolo's pages.
 */
function fileResponsePolicy(inline: boolean, mimeType: string) {
  if (!inline) return "default-src 'none'; style-src 'unsafe-inline'; sandbox";
  return `default-src 'none'; style-src 'unsafe-inline'${mimeType === "application/pdf" ? "" : "; sandbox"}; frame-ancestors 'self'`;
}

/**
 * The response that hands a stored file to the browser. Callers check permission first. PDFs and
 * images may open in the browser; everything else downloads.
 */
export async function storedFileResponse(fileId: string, options: { inline?: boolean } = {}) {
  const file = await db.storedFile.findUnique({ where: { id: fileId } });
  if (!file) throw new Response("Documento non trovato.", { status: 404 });
  const path = join(uploadRoot(), file.storageKey);
  try {
    await stat(path);
  } catch {
    throw new Response("Il file di questo documento non è più disponibile nell'archivio: avvisa il coordinamento.", { status: 410 });
  }
  const inline = Boolean(options.inline && isPreviewable(file.mimeType));
  const stream = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  // X-Content-Type-Options: nosniff comes with every response from server.js.
  return new Response(stream, {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.size),
      "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", file.originalName),
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": fileResponsePolicy(inline, file.mimeType),
    },
  });
}
