// One source, two renderings: each mail is a list of blocks, and this file turns it into the HTML
// part and the plain-text part. Plain inline styles only: mail clients ignore stylesheets.

export type MailBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "button"; label: string; url: string }
  | { kind: "note"; text: string };

export interface MailContent {
  subject: string;
  heading: string;
  blocks: MailBlock[];
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const BLUE = "#0066cc";

function blockHtml(block: MailBlock): string {
  switch (block.kind) {
    case "paragraph":
      return `<p style="margin:0 0 16px;font-size:16px;line-height:24px;color:#1a1a1a">${escapeHtml(block.text)}</p>`;
    case "note":
      return `<p style="margin:0 0 16px;font-size:14px;line-height:20px;color:#5c6f82">${escapeHtml(block.text)}</p>`;
    case "button":
      return `<p style="margin:24px 0"><a href="${escapeHtml(block.url)}" style="display:inline-block;background:${BLUE};color:#ffffff;text-decoration:none;font-weight:600;font-size:16px;padding:12px 24px;border-radius:4px">${escapeHtml(block.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;line-height:18px;color:#5c6f82">Se il pulsante non funziona, copia questo indirizzo nel browser:<br><span style="word-break:break-all">${escapeHtml(block.url)}</span></p>`;
  }
}

function blockText(block: MailBlock): string {
  switch (block.kind) {
    case "paragraph":
    case "note":
      return block.text;
    case "button":
      return `${block.label}:\n${block.url}`;
  }
}

export function renderMail(content: MailContent, tavoloName: string): RenderedMail {
  const html = `<!doctype html>
<html lang="it"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:0;background:#f5f5f0;font-family:'Titillium Web',Geneva,Tahoma,sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f5f5f0"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:4px">
<tr><td style="background:${BLUE};color:#ffffff;padding:16px 24px;font-size:18px;font-weight:700">${escapeHtml(tavoloName)}</td></tr>
<tr><td style="padding:24px">
<h1 style="margin:0 0 16px;font-size:22px;line-height:28px;color:#17324d">${escapeHtml(content.heading)}</h1>
${content.blocks.map(blockHtml).join("\n")}
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #e6e9f2;font-size:12px;color:#5c6f82">Messaggio inviato automaticamente da Tavolo, la piattaforma del ${escapeHtml(tavoloName)}. Non rispondere a questa e-mail.</td></tr>
</table></td></tr></table></body></html>`;
  const text = [
    tavoloName,
    "",
    content.heading,
    "",
    ...content.blocks.map((block) => `${blockText(block)}\n`),
    "--",
    `Messaggio inviato automaticamente da Tavolo, la piattaforma del ${tavoloName}. Non rispondere a questa e-mail.`,
  ].join("\n");
  return { subject: content.subject, html, text };
}
