import { stemmer } from "@orama/stemmers/italian";

// How Tavolo's search reads Italian text, the same for both databases (docs/decisions/028-search.md):
// words are runs of letters and digits; a word with a digit is kept as it is (PostgreSQL's parser
// sends numbers and "m5c2" to its 'simple' dictionary); any other word is dropped when it is a stop
// word and otherwise reduced to its Snowball Italian stem, the algorithm and stop words of
// PostgreSQL's 'italian' configuration. SQLite stores these stems in its FTS5 table; PostgreSQL
// computes the same ones itself. Highlighting uses them on both.

/** PostgreSQL 15's tsearch_data/italian.stop (Snowball's Italian stop-word list), word for word. */
const STOP_WORDS = new Set(
  `ad al allo ai agli all agl alla alle con col coi da dal dallo dai dagli dall dagl dalla dalle di del dello dei degli dell degl
  della delle in nel nello nei negli nell negl nella nelle su sul sullo sui sugli sull sugl sulla sulle per tra contro io tu lui
  lei noi voi loro mio mia miei mie tuo tua tuoi tue suo sua suoi sue nostro nostra nostri nostre vostro vostra vostri vostre mi
  ti ci vi lo la li le gli ne il un uno una ma ed se perché anche come dov dove che chi cui non più quale quanto quanti quanta
  quante quello quelli quella quelle questo questi questa queste si tutto tutti a c e i l o ho hai ha abbiamo avete hanno abbia
  abbiate abbiano avrò avrai avrà avremo avrete avranno avrei avresti avrebbe avremmo avreste avrebbero avevo avevi aveva
  avevamo avevate avevano ebbi avesti ebbe avemmo aveste ebbero avessi avesse avessimo avessero avendo avuto avuta avuti avute
  sono sei è siamo siete sia siate siano sarò sarai sarà saremo sarete saranno sarei saresti sarebbe saremmo sareste sarebbero
  ero eri era eravamo eravate erano fui fosti fu fummo foste furono fossi fosse fossimo fossero essendo faccio fai facciamo
  fanno faccia facciate facciano farò farai farà faremo farete faranno farei faresti farebbe faremmo fareste farebbero facevo
  facevi faceva facevamo facevate facevano feci facesti fece facemmo faceste fecero facessi facesse facessimo facessero
  facendo sto stai sta stiamo stanno stia stiate stiano starò starai starà staremo starete staranno starei staresti starebbe
  staremmo stareste starebbero stavo stavi stava stavamo stavate stavano stetti stesti stette stemmo steste stettero stessi
  stesse stessimo stessero stando`.split(/\s+/),
);

const WORD = /[\p{L}\p{N}]+/gu;
const HAS_DIGIT = /\p{N}/u;

// Stems repeat a lot (a verbale says "famiglie" many times): a bounded cache spares the stemmer.
const stems = new Map<string, string | null>();

/** The index term of one word (as written), or null for a stop word. */
export function termOf(word: string): string | null {
  const lower = word.normalize("NFC").toLowerCase();
  const cached = stems.get(lower);
  if (cached !== undefined) return cached;
  const term = HAS_DIGIT.test(lower) ? lower : STOP_WORDS.has(lower) ? null : stemmer(lower);
  if (stems.size > 50_000) stems.clear();
  stems.set(lower, term);
  return term;
}

/** The text's index terms in order, for the SQLite FTS5 table (space-separated). */
export function termsText(text: string): string {
  const terms: string[] = [];
  for (const [word] of text.normalize("NFC").matchAll(WORD)) {
    const term = termOf(word);
    if (term) terms.push(term);
  }
  return terms.join(" ");
}

/** Plain text as stored in an entry: NFC (both databases then see the same characters), spaces squeezed. */
export const cleanText = (text: string) =>
  text
    .normalize("NFC")
    .replace(/[ \t\r\f\v]+/g, " ")
    .replace(/\s*\n\s*/g, "\n")
    .trim();

export const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 12;

export type ParsedQuery =
  | { status: "empty" }
  | { status: "tooLong" }
  /** Only stop words ("di", "per la"): nothing to look for. */
  | { status: "onlyStopWords" }
  | { status: "ok"; words: string[]; terms: string[] };

/**
 * What the user typed, as words: quotes, operators and FTS5 or tsquery syntax are just separators,
 * so nothing typed can reach either database as syntax. All words must match (AND).
 */
export function parseQuery(input: string): ParsedQuery {
  const text = input.trim();
  if (!text) return { status: "empty" };
  if (text.length > MAX_QUERY_LENGTH) return { status: "tooLong" };
  const words: string[] = [];
  const terms: string[] = [];
  for (const [word] of text.normalize("NFC").matchAll(WORD)) {
    const term = termOf(word);
    if (!term || terms.includes(term)) continue;
    words.push(word.toLowerCase());
    terms.push(term);
    if (terms.length === MAX_TERMS) break;
  }
  if (terms.length === 0) return words.length === 0 && !/[\p{L}\p{N}]/u.test(text) ? { status: "empty" } : { status: "onlyStopWords" };
  return { status: "ok", words, terms };
}

/** A piece of text, marked when it is a word matching the query. */
export interface Segment {
  text: string;
  mark: boolean;
}

interface Token {
  start: number;
  end: number;
  hit: string | null;
}

function tokens(text: string, terms: ReadonlySet<string>): Token[] {
  const found: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const term = termOf(match[0]);
    found.push({ start: match.index, end: match.index + match[0].length, hit: term && terms.has(term) ? term : null });
  }
  return found;
}

function segments(text: string, list: Token[], from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let at = from;
  for (const token of list) {
    if (!token.hit || token.start < from || token.end > to) continue;
    if (token.start > at) out.push({ text: text.slice(at, token.start), mark: false });
    out.push({ text: text.slice(token.start, token.end), mark: true });
    at = token.end;
  }
  if (at < to) out.push({ text: text.slice(at, to), mark: false });
  return out;
}

/** The whole text (a title) with the matching words marked. */
export function highlight(text: string, terms: readonly string[]): Segment[] {
  const normal = text.normalize("NFC");
  return segments(normal, tokens(normal, new Set(terms)), 0, normal.length);
}

const SNIPPET_WORDS = 30;

/**
 * A passage of about thirty words around the matches, with the matching words marked: the window
 * holding the most different query words, the earliest of them when several tie. Empty when the
 * text has no match (the title matched) and is empty; the text's start otherwise.
 */
export function snippet(text: string, terms: readonly string[]): Segment[] {
  const normal = text.normalize("NFC").replace(/\s+/g, " ").trim();
  if (!normal) return [];
  const list = tokens(normal, new Set(terms));
  let best = 0;
  let bestCount = 0;
  const counts = new Map<string, number>();
  const add = (token: Token | undefined, by: number) => {
    if (!token?.hit) return;
    const next = (counts.get(token.hit) ?? 0) + by;
    if (next === 0) counts.delete(token.hit);
    else counts.set(token.hit, next);
  };
  for (let i = 0; i < list.length; i += 1) {
    add(list[i], 1);
    add(list[i - SNIPPET_WORDS], -1);
    const first = Math.max(0, i - SNIPPET_WORDS + 1);
    if (counts.size > bestCount) {
      bestCount = counts.size;
      // Start a few words before the first match, so it reads in its sentence.
      const firstHit = list.slice(first, i + 1).findIndex((token) => token.hit !== null) + first;
      best = Math.max(0, firstHit - 5);
    }
  }
  const startToken = list[best];
  const endToken = list[Math.min(list.length - 1, best + SNIPPET_WORDS - 1)];
  const from = best === 0 || !startToken ? 0 : startToken.start;
  const to = endToken && best + SNIPPET_WORDS < list.length ? endToken.end : normal.length;
  const body = segments(normal, list, from, to);
  if (from > 0) body.unshift({ text: "… ", mark: false });
  if (to < normal.length) body.push({ text: " …", mark: false });
  return body;
}
