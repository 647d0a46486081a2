// Speakers across articles: linking an article's speaker entity to one ledger speaker record, with
// a confidence on every automatic link. Names are compared in a normal form (no accents, case,
// possessives or honorifics). The rules, in order:
//   1. an alias pinned by a manual merge or split decides (confidence 1);
//   2. the entity's fullest name is already an alias of a speaker of a compatible type (0.95; 0.6
//      when several speakers share it, the busiest wins);
//   3. people (and sources of unknown type) only: the surname matches a speaker whose full names do not contradict the first
//      name ("Putin" and "Vladimir Putin" yes, "Tony Blair" and "Cherie Blair" no): 0.75 when one
//      speaker fits, 0.4 when several do (the busiest wins);
//   4. otherwise a new speaker record (confidence 1: nothing else was a candidate).
// Descriptive mentions ("the Russian leader") are kept as dated descriptors, never used to link;
// a source known only by description ("a spokesman") gets no ledger speaker at all.

import type { EntityJson } from '../core/format.js';
import type { EntityType } from '../core/model.js';
import type { AliasMatch, StoreOps } from '../store/port.js';
import { loadLexicon } from '../nlp/lexicon.js';

const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'rev', 'reverend',
  'president', 'prime', 'minister', 'chancellor', 'senator', 'sen', 'rep', 'gov', 'governor', 'mayor', 'judge',
  'general', 'gen', 'col', 'colonel', 'capt', 'captain', 'sgt', 'king', 'queen', 'prince', 'princess', 'pope',
  'secretary', 'chairman', 'chairwoman', 'ceo', 'mp', 'mep',
]);

const PRONOUNS = new Set([
  'he', 'she', 'they', 'it', 'we', 'i', 'you', 'him', 'her', 'them', 'us', 'me', 'his', 'hers', 'their', 'its', 'our',
  'this', 'that', 'who', 'which', 'one',
]);

/**
 * Results of the pure name functions below, by input string: the same names recur in article
 * after article, and these functions run several regular expressions each. Emptied when large.
 */
function memo<T>(fn: (s: string) => T, limit = 50_000): (s: string) => T {
  const cache = new Map<string, T>();
  return (s: string): T => {
    let hit = cache.get(s);
    if (hit === undefined && !cache.has(s)) {
      if (cache.size >= limit) cache.clear();
      hit = fn(s);
      cache.set(s, hit);
    }
    return hit as T;
  };
}

/** Lower case, no accents, no possessive 's, punctuation as spaces, no leading "the". */
export const normalizeName: (s: string) => string = memo(computeNormalizedName);

function computeNormalizedName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

/**
 * A name with the titles before it split off: "UK Chancellor Gordon Brown" -> title "UK
 * Chancellor", name "Gordon Brown"; "Mr Blair" -> "Mr", "Blair". Everything up to the last role or
 * honorific word is title, as long as a name follows it ("Prime Minister" stays whole).
 */
export const splitTitle: (s: string) => Readonly<{ title: string | null; name: string }> = memo(computeSplitTitle);

function computeSplitTitle(s: string): { title: string | null; name: string } {
  const words = s.replace(/\s+/g, ' ').trim().split(' ');
  for (let i = words.length - 2; i >= 0; i--) {
    const w = words[i]!.toLowerCase().replace(/[^\p{L}\p{N}-]/gu, '');
    if (!isRoleWord(w)) continue;
    const rest = words.slice(i + 1);
    const last = rest[rest.length - 1]!.toLowerCase().replace(/[^\p{L}\p{N}-]/gu, '');
    if ((rest.length === 1 && isRoleWord(last)) || !/^\p{Lu}/u.test(rest[0]!)) return { title: null, name: s.trim() };
    return { title: words.slice(0, i + 1).join(' '), name: rest.join(' ') };
  }
  return { title: null, name: s.trim() };
}

/** The normal form with titles before the name removed ("President Vladimir Putin" -> "vladimir putin"). */
export const personNameNorm: (s: string) => string = memo((s) => normalizeName(splitTitle(s).name));

export function isPronoun(s: string): boolean {
  return PRONOUNS.has(normalizeName(s));
}

/** Nouns that, alone or at the end of a mention, describe rather than name ("Analysts", "the Home Secretary"). */
const DESCRIPTIVE_NOUNS = new Set([
  'analyst', 'analysts', 'official', 'officials', 'source', 'sources', 'expert', 'experts', 'critic', 'critics', 'report', 'reports',
  'police', 'officer', 'officers', 'observer', 'observers', 'witness', 'witnesses', 'resident', 'residents', 'campaigner', 'campaigners',
  'investigator', 'investigators', 'economist', 'economists', 'researcher', 'researchers', 'scientist', 'scientists', 'doctor', 'doctors',
  'lawyer', 'lawyers', 'prosecutor', 'prosecutors', 'spokesman', 'spokeswoman', 'spokesperson', 'spokespeople', 'spokesmen', 'minister',
  'ministers', 'secretary', 'leader', 'leaders', 'chancellor', 'president', 'chairman', 'chairwoman', 'chief', 'executive', 'executives',
  'company', 'firm', 'government', 'group', 'team', 'club', 'board', 'statement', 'study', 'survey', 'figures', 'data', 'people', 'fans',
  'manager', 'coach', 'boss', 'players', 'player', 'mps', 'ministry', 'department', 'agency', 'court', 'judge', 'union', 'unions',
  'prince', 'princess', 'king', 'queen', 'director', 'founder', 'members', 'member', 'staff', 'workers', 'users', 'customers',
]);

let roleWords: Set<string> | null = null;
/** Role nouns from the shared lexicon (lexicons/roles.json), with the built-in list as a fallback. */
function isRoleWord(word: string): boolean {
  if (!roleWords) {
    roleWords = new Set(DESCRIPTIVE_NOUNS);
    try {
      const lex = loadLexicon<{ roles?: Record<string, string>; honorifics?: unknown }>('roles');
      for (const k of Object.keys(lex.roles ?? {})) roleWords.add(k.toLowerCase());
    } catch {
      // The built-in list stands alone.
    }
  }
  return roleWords.has(word) || HONORIFICS.has(word);
}

const DETERMINER = /^(the|this|that|these|those|his|her|their|its|our|a|an)\s+/i;
/** Lower-case words a name may contain ("Bank of England", "Ludwig van Beethoven"). */
const CONNECTORS = new Set(['of', 'the', 'and', 'for', 'de', 'da', 'do', 'dos', 'van', 'von', 'der', 'den', 'al', 'el', 'bin', 'ibn', 'la', 'le', 'du', 'di', 'y', 'on', 'in', 'at', '&']);
/** Words that open a description, never a name ("Some", "Many analysts"). */
const QUANTIFIERS = new Set(['some', 'many', 'most', 'several', 'all', 'both', 'few', 'other', 'others', 'another', 'each', 'every', 'any', 'no', 'more', 'two', 'three', 'four']);
/** Sentence-initial words that are capitalised only because they open the sentence. */
const OPENERS = new Set(['in', 'on', 'at', 'for', 'by', 'after', 'before', 'but', 'and', 'as', 'with', 'from', 'when', 'while', 'if', 'since', 'during', 'under', 'over', 'meanwhile', 'however', 'also', 'so', 'then', 'now', 'yet', 'speaking', 'asked', 'according']);

/**
 * A mention that names someone: after a leading "the", every word is capitalised (or a connector
 * such as "of"), and the last word is not a role or generic noun ("Vladimir Putin", "the Bank of
 * England"). "a ..." (indefinite), "the Home Secretary", "A spokesman", "Analysts", "some senior
 * Tories", "the middle of a tour of the UK", contractions and pronouns describe rather than name.
 */
export const isNameLike: (s: string) => boolean = memo(computeIsNameLike);

function computeIsNameLike(s: string): boolean {
  const t = s.replace(/\s+/g, ' ').trim();
  if (!t || isPronoun(t)) return false;
  const det = DETERMINER.exec(t);
  if (det && /^(a|an)$/i.test(det[1]!)) return false;
  const rest = det ? t.slice(det[0].length) : t;
  const words = rest.split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (!words.length) return false;
  const first = words[0]!.toLowerCase();
  if (QUANTIFIERS.has(first) || OPENERS.has(first) || isPronoun(first) || /^\p{L}+['\u2019](m|re|ve|ll|d)$/iu.test(words[0]!)) return false;
  if (/^\p{N}+$/u.test(words[0]!)) return false;
  for (const w of words) {
    if (/^[\p{Lu}\p{N}]/u.test(w)) continue;
    if (CONNECTORS.has(w.toLowerCase())) continue;
    return false;
  }
  const last = words[words.length - 1]!.replace(/['\u2019]s$/, '');
  if (CONNECTORS.has(last.toLowerCase())) return false;
  const lastLower = last.toLowerCase().replace(/[^\p{L}\p{N}-]/gu, '');
  if (isRoleWord(lastLower)) return false;
  if (words.length === 1 && isRoleWord(lastLower.replace(/s$/, ''))) return false;
  return true;
}

export interface NameAlias {
  alias: string;
  norm: string;
}

/** The name a mention gives (titles split off for people), or null when it names no one. */
function aliasOf(raw: string, personal: boolean): Readonly<NameAlias> | null {
  const whole = raw.replace(/\s+/g, ' ').trim().replace(/['\u2019]s$/, '');
  if (!isNameLike(whole)) return null;
  const alias = personal ? splitTitle(whole).name : whole;
  const norm = normalizeName(alias);
  if (!norm || isPronoun(norm)) return null;
  return { alias, norm };
}
const personalAlias = memo((raw) => aliasOf(raw, true));
const plainAlias = memo((raw) => aliasOf(raw, false));

/** The entity's names (canonical name and name-like mentions), de-duplicated by normal form. */
export function nameAliases(e: Pick<EntityJson, 'name' | 'type' | 'mentions'>): NameAlias[] {
  const byNorm = new Map<string, NameAlias>();
  const personal = e.type === 'person' || e.type === 'other';
  const add = (raw: string): void => {
    const named = (personal ? personalAlias : plainAlias)(raw);
    if (named && !byNorm.has(named.norm)) byNorm.set(named.norm, named);
  };
  add(e.name);
  for (const m of e.mentions) add(m.text);
  return [...byNorm.values()];
}

/** Titles written before a person's name in its mentions ("US Defense Secretary" Lloyd Austin). */
export function titlesOf(e: Pick<EntityJson, 'name' | 'type' | 'mentions'>): string[] {
  if (e.type !== 'person' && e.type !== 'other') return [];
  const out = new Set<string>();
  for (const raw of [e.name, ...e.mentions.map((m) => m.text)]) {
    const t = raw.replace(/\s+/g, ' ').trim();
    if (!isNameLike(t)) continue;
    const { title } = splitTitle(t);
    if (title) out.add(title.replace(/^(the|The)\s+/, ''));
  }
  return [...out];
}

/** Mentions that describe rather than name ("the Russian leader"), kept as descriptors. */
export function descriptiveMentions(e: Pick<EntityJson, 'mentions'>): string[] {
  const out = new Set<string>();
  for (const m of e.mentions) {
    const t = m.text.replace(/\s+/g, ' ').trim();
    if (t && !isPronoun(t) && !isNameLike(t) && t.split(' ').length >= 2) out.add(t);
  }
  return [...out];
}

/** Role-lexicon words that describe a person without naming a post they hold. */
const NOT_OFFICES = new Set(['accused', 'man', 'woman', 'boy', 'girl', 'host', 'suspect', 'victim', 'people', 'person', 'guy', 'child', 'mother', 'father', 'wife', 'husband', 'son', 'daughter']);
const BARE_HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'dame', 'prof']);

/**
 * A descriptor worth keeping: trailing honorifics and connectors cut ("prime minister and Mr" ->
 * "prime minister"), and it must hold a role or office word ("US Defense Secretary", "the
 * Russian leader"); "Mr" alone, or words that only stood next to a name, are dropped.
 */
export const cleanDescriptor: (raw: string) => string | null = memo(computeCleanDescriptor);

function computeCleanDescriptor(raw: string): string | null {
  const words = raw.replace(/\s+/g, ' ').trim().replace(/[,;:]+$/, '').split(' ').filter(Boolean);
  while (words.length && (BARE_HONORIFICS.has(words[words.length - 1]!.toLowerCase().replace(/\.$/, '')) || CONNECTORS.has(words[words.length - 1]!.toLowerCase()))) words.pop();
  if (!words.length) return null;
  // The head (last word) must be an office or role, and not a word that says what someone did
  // or is rather than what post they hold.
  const head = words[words.length - 1]!.toLowerCase().replace(/[^\p{L}-]/gu, '');
  const office = isRoleWord(head) && !BARE_HONORIFICS.has(head) && !NOT_OFFICES.has(head);
  return office && words.length <= 8 ? words.join(' ') : null;
}

export function typesCompatible(a: EntityType, b: EntityType): boolean {
  return a === b || a === 'other' || b === 'other';
}

function firstNamesCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === 1 || b.length === 1) return a[0] === b[0];
  return false;
}

export interface SpeakerLink {
  speakerId: number;
  confidence: number;
  /** The normal form the link was made through. */
  norm: string;
  created: boolean;
}

function busiest(ms: AliasMatch[]): AliasMatch {
  return ms.reduce((best, m) => (m.statements > best.statements || (m.statements === best.statements && m.speakerId < best.speakerId) ? m : best));
}

/** Links one speaker entity of an article to a ledger speaker, creating one when none fits. */
export async function linkSpeaker(tx: StoreOps, e: EntityJson, seen: string): Promise<SpeakerLink | null> {
  const aliases = nameAliases(e);
  const primary: NameAlias | undefined = aliases.reduce<NameAlias | undefined>(
    (best, a) => (!best || a.norm.split(' ').length > best.norm.split(' ').length ? a : best),
    undefined,
  );
  // A source known only by description ("a spokesman", "the company") is no one in particular
  // across articles: its statements keep their source text and get no ledger speaker.
  if (!primary) return null;
  const norms = aliases.map((a) => a.norm);
  const matches = (await tx.aliasMatches(norms)).filter((m) => typesCompatible(m.type, e.type) || m.pinned);

  let link: SpeakerLink | null = null;
  const pinned = matches.filter((m) => m.pinned);
  if (pinned.length) {
    const onPrimary = pinned.filter((m) => m.norm === primary.norm);
    link = { speakerId: busiest(onPrimary.length ? onPrimary : pinned).speakerId, confidence: 1, norm: primary.norm, created: false };
  }
  if (!link) {
    const exact = matches.filter((m) => m.norm === primary.norm);
    const speakers = new Set(exact.map((m) => m.speakerId));
    if (exact.length) link = { speakerId: busiest(exact).speakerId, confidence: speakers.size === 1 ? 0.95 : 0.6, norm: primary.norm, created: false };
  }
  if (!link && (e.type === 'person' || e.type === 'other')) {
    const words = primary.norm.split(' ');
    const surname = words[words.length - 1]!;
    const first = words.length > 1 ? words[0]! : null;
    const bySpeaker = new Map<number, AliasMatch[]>();
    for (const m of await tx.surnameMatches(surname)) {
      if (!typesCompatible(m.type, e.type)) continue;
      bySpeaker.set(m.speakerId, [...(bySpeaker.get(m.speakerId) ?? []), m]);
    }
    const fitting: AliasMatch[] = [];
    for (const ms of bySpeaker.values()) {
      // The speaker's own surname must be this one: "Alun Michael" is not "Michael Howard", even
      // when an article called Michael Howard "Michael".
      const own = personNameNorm(ms[0]!.name).split(' ');
      if (own[own.length - 1] !== surname) continue;
      const fulls = ms.filter((m) => m.norm.split(' ').length > 1);
      const ok = first === null || fulls.every((m) => firstNamesCompatible(m.norm.split(' ')[0]!, first));
      if (ok) fitting.push(busiest(ms));
    }
    if (fitting.length) link = { speakerId: busiest(fitting).speakerId, confidence: fitting.length === 1 ? 0.75 : 0.4, norm: primary.norm, created: false };
  }
  if (!link) {
    const id = await tx.createSpeaker(primary.alias, e.type, seen);
    link = { speakerId: id, confidence: 1, norm: primary.norm, created: true };
  } else if (primary.norm.split(' ').length > 1) {
    // A fuller name than the record's own becomes its display name ("Putin" -> "Vladimir Putin").
    const sp = await tx.getSpeaker(link.speakerId);
    if (sp && personNameNorm(sp.name).split(' ').length < primary.norm.split(' ').length) await tx.renameSpeaker(sp.id, primary.alias);
  }
  for (const a of aliases) await tx.addAlias(link.speakerId, a.alias, a.norm, seen);
  for (const [norm, text] of speakerDescriptors(e)) await tx.addDescriptor(link.speakerId, text, norm, seen);
  return link;
}

/** The descriptors linking an entity records on its speaker, by normal form: its own, its titles, its descriptive mentions. */
function speakerDescriptors(e: EntityJson): Map<string, string> {
  const descriptors = new Map<string, string>();
  for (const raw of [...e.descriptors.map((d) => d.text), ...titlesOf(e), ...descriptiveMentions(e)]) {
    const text = cleanDescriptor(raw);
    if (text && !descriptors.has(normalizeName(text))) descriptors.set(normalizeName(text), text);
  }
  return descriptors;
}

/**
 * Undoes what linkSpeaker recorded for one entity on the speaker its statements are linked to
 * (after any manual merge or split, the speaker they were moved to): one count off each of its
 * names and descriptors, so that names only a replaced analysis gave disappear again. Pinned names
 * stay whatever their count. The speaker record itself and its display name stay.
 */
export async function unlinkSpeaker(tx: StoreOps, e: EntityJson, speakerId: number): Promise<void> {
  for (const a of nameAliases(e)) await tx.releaseAlias(speakerId, a.norm);
  for (const norm of speakerDescriptors(e).keys()) await tx.releaseDescriptor(speakerId, norm);
}
