import { type Actor, recordChange } from "~/domain/audit.server";
import { escapeText, sanitizeRichText } from "~/domain/rich-text.server";
import { parseSections, type VerbaleSection } from "~/domain/verbali.server";
import { db, type DbTransaction } from "~/db.server";
import { UserFacingError } from "~/utils/errors";

// The public version of a published verbale: the text as the transparency pages show it, with the
// names of private persons removed. It is prepared from the latest published version by replacing
// every user's and contact's name (and their e-mail and phone) with "[omissis]", then a coordinator
// reviews it, publishes it (publicAt) or withdraws it. See docs/decisions/029-public-transparency-pages.md.

export const OMISSIS = "[omissis]";
const MAX_SECTION_HTML = 200_000;

/** What the redaction looks for: people (users and contacts) and what must stay (organisations). */
export interface PrivateTerms {
  /** Full names of people, as stored */
  names: string[];
  /** E-mail addresses and phone numbers of people */
  details: string[];
  /** Organisation names and short names: a person's name inside one ("Banco Alimentare Paolo Galbiati") stays */
  organisations: string[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Any run of spaces in a name or number matches any run of spaces in the text. */
const flexible = (text: string) => text.trim().split(/\s+/).map(escapeRegExp).join("\\s+");
const bounded = (pattern: string) => new RegExp(`(?<![\\p{L}\\p{N}@.])(?:${pattern})(?![\\p{L}\\p{N}@])`, "giu");

export async function privateTerms(client: DbTransaction | typeof db = db): Promise<PrivateTerms> {
  const [users, contacts, organisations] = await Promise.all([
    // An erased person's name is already "ex referente di …": nothing left to hide.
    client.user.findMany({ where: { erasedAt: null }, select: { name: true, email: true } }),
    client.contact.findMany({ select: { name: true, email: true, phone: true } }),
    client.organisation.findMany({ select: { name: true, shortName: true } }),
  ]);
  const people = [...users, ...contacts];
  return {
    names: [...new Set(people.map((p) => p.name.trim()).filter((name) => name.split(/\s+/).length >= 2))],
    details: [
      ...new Set(
        [...people.map((p) => p.email), ...contacts.map((c) => c.phone)].map((value) => value.trim()).filter((value) => value.replace(/\W/g, "").length >= 5),
      ),
    ],
    organisations: [...new Set(organisations.flatMap((o) => [o.name, o.shortName ?? ""]).map((n) => n.trim()).filter((n) => n.length >= 3))],
  };
}

/**
 * A name is looked for as written and with its first word moved to the end ("Paolo Ricci" and
 * "Ricci Paolo"), whole words only, ignoring case. A surname alone is not: too many surnames are
 * also words or places ("Villa", "Fontana"); the coordinator's review covers those.
 */
function namePatterns(terms: PrivateTerms) {
  const names = terms.names.flatMap((name) => {
    const words = name.trim().split(/\s+/);
    const swapped = [...words.slice(1), words[0]].join(" ");
    return swapped === name ? [name] : [name, swapped];
  });
  // Longest first, so "Maria Grazia Rossi" goes before "Maria Grazia".
  const alternatives = [...names, ...terms.details].sort((a, b) => b.length - a.length).map(flexible);
  const organisations = [...terms.organisations].sort((a, b) => b.length - a.length).map(flexible);
  return {
    person: alternatives.length ? bounded(alternatives.join("|")) : null,
    organisation: organisations.length ? bounded(organisations.join("|")) : null,
  };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
const decodeEntities = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (/^#x/i.test(name)) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });

/** Replaces people in plain text; organisations' names are set aside first and put back after. */
function redactText(text: string, patterns: ReturnType<typeof namePatterns>, found: Set<string>) {
  const kept: string[] = [];
  const masked = patterns.organisation ? text.replace(patterns.organisation, (match) => `\u0000${kept.push(match) - 1}\u0000`) : text;
  const redacted = patterns.person
    ? masked.replace(patterns.person, (match) => {
        found.add(match.replace(/\s+/g, " "));
        return OMISSIS;
      })
    : masked;
  return redacted.replace(/\u0000(\d+)\u0000/g, (_, index: string) => kept[Number(index)] ?? "");
}

/**
 * One section's sanitised HTML with people removed: the text between tags is redacted, and a link
 * whose address names a person (mailto:) loses its address. The result is sanitised again.
 */
export function redactHtml(html: string, terms: PrivateTerms, found = new Set<string>()) {
  const patterns = namePatterns(terms);
  const out = sanitizeRichText(html)
    .split(/(<[^>]+>)/)
    .map((token) => {
      if (!token.startsWith("<")) return escapeText(redactText(decodeEntities(token), patterns, found));
      const href = /^<a\s[^>]*href="([^"]*)"/i.exec(token);
      if (href && patterns.person && redactText(decodeEntities(href[1] ?? ""), patterns, new Set()) !== decodeEntities(href[1] ?? "")) return "<a>";
      return token;
    })
    .join("");
  return sanitizeRichText(out);
}

export function redactSections(sections: VerbaleSection[], terms: PrivateTerms) {
  const found = new Set<string>();
  const redacted = sections.map((s) => ({ key: s.key, title: redactText(s.title, namePatterns(terms), found), html: redactHtml(s.html, terms, found) }));
  return { sections: redacted, found: [...found] };
}

/** The people still named in a text (what the coordinator should look at before publishing). */
export function namesStillIn(sections: VerbaleSection[], terms: PrivateTerms) {
  return redactSections(sections, terms).found;
}

// --- The coordinators' workflow ------------------------------------------------------------------

async function publishedVerbale(client: DbTransaction | typeof db, meetingId: string) {
  const verbale = await client.verbale.findUnique({
    where: { meetingId },
    select: { id: true, status: true, publicContent: true, publicAt: true, versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, content: true } } },
  });
  if (!verbale) throw new UserFacingError("Il verbale di questa riunione non è ancora stato scritto.", 404);
  const latest = verbale.versions[0];
  if (verbale.status !== "PUBBLICATO" || !latest) {
    throw new UserFacingError("Solo un verbale pubblicato ai componenti del tavolo può avere una versione pubblica.", 409);
  }
  return { ...verbale, latest };
}

/** What the verbale page shows the coordinators about the public version. */
export async function publicVersionPanel(meetingId: string) {
  const verbale = await db.verbale.findUnique({ where: { meetingId }, select: { id: true, status: true, publicContent: true, publicAt: true } });
  if (!verbale || verbale.status !== "PUBBLICATO") return null;
  const sections = verbale.publicContent === null ? null : parseSections(verbale.publicContent);
  return {
    verbaleId: verbale.id,
    sections,
    publicAt: verbale.publicAt,
    namesStillIn: sections ? namesStillIn(sections, await privateTerms()) : [],
  };
}

/**
 * Makes the public text from the latest published version, people removed. Preparing it again
 * replaces the text and takes it off the public pages until it is published again: what is public
 * is always a text a coordinator has looked at.
 */
export async function preparePublicVersion(meetingId: string, actor: Actor) {
  return db.$transaction(async (tx) => {
    const verbale = await publishedVerbale(tx, meetingId);
    const { sections, found } = redactSections(parseSections(verbale.latest.content), await privateTerms(tx));
    await tx.verbale.update({ where: { id: verbale.id }, data: { publicContent: JSON.stringify(sections), publicAt: null } });
    await recordChange(tx, {
      subjectType: "VERBALE",
      subjectId: verbale.id,
      summary: `Versione pubblica preparata dalla versione ${verbale.latest.number}: ${found.length === 1 ? "1 nome o recapito omesso" : `${found.length} nomi o recapiti omessi`}`,
      actor,
      changes: verbale.publicAt ? { "Sulle pagine pubbliche": ["sì", "no"] } : {},
    });
    return { removed: found.length };
  });
}

function checkLength(html: Record<string, string>) {
  for (const value of Object.values(html)) {
    if (value.length > MAX_SECTION_HTML) throw new UserFacingError("Una sezione è troppo lunga: accorciala.", 413);
  }
}

/** The reviewed text over the stored one, section by section, sanitised; sections not sent stay. */
function withEdits(publicContent: string, html: Record<string, string>) {
  return JSON.stringify(parseSections(publicContent).map((s) => (html[s.key] === undefined ? s : { ...s, html: sanitizeRichText(html[s.key] ?? "") })));
}

/** Saves the reviewed text (fields "public.<section key>"); if it is public, the public page changes with it. */
export async function savePublicVersion(meetingId: string, html: Record<string, string>, actor: Actor) {
  checkLength(html);
  await db.$transaction(async (tx) => {
    const verbale = await publishedVerbale(tx, meetingId);
    if (verbale.publicContent === null) throw new UserFacingError("Prepara prima la versione pubblica.", 409);
    await tx.verbale.update({ where: { id: verbale.id }, data: { publicContent: withEdits(verbale.publicContent, html) } });
    await recordChange(tx, { subjectType: "VERBALE", subjectId: verbale.id, summary: "Versione pubblica modificata", actor });
  });
}

/** Puts the public version on the public pages, with the text as last reviewed (saved in the same step). */
export async function publishPublicVersion(meetingId: string, html: Record<string, string>, actor: Actor, now = new Date()) {
  checkLength(html);
  await db.$transaction(async (tx) => {
    const verbale = await publishedVerbale(tx, meetingId);
    if (verbale.publicContent === null) throw new UserFacingError("Prepara e rileggi la versione pubblica prima di pubblicarla.", 409);
    if (verbale.publicAt) throw new UserFacingError("La versione pubblica è già sulle pagine pubbliche.", 409);
    await tx.verbale.update({ where: { id: verbale.id }, data: { publicContent: withEdits(verbale.publicContent, html), publicAt: now } });
    await recordChange(tx, {
      subjectType: "VERBALE",
      subjectId: verbale.id,
      summary: "Versione pubblica pubblicata sulle pagine pubbliche",
      actor,
      changes: { "Sulle pagine pubbliche": ["no", "sì"] },
    });
  });
}

export async function withdrawPublicVersion(meetingId: string, actor: Actor) {
  await db.$transaction(async (tx) => {
    const verbale = await publishedVerbale(tx, meetingId);
    if (!verbale.publicAt) throw new UserFacingError("La versione pubblica non è sulle pagine pubbliche.", 409);
    await tx.verbale.update({ where: { id: verbale.id }, data: { publicAt: null } });
    await recordChange(tx, {
      subjectType: "VERBALE",
      subjectId: verbale.id,
      summary: "Versione pubblica ritirata dalle pagine pubbliche",
      actor,
      changes: { "Sulle pagine pubbliche": ["sì", "no"] },
    });
  });
}

/** The public text's sections from a save: fields named "public.<section key>". */
export function publicHtmlFrom(formData: FormData) {
  const html: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value === "string" && name.startsWith("public.")) html[name.slice(7)] = value;
  }
  return html;
}
