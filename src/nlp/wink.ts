// The adapter to wink-nlp: tokens (with UTF-16 offsets into the original text), universal POS tags,
// lemmas and sentence boundaries. The English model is loaded once, on first use, and shared.
// wink-nlp gives token values but not their offsets, so offsets are recovered here by walking the
// text; a token wink normalised beyond recognition is dropped rather than misplaced.

import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type WinkNlp = ReturnType<typeof winkNLP>;
let shared: WinkNlp | null = null;

export function loadNlp(): WinkNlp {
  if (!shared) shared = winkNLP(model, ['sbd', 'pos']);
  return shared;
}

export interface RawToken {
  start: number;
  end: number;
  text: string;
  pos: string;
  lemma: string;
}

export interface RawSentence {
  /** Token indices into the returned tokens (first inclusive, end exclusive). */
  firstToken: number;
  endToken: number;
}

export interface NlpResult {
  tokens: RawToken[];
  sentences: RawSentence[];
}

const WHITESPACE_ONLY = /^\s*$/u;

/**
 * wink-nlp's tokenizer takes time quadratic in the length of a run without white space (40,000
 * letters take a second). Such runs (a base64 blob, a hostile input) are cut out here and kept as
 * single tokens; the text around them is analysed normally.
 */
const LONG_RUN = /\S{200,}/gu;

/**
 * False when `text` surely has no run LONG_RUN matches: counts UTF-16 units between the commonest
 * white space characters, which never undercounts LONG_RUN's code points of non-space. A plain
 * loop: the regular expression's own scan cost 3% of the tokens stage on news text.
 */
function mayHaveLongRun(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0) run = 0;
    else if (++run >= 200) return true;
  }
  return false;
}

/** Tokenises, tags and splits one passage of text. Offsets are relative to `text`. */
export function analyseText(text: string): NlpResult {
  if (!mayHaveLongRun(text)) return analyseOrdinaryText(text);
  LONG_RUN.lastIndex = 0;
  if (!LONG_RUN.test(text)) return analyseOrdinaryText(text);
  LONG_RUN.lastIndex = 0;
  const result: NlpResult = { tokens: [], sentences: [] };
  const append = (part: NlpResult, offset: number): void => {
    const base = result.tokens.length;
    for (const t of part.tokens) result.tokens.push({ ...t, start: t.start + offset, end: t.end + offset });
    for (const s of part.sentences) result.sentences.push({ firstToken: s.firstToken + base, endToken: s.endToken + base });
  };
  let from = 0;
  for (let m = LONG_RUN.exec(text); m; m = LONG_RUN.exec(text)) {
    if (m.index > from) append(analyseOrdinaryText(text.slice(from, m.index)), from);
    const index = result.tokens.length;
    result.tokens.push({ start: m.index, end: m.index + m[0].length, text: m[0], pos: 'X', lemma: m[0].toLowerCase() });
    result.sentences.push({ firstToken: index, endToken: index + 1 });
    from = m.index + m[0].length;
  }
  if (from < text.length) append(analyseOrdinaryText(text.slice(from)), from);
  return result;
}

const LETTER = /[\p{L}\p{M}]/u;
/** Endings of domain names that news names as sources ("Znak.com", "oe24.at"). */
const TOP_LEVEL_DOMAINS = new Set(['com', 'org', 'net', 'gov', 'edu', 'int', 'io', 'co', 'uk', 'at', 'de', 'fr', 'ru', 'ua', 'it', 'es', 'nl', 'ch', 'pl', 'in', 'cn', 'jp', 'au', 'ca', 'us', 'info', 'news', 'tv']);
const NON_ASCII_LETTER = /[^\x00-\x7f]/u;

/** Two touching pieces of one word, cut where a letter outside ASCII joins them. */
function splitsWord(before: string, after: string): boolean {
  const a = before[before.length - 1] ?? '';
  const b = after[0] ?? '';
  return LETTER.test(a) && LETTER.test(b) && (NON_ASCII_LETTER.test(a) || NON_ASCII_LETTER.test(b));
}

function analyseOrdinaryText(text: string): NlpResult {
  const nlp = loadNlp();
  const its = nlp.its;
  const wdoc = nlp.readDoc(text);
  const values = wdoc.tokens().out(its.value) as string[];
  const posTags = wdoc.tokens().out(its.pos) as string[];
  // The lemma accessor's declared type does not fit `out`'s overload; it works at run time.
  const lemmas = wdoc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
  // Every entry is written below (one per wink token, and the end).
  const winkToOurs = new Int32Array(values.length + 1);
  const tokens: RawToken[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    winkToOurs[i] = tokens.length;
    if (value.length === 0 || WHITESPACE_ONLY.test(value)) continue;
    let at = text.startsWith(value, cursor) ? cursor : text.indexOf(value, cursor);
    // Only accept a match that skips white space, never real text.
    if (at < 0 || (at > cursor && !WHITESPACE_ONLY.test(text.slice(cursor, at)))) {
      at = -1;
    }
    if (at < 0) continue;
    const prev = tokens[tokens.length - 1];
    const host = tokens[tokens.length - 2];
    if (prev && host && prev.text === '.' && host.end === prev.start && prev.end === at && TOP_LEVEL_DOMAINS.has(value.toLowerCase()) && /\w$/u.test(host.text)) {
      // wink-nlp cuts a domain name at its dot ("Znak|.|com"): glue it back into one name.
      tokens.pop();
      winkToOurs[i] = tokens.length - 1;
      if (winkToOurs[i - 1] === tokens.length) winkToOurs[i - 1] = tokens.length - 1;
      host.end = at + value.length;
      host.text = text.slice(host.start, host.end);
      host.lemma = host.text.toLowerCase();
      host.pos = 'PROPN';
      cursor = host.end;
      continue;
    }
    if (prev && prev.end === at && splitsWord(prev.text, value)) {
      // wink-nlp cuts words at letters outside ASCII ("Erdo|ğ|an", "Gda|ń|sk"): glue them back.
      winkToOurs[i] = tokens.length - 1;
      prev.end = at + value.length;
      prev.text += value;
      prev.lemma = prev.text.toLowerCase();
      if (prev.pos === 'X') prev.pos = posTags[i] ?? 'X';
      cursor = prev.end;
      continue;
    }
    tokens.push({ start: at, end: at + value.length, text: value, pos: posTags[i] ?? 'X', lemma: lemmas[i] ?? value.toLowerCase() });
    cursor = at + value.length;
  }
  winkToOurs[values.length] = tokens.length;
  const sentences: RawSentence[] = [];
  wdoc.sentences().each((s: { out: (f: unknown) => unknown }) => {
    const [a, b] = s.out(its.span) as [number, number];
    const firstToken = winkToOurs[a] ?? -1;
    const endToken = winkToOurs[b + 1] ?? tokens.length;
    if (firstToken >= 0 && endToken > firstToken) sentences.push({ firstToken, endToken });
  });
  return { tokens, sentences };
}
