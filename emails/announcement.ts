import type { MailBlock, MailContent } from "./layout";

export interface AnnouncementMailProps {
  name: string;
  title: string;
  /** The body as plain text; each line becomes a paragraph. */
  bodyText: string;
  authorName: string | null;
  /** The attachments' file names: the files stay in Tavolo, behind the sign-in. */
  attachmentNames: string[];
  url: string;
}

/** An announcement of the coordinators, to a person who chose to receive them by mail. */
export function announcementMail(p: AnnouncementMailProps): MailContent {
  const paragraphs: MailBlock[] = p.bodyText
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((text) => ({ kind: "paragraph", text }));
  const blocks: MailBlock[] = [{ kind: "paragraph", text: `Buongiorno ${p.name},` }, ...paragraphs];
  if (p.authorName) blocks.push({ kind: "paragraph", text: `${p.authorName}, per il coordinamento del tavolo` });
  blocks.push({ kind: "button", label: "Leggi la comunicazione", url: p.url });
  if (p.attachmentNames.length > 0) {
    blocks.push({ kind: "note", text: `Allegati, da scaricare in Tavolo dopo l'accesso: ${p.attachmentNames.join(", ")}.` });
  }
  blocks.push({ kind: "note", text: "Scegli come ricevere le comunicazioni (subito, nel riepilogo settimanale o solo nell'app) nel tuo profilo, alla voce Notifiche." });
  return { subject: p.title, heading: p.title, blocks };
}
