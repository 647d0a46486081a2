// Appositive descriptors: a role description set off by commas beside a name, kept on the name's
// mention as a descriptor span: after the name ("Andrii Kovaliov, military spokesman for the
// General Staff in Kyiv, said") or before it ("Ukraine's president, Volodymyr Zelensky, said").
// The description's own mention is consumed (it is a descriptor, not another referent).

import type { Doc, Token } from '../../core/doc.js';
import { qualifiedRole, type Mention } from './mentions.js';
import { HONORIFICS, ORGANIZATION_HEADS, ROLES, countryOfWord, type Gender } from './vocabulary.js';
import { COMMA } from '../../nlp/token-words.js';

/** Longest appositive, in tokens. */
const MAX_TOKENS = 20;
/** Words that open a clause, not an appositive (", who said", ", which"). */
const CLAUSE_OPENERS = new Set(['who', 'which', 'that', 'whose', 'whom', 'where', 'when', 'while', 'and', 'but', 'or', 'as', 'if', 'although', 'though', 'because', 'after', 'before', 'since', 'saying', 'adding']);

function isRoleToken(t: Token): boolean {
  return ROLES.has(t.lower) || ROLES.has(t.lemma);
}

/**
 * Finds appositives beside person and organisation names; adds them to the name mentions as
 * descriptors (with the roles, gender and nationality they give) and returns the mentions left
 * after removing the descriptions they consumed.
 */
export function attachAppositives(doc: Doc, mentions: Mention[]): Mention[] {
  const cues = new Set<number>();
  for (const s of doc.statements) cues.add(s.cue.start);
  const consumed = new Set<Mention>();
  // Made when the first appositive is found: most articles have none.
  let byFirstToken: Map<number, Mention[]> | null = null;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (m.kind !== 'name' || m.type === 'place' || m.type === 'document') continue;
    const range = appositiveOf(doc, m, cues);
    if (range) consumeDescriptions((byFirstToken ??= mentionsByFirstToken(mentions)), range[0], range[1], consumed);
  }
  return consumed.size ? mentions.filter((m) => !consumed.has(m)) : mentions;
}

/** The mentions listed under their first token. */
function mentionsByFirstToken(mentions: readonly Mention[]): Map<number, Mention[]> {
  const byFirstToken = new Map<number, Mention[]>();
  for (const m of mentions) {
    const list = byFirstToken.get(m.firstToken);
    if (list) list.push(m);
    else byFirstToken.set(m.firstToken, [m]);
  }
  return byFirstToken;
}

/**
 * The appositive beside a name mention, added to it as a descriptor: its token range, or null.
 * (A helper of its own, with the rare readings below in theirs, so that attachAppositives stays
 * small: as one function it was recompiled 4 times over the BBC set, each time one of them was
 * first reached.)
 */
function appositiveOf(doc: Doc, m: Mention, cues: ReadonlySet<number>): [number, number] | null {
  const tokens = doc.tokens;
  const sentence = doc.sentences[m.sentence]!;
  const after = m.endToken;
  const commaAfter = after < sentence.endToken && tokens[after]!.text === ',';
  if (m.type === null && commaAfter && after + 1 < sentence.endToken && agedOrWho(tokens, after + 1)) m.type = 'person';
  if (commaAfter) {
    const found = appositiveAfter(doc, after + 1, sentence.endToken, m.type === 'organization', cues);
    if (found) {
      addDescriptor(doc, m, found[0], found[1]);
      return found;
    }
  }
  // "Ukraine's president, Volodymyr Zelensky, said": a role description, a comma, the name.
  if (m.type === 'organization') return null;
  const before = m.firstToken - 1;
  if (before > sentence.firstToken && tokens[before]!.text === ',' && onlyHonorifics(doc, m)) {
    const closes = m.endToken >= sentence.endToken || NAME_CLOSERS.has(tokens[m.endToken]!.text) || tokens[m.endToken]!.pos === 'VERB';
    const range = closes ? appositiveBefore(doc, before, sentence.firstToken) : null;
    if (range) {
      addDescriptor(doc, m, range[0], range[1]);
      return range;
    }
  }
  return null;
}

/** Marks that may follow a name closed by an appositive before it. */
const NAME_CLOSERS = new Set([',', '.', ')', ';']);

/** "Sudesh Amman, 20,", "Emily Spanton, who …", "X, aged 53" (from tokens[k], after the comma): only people have ages and "who". */
function agedOrWho(tokens: Token[], k: number): boolean {
  const next = tokens[k]!;
  if (next.lower === 'who' || next.lower === 'aged') return true;
  // Every test is made on every call, not only after a number: reached for the first time after
  // attachAppositives was optimised (the first age comes late in the BBC set), each of them
  // deoptimised it, twice over the set, and it was compiled again.
  const commaAfter = k + 1 < tokens.length && COMMA.has(tokens[k + 1]!.text);
  const age = SHORT_NUMBER.test(next.text);
  return next.pos === 'NUM' && commaAfter && age;
}

const SHORT_NUMBER = /^\d{1,3}$/;
const SENTENCE_MARK = /^[.!?]$/;

/** The name has no descriptors yet but honorifics ("Mr", "Dr."). */
function onlyHonorifics(doc: Doc, m: Mention): boolean {
  for (const d of m.descriptors) if (!HONORIFICS.has(doc.text.slice(d.start, d.end).toLowerCase().replace(/\.$/, ''))) return false;
  return true;
}

/** The descriptions inside an appositive [a, b) are consumed by it. */
function consumeDescriptions(byFirstToken: ReadonlyMap<number, Mention[]>, a: number, b: number, consumed: Set<Mention>): void {
  for (let k = a; k < b; k++) {
    const list = byFirstToken.get(k);
    if (list) for (const inner of list) if (inner.kind === 'nominal' && inner.endToken <= b) consumed.add(inner);
  }
}

/** Token range [a, b) of an appositive that starts at `start`, or null. */
function appositiveAfter(doc: Doc, start: number, sentenceEnd: number, organization: boolean, cues: ReadonlySet<number>): [number, number] | null {
  const tokens = doc.tokens;
  if (start >= sentenceEnd) return null;
  const first = tokens[start]!;
  if (CLAUSE_OPENERS.has(first.lower) || first.pos === 'VERB' || first.pos === 'AUX' || first.pos === 'PRON' || first.pos === 'NUM') return null;
  if (/^[“"‘'(]/u.test(first.text)) return null;
  let k = start;
  let role = -1;
  let closedByCue = false;
  while (k < sentenceEnd && k - start < MAX_TOKENS) {
    const t = tokens[k]!;
    if (t.text === ',' || t.text === ';' || t.text === ')' || /^[“”"]$/u.test(t.text)) break;
    // "Rabbi Marvin Hier, founder of … the Simon Wiesenthal Center said": the closing comma left
    // out, the speech verb of a statement ends the appositive.
    // Only a bare role with its complement ("founder of …"): "…, the chancellor said" is the
    // attribution of a clause, not an appositive.
    if (role >= 0 && k > start && cues.has(t.start) && tokens[start]!.pos !== 'DET' && tokens[start]!.pos !== 'PROPN' && hasPreposition(tokens, role + 1, k)) {
      closedByCue = true;
      break;
    }
    if (t.lower === 'who' && role >= 0) {
      // "a UN rapporteur … who had investigated the case": the relative clause belongs to it.
      let j = k + 1;
      while (j < sentenceEnd && j - start < 2 * MAX_TOKENS && !COMMA.has(tokens[j]!.text) && !/^[“”"]$/u.test(tokens[j]!.text)) j++;
      k = j;
      break;
    }
    if (t.pos === 'AUX' || (t.pos === 'VERB' && !/^\p{Lu}/u.test(t.text) && !(role >= 0 && /(?:ing|ed)$/u.test(t.lower)))) {
      // "spokesman for the General Staff" may not contain a finite verb; a participle after the
      // role may stand ("a Toronto lawyer representing Spanton").
      return null;
    }
    if (role < 0 && (isRoleToken(t) || (organization && ORGANIZATION_HEADS.has(t.lower)))) role = k;
    k++;
  }
  if (role < 0 || role - start > 6 || k === start) return null;
  // "Abu Dhabi Media, Dr Ali bin Tamim,": an honorific and a name are another name, not a role.
  if (HONORIFICS.has(tokens[role]!.lower.replace(/\.$/, '')) && isNameAfterHonorifics(tokens, start, k)) return null;
  // It must close: a comma, a semicolon, the end of the sentence (or its final mark), or a closing
  // bracket. The final mark is tested on every call, so that its first use does not deoptimise
  // appositiveAfter (see agedOrWho).
  const closer = k < sentenceEnd ? tokens[k]!.text : '';
  const finalMark = SENTENCE_MARK.test(closer);
  const endsSentence = k === sentenceEnd - 1 && finalMark;
  if (k < sentenceEnd && !closedByCue && !(closer === ',' || closer === ')' || closer === ';') && !endsSentence) return null;
  let end = k;
  while (end > start && SENTENCE_MARK.test(tokens[end - 1]!.text)) end--;
  return end > start ? [start, end] : null;
}

/**
 * The role description before a name, from the previous comma or the sentence start up to the comma
 * before the name ("the president of the Tunisian League for the Defence of Human Rights, | Jamel
 * Msallem"), or null when that stretch is no role description.
 */
function appositiveBefore(doc: Doc, comma: number, sentenceStart: number): [number, number] | null {
  const tokens = doc.tokens;
  let a = comma;
  while (a > sentenceStart && !COMMA.has(tokens[a - 1]!.text) && comma - a < MAX_TOKENS) a--;
  if (a === comma || (a > sentenceStart && !COMMA.has(tokens[a - 1]!.text))) return null;
  // '"…," the general manager of Abu Dhabi Media, Ali bin Tamim': a closing quotation mark
  // before the description is no part of it.
  while (a < comma && /^[“”"]$/u.test(tokens[a]!.text)) a++;
  // "According to the El Paso mayor, Dee Margo": the description starts after the preposition.
  while (a < comma && (tokens[a]!.pos === 'ADP' || tokens[a]!.pos === 'PART' || tokens[a]!.pos === 'SCONJ' || tokens[a]!.lower === 'according')) a++;
  if (a === comma) return null;
  // The head role: the last role word before any preposition ("Merkel's spokesperson", "the
  // president | of the Tunisian League …").
  let role = -1;
  let complement = false;
  for (let k = a; k < comma; k++) {
    const t = tokens[k]!;
    if ((t.pos === 'VERB' && !/^\p{Lu}/u.test(t.text)) || t.pos === 'AUX' || t.pos === 'PRON' || /^[“”"]$/u.test(t.text)) return null;
    if (t.pos === 'ADP') complement = true;
    if (!complement && ROLES.has(t.lower)) role = k;
  }
  if (role < 0) {
    // "a Republican, Mark Amodei": a short indefinite description is a descriptor too.
    const det = tokens[a]!;
    const last = tokens[comma - 1]!;
    if ((det.lower === 'a' || det.lower === 'an') && comma - a <= 4 && (last.pos === 'NOUN' || last.pos === 'PROPN')) return [a, comma];
    return null;
  }
  // "Politicians and the Archbishop of Gdańsk, Sławoj Leszek Głódź": the description starts after "and".
  for (let k = role - 1; k >= a; k--) {
    if (tokens[k]!.pos === 'CCONJ') {
      a = k + 1;
      break;
    }
  }
  // The role heads the stretch: only complements ("of …", "for …") may follow it.
  for (let k = role + 1; k < comma; k++) {
    const t = tokens[k]!;
    if (t.pos === 'ADP') break;
    if (!isRoleToken(t) && t.pos !== 'PUNCT') return null;
  }
  const first = tokens[a]!;
  if (CLAUSE_OPENERS.has(first.lower) || first.pos === 'ADP' || first.pos === 'SCONJ') return null;
  return [a, comma];
}

function hasPreposition(tokens: Token[], a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (tokens[k]!.pos === 'ADP') return true;
  return false;
}

/** Tokens [a, b) are honorifics and capitalised words only, with at least one word that is no honorific. */
function isNameAfterHonorifics(tokens: Token[], a: number, b: number): boolean {
  let name = false;
  for (let k = a; k < b; k++) {
    const t = tokens[k]!;
    if (HONORIFICS.has(t.lower.replace(/\.$/, ''))) continue;
    if (!/^\p{Lu}/u.test(t.text) && !(name && /^(?:bin|bint|al|el|de|da|van|von|der|la|le|di|du|ibn)$/u.test(t.lower))) return false;
    name = true;
  }
  return name;
}

function addDescriptor(doc: Doc, m: Mention, a: number, b: number): void {
  const tokens = doc.tokens;
  m.descriptors.push({ start: tokens[a]!.start, end: tokens[b - 1]!.end });
  let gender: Gender = '';
  for (let k = a; k < b; k++) {
    const t = tokens[k]!;
    if (isRoleToken(t)) {
      const role = qualifiedRole(tokens, k);
      if (!m.roles.includes(role)) m.roles.push(role);
      gender = gender || ROLES.get(ROLES.has(t.lower) ? t.lower : t.lemma) || '';
      break;
    }
  }
  if (gender && (!m.gender || m.genderFromName)) {
    m.gender = gender;
    m.genderFromName = false;
  }
  if (!m.nationality) {
    for (let k = a; k < b && !m.nationality; k++) if (/^\p{Lu}/u.test(tokens[k]!.text)) m.nationality = countryOfWord(tokens[k]!.text, tokens[k]!.lower);
  }
  if (m.type === null && m.roles.length) m.type = 'person';
}
