// How a stored file is shown on the pages, whichever part of the tavolo it belongs to (documents,
// protocols, rendicontazioni, announcements).

/** A stored file's size as the pages show it: "12 kB", "1000 kB", "3,4 MB" (never "0 kB"). */
export const formatFileSize = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024)).toLocaleString("it-IT")} kB`
    : `${(bytes / 1024 / 1024).toLocaleString("it-IT", { maximumFractionDigits: 1 })} MB`;

/** What the browser may show itself rather than download. */
export const isPreviewable = (mimeType: string) => mimeType === "application/pdf" || mimeType.startsWith("image/");
