// The word knowledge the entities stage reasons with, loaded once when the module loads: role and
// title nouns, organisation and document heads, collective nouns, third-person pronouns (our own
// lexicons/ JSON), country names, capitals and demonyms (the world-countries package), the regions,
// sub-national units and large cities lexicons/places.json adds to them, and the usual
// gender of first names (the gender-detection-from-name package's lists, read by first-names.ts).
// Nothing here is per article.

import { createRequire } from 'node:module';
import { loadLexicon } from '../../nlp/lexicon.js';
import { genderOfFirstName } from './first-names.js';

export type Gender = 'm' | 'f' | '';
export type GrammaticalNumber = 'sg' | 'pl';

export interface PronounInfo {
  gender: Gender;
  number: GrammaticalNumber;
  /** person: refers to a human; thing: to an organisation, place, document; any: either. */
  kind: 'person' | 'thing' | 'any';
  case: 'subject' | 'object' | 'possessive' | 'reflexive';
  /** Grammatical person: 'third' for the lexicon's pronouns; first and second come from first-person.ts. */
  person: 'first' | 'second' | 'third';
}

interface RolesLexicon {
  roles: Record<string, Gender>;
  equivalent: string[][];
  leaderRoles: string[];
  honorifics: string[];
  modifiers: string[];
}
interface OrganizationsLexicon {
  heads: string[];
  suffixes: string[];
  known: string[];
  documents: string[];
  collectives: string[];
  generic: string[];
}

interface PlacesLexicon {
  heads: string[];
  regions: string[];
  /** Country (world-countries' common name) → its sub-national units news names ("Texas"). */
  subdivisions: Record<string, string[]>;
  /** Country → its large cities that are not its capital ("Houston"). */
  cities: Record<string, string[]>;
}

interface CountryRecord {
  name: { common: string; official: string };
  altSpellings: string[];
  capital: string[];
  cca2: string;
  demonyms?: { eng?: { m: string; f: string } };
}

const require = createRequire(import.meta.url);

const roles = loadLexicon<RolesLexicon>('roles');
const organizations = loadLexicon<OrganizationsLexicon>('organizations');
const pronounLexicon = loadLexicon<{ pronouns: Record<string, Omit<PronounInfo, 'person'>> }>('pronouns');
const placeLexicon = loadLexicon<PlacesLexicon>('places');
const nonNames = loadLexicon<{ calendar: string[]; words: string[] }>('non-names');

/** Role nouns ("president", "spokesman") with the gender they imply. Keys are lower case. */
export const ROLES: ReadonlyMap<string, Gender> = new Map(Object.entries(roles.roles));
/** Roles a description headed by "leader" may refer to. */
export const LEADER_ROLES: ReadonlySet<string> = new Set(roles.leaderRoles);
export const HONORIFICS: ReadonlySet<string> = new Set(roles.honorifics);
/** Role word → a canonical member of its class of equivalent roles ("secretary" → "minister"). */
const ROLE_CLASS = new Map<string, string>();
for (const group of roles.equivalent ?? []) for (const r of group) ROLE_CLASS.set(r, group[0]!);
/** Whether two roles name the same office ("foreign minister" and "foreign secretary"). */
export function sameRole(a: string, b: string): boolean {
  if (a === b) return true;
  // The qualifier is what comes before the last space ("deputy" in "deputy governor"), or ''.
  const spaceA = a.lastIndexOf(' ');
  const spaceB = b.lastIndexOf(' ');
  if ((spaceA < 0 ? '' : a.slice(0, spaceA)) !== (spaceB < 0 ? '' : b.slice(0, spaceB))) return false;
  const ra = spaceA < 0 ? a : a.slice(spaceA + 1);
  const rb = spaceB < 0 ? b : b.slice(spaceB + 1);
  return (ROLE_CLASS.get(ra) ?? ra) === (ROLE_CLASS.get(rb) ?? rb);
}
/** Lower-case words that may precede a role inside a title ("deputy foreign minister"). */
export const ROLE_MODIFIERS: ReadonlySet<string> = new Set(roles.modifiers);
export const ORGANIZATION_HEADS: ReadonlySet<string> = new Set(organizations.heads);
export const ORGANIZATION_SUFFIXES: ReadonlySet<string> = new Set(organizations.suffixes);
/** Names of organisations that carry no head word ("Reuters", "Kremlin", "FSB"), lower case. */
export const KNOWN_ORGANIZATIONS: ReadonlySet<string> = new Set(organizations.known);
/** First words of the known organisations' names of two or more words ("al", "associated", "white"). */
export const KNOWN_ORGANIZATION_OPENERS: ReadonlySet<string> = new Set(organizations.known.filter((n) => n.includes(' ')).map((n) => n.slice(0, n.indexOf(' '))));
export const DOCUMENT_HEADS: ReadonlySet<string> = new Set(organizations.documents);
export const COLLECTIVES: ReadonlySet<string> = new Set(organizations.collectives);

/** Bits of headKinds: which of the head-word lexicons hold a word. */
export const ROLE_WORD = 1;
export const ORGANIZATION_HEAD = 2;
export const DOCUMENT_HEAD = 4;
export const COLLECTIVE = 8;
const HEAD_KINDS = new Map<string, number>();
for (const [words, bit] of [[ROLES.keys(), ROLE_WORD], [ORGANIZATION_HEADS, ORGANIZATION_HEAD], [DOCUMENT_HEADS, DOCUMENT_HEAD], [COLLECTIVES, COLLECTIVE]] as const) {
  for (const w of words) HEAD_KINDS.set(w, (HEAD_KINDS.get(w) ?? 0) | bit);
}

/**
 * The lexicons among ROLES, ORGANIZATION_HEADS, DOCUMENT_HEADS and COLLECTIVES that hold `word`,
 * as bits: one lookup where a description's head was looked up in each in turn.
 */
export function headKinds(word: string): number {
  return HEAD_KINDS.get(word) ?? 0;
}
/** Heads that describe an organisation only by its kind ("the publication", "the company"). */
export const GENERIC_ORGANIZATION_HEADS: ReadonlySet<string> = new Set(organizations.generic);
/**
 * Every PronounInfo is made here, so that all have one object shape: the lexicon's, made by a
 * spread, and first-person.ts's literals had two, and coreference's pronoun linking, which reads
 * both, deoptimised on meeting the second ('wrong map', 4 times over the BBC set).
 */
export function pronounInfo(gender: Gender, number: GrammaticalNumber, kind: PronounInfo['kind'], grammaticalCase: PronounInfo['case'], person: PronounInfo['person']): PronounInfo {
  return { gender, number, kind, case: grammaticalCase, person };
}
/** Third-person pronouns (lexicons/pronouns.json), each marked as such. */
export const PRONOUNS: ReadonlyMap<string, PronounInfo> = new Map(
  Object.entries(pronounLexicon.pronouns).map(([word, info]) => [word, pronounInfo(info.gender, info.number, info.kind, info.case, 'third')]),
);
/** Capitalised words that never name an entity on their own (days, months, "Updates"). */
export const NON_NAMES: ReadonlySet<string> = new Set([...nonNames.calendar, ...nonNames.words]);
/** Days, months and holidays: no part of a name unless a name precedes them ("Theresa May"). */
export const CALENDAR: ReadonlySet<string> = new Set(nonNames.calendar);

/** Nouns that head a place name built with "of" ("Gulf of Oman"). */
export const PLACE_HEADS: ReadonlySet<string> = new Set(placeLexicon.heads);

/**
 * Lower-cased place name (country, official name, common alternative, capital, sub-national unit,
 * large city) → the country it is or lies in; null for a region that lies in no one country
 * ("Europe", "Middle East"), which is a place but gives no country or nationality.
 */
export const PLACES: ReadonlyMap<string, string | null> = new Map();
/** Lower-cased demonym ("russian", "north korean") → country name ("Russia", "North Korea"). */
export const DEMONYMS: ReadonlyMap<string, string> = new Map();
/** Country codes that news writes as names of the country ("US", "UK"). */
const CODE_NAMES = new Set(['US', 'USA', 'UK', 'UAE', 'DRC', 'PRC', 'ROK', 'DPRK', 'U.S.', 'U.K.', 'U.S.A.']);

function loadPlaces(): void {
  const places = PLACES as Map<string, string | null>;
  const demonyms = DEMONYMS as Map<string, string>;
  const countries = require('world-countries') as CountryRecord[];
  const add = <V>(map: Map<string, V>, key: string, country: V): void => {
    const k = key.toLowerCase();
    if (k.length >= 2 && !map.has(k)) map.set(k, country);
  };
  for (const c of countries) {
    const country = c.name.common;
    add(places, country, country);
    add(places, c.name.official, country);
    for (const alt of c.altSpellings) {
      // Two-letter ISO codes are not names ("IN", "IT" are words), except the few news uses.
      if (alt.length <= 3 && alt === alt.toUpperCase() && !CODE_NAMES.has(alt)) continue;
      if (/^[\p{Script=Latin}\s.'’-]+$/u.test(alt)) add(places, alt, country);
    }
    for (const cap of c.capital ?? []) add(places, cap, country);
    const d = c.demonyms?.eng;
    if (d) {
      add(demonyms, d.m, country);
      add(demonyms, d.f, country);
    }
  }
  for (const code of CODE_NAMES) {
    const country = code.startsWith('U.S') || code === 'US' || code === 'USA' ? 'United States' : code.startsWith('U.K') || code === 'UK' ? 'United Kingdom' : null;
    if (country) add(places, code, country);
  }
  add(places, 'America', 'United States');
  add(places, 'Britain', 'United Kingdom');
  add(places, 'Kiev', 'Ukraine');
  add(places, 'Turkey', 'Türkiye');
  // After the countries' own names, so that a name both read ("Georgia", "Plymouth") keeps the country's reading.
  for (const region of placeLexicon.regions) add(places, region, null);
  for (const lists of [placeLexicon.subdivisions, placeLexicon.cities]) {
    for (const [country, names] of Object.entries(lists)) for (const name of names) add(places, name, country);
  }
  add(demonyms, 'US', 'United States');
  add(demonyms, 'U.S.', 'United States');
  add(demonyms, 'UK', 'United Kingdom');
  add(demonyms, 'English', 'United Kingdom');
  add(demonyms, 'Scottish', 'United Kingdom');
  add(demonyms, 'Welsh', 'United Kingdom');
  add(demonyms, 'Soviet', 'Russia');
  add(demonyms, 'Kurdish', 'Kurdistan');
  add(demonyms, 'Palestinian', 'Palestine');
  add(demonyms, 'European', 'Europe');
}
loadPlaces();

/** The usual gender of a first name, or '' when the name lists do not know it. Weak evidence only. */
export function firstNameGender(name: string): Gender {
  const hit = genderMemo.get(name);
  if (hit !== undefined) return hit;
  // The lists (first-names.ts) are read on first use, so that commands and tests that never
  // resolve a speaker do not pay for them.
  const g = genderOfFirstName(name.toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''));
  const gender: Gender = g === 'male' ? 'm' : g === 'female' ? 'f' : '';
  if (genderMemo.size > 50_000) genderMemo.clear();
  genderMemo.set(name, gender);
  return gender;
}
const genderMemo = new Map<string, Gender>();

/** The country a place or demonym names ("Russian" → Russia, "Kyiv" → Ukraine), or null. */
export function countryOf(words: string): string | null {
  // Every place name and demonym starts with a capital letter (or a digit, never).
  const c = words.charCodeAt(0);
  if (!(c >= 65 && c <= 90) && c < 128) return null;
  // Memoised by the words as given: the readers ask again and again for the same token texts,
  // whose hash the string keeps, where each lower-casing made a new string to hash.
  const known = countryMemo.get(words);
  if (known !== undefined) return known;
  const k = words.toLowerCase();
  const folded = k.includes('’') ? k.replace(/’/g, "'") : k;
  const country = DEMONYMS.get(folded) ?? PLACES.get(folded) ?? null;
  if (countryMemo.size > 50_000) countryMemo.clear();
  countryMemo.set(words, country);
  return country;
}
const countryMemo = new Map<string, string | null>();

/**
 * countryOf(text) for a token's text, given the token's lower case (`lower`, foldCase of the text):
 * that is the key countryOf folds the text to, unless the text holds a ‘ or a ʼ, which foldCase
 * folds and countryOf does not. The demonym and place tables are small and stay in the cache, where
 * countryOf's memo of every word asked grows to tens of thousands of entries and misses it.
 */
export function countryOfWord(text: string, lower: string): string | null {
  const c = text.charCodeAt(0);
  // Every place name and demonym starts with a capital letter (or a digit, never). The test is
  // written so that a capital reaches all three comparisons: one first reached by a lower-case
  // word after V8 had optimised the callers deoptimised them ('Insufficient type feedback').
  if (c < 128 && (c < 65 || c > 90)) return null;
  if (hasOtherApostrophe(text)) return countryOf(text);
  return DEMONYMS.get(lower) ?? PLACES.get(lower) ?? null;
}

/** The text holds a ‘ or a ʼ (the apostrophes foldCase folds besides ’). */
function hasOtherApostrophe(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2018 || c === 0x02bc) return true;
  }
  return false;
}

/** First words (folded as countryOf folds) of the places and demonyms of two or more words ("united", "south"). */
const LONG_NAME_OPENERS = new Set<string>();
for (const names of [PLACES, DEMONYMS]) {
  for (const name of names.keys()) {
    const space = name.indexOf(' ');
    if (space > 0) LONG_NAME_OPENERS.add(name.slice(0, space));
  }
}

/**
 * Whether a phrase whose first word is a token's `text` (more words following after a space) may
 * be a place or demonym of two or more words: false for most capitalised words ("Prime",
 * "Minister"), so countryOf need not be asked about the whole phrase, which would be built and
 * hashed for it. `lower` is the token's lower case: the folded first word (see countryOfWord).
 */
export function opensLongNameWord(text: string, lower: string): boolean {
  if (text.includes(' ')) return true;
  if (!hasOtherApostrophe(text)) return LONG_NAME_OPENERS.has(lower);
  // Lower-casing is letter by letter, so the folded phrase starts with the folded first word.
  const k = text.toLowerCase();
  return LONG_NAME_OPENERS.has(k.includes('’') ? k.replace(/’/g, "'") : k);
}

/**
 * countryOf(`${first} ${second}`), without building that phrase when `first` (a token's text, with
 * its lower case `firstLower`) opens no long name.
 */
export function countryOfPair(first: string, firstLower: string, second: string): string | null {
  return opensLongNameWord(first, firstLower) ? countryOf(`${first} ${second}`) : null;
}
