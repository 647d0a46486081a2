// Speaker scoring: how many gold attributions are found (a predicted statement whose cue overlaps
// the gold cue) and resolved to the right entity (its name, compared after folding case,
// diacritics, apostrophes, brackets and a leading "the"), and whether the gold entities come out
// with their type and descriptors. Gold is written per article as JSON (test/fixtures/wikinews);
// each attribution is anchored by a snippet of text that occurs once in the article.

import type { ArticleJson } from '../core/format.js';
import type { EntityType } from '../core/model.js';

export interface SpeakerGold {
  /** A snippet that occurs once in the article and contains the cue (gold that ships no text
   * gives `start` instead). */
  at?: string;
  /** The cue's offset in the article (UTF-16 code units), for gold that may not quote the text. */
  start?: number;
  /** The cue word: inside the snippet (its first occurrence there), or at `start`. */
  cue: string;
  /** The name of the entity the source refers to; several when more than one is right. */
  speaker: string | string[];
  /** True when the speaker is a named entity (a person, organisation, place or group by name). */
  named: boolean;
}

export interface EntityGold {
  name: string;
  type: EntityType;
  descriptors: string[];
}

export interface SpeakerArticleGold {
  id: string;
  title?: string;
  url?: string;
  statements: SpeakerGold[];
  entities: EntityGold[];
}

export interface SpeakerScore {
  statements: number;
  found: number;
  right: number;
  named: number;
  namedFound: number;
  namedRight: number;
  entities: number;
  entitiesFound: number;
  typesRight: number;
  descriptors: number;
  descriptorsFound: number;
  /** One line per gold item that was missed or wrong. */
  errors: string[];
}

export function emptySpeakerScore(): SpeakerScore {
  return { statements: 0, found: 0, right: 0, named: 0, namedFound: 0, namedRight: 0, entities: 0, entitiesFound: 0, typesRight: 0, descriptors: 0, descriptorsFound: 0, errors: [] };
}

export function addSpeakerScores(a: SpeakerScore, b: SpeakerScore): SpeakerScore {
  const out = emptySpeakerScore();
  for (const key of Object.keys(out) as (keyof SpeakerScore)[]) {
    if (key === 'errors') out.errors = [...a.errors, ...b.errors];
    else out[key] = a[key] + b[key];
  }
  return out;
}

const PRONOUN = /^(?:he|she|it|they|him|her|them|his|its|their|who|which)$/iu;

/** Folds a name for comparison: case, diacritics, apostrophes, brackets, a leading determiner. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[()[\]",.“”]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:the|both|a|an) /, '');
}

/** Where a gold cue starts: at its offset when the word is there, else inside its snippet; -1 if neither. */
function cueStart(text: string, g: SpeakerGold): number {
  if (g.start !== undefined) return text.startsWith(g.cue, g.start) ? g.start : -1;
  const at = g.at === undefined ? -1 : text.indexOf(g.at);
  return at < 0 ? -1 : at + g.at!.indexOf(g.cue);
}

/** A few words around a cue, for error lines printed at run time (never stored). */
function context(text: string, start: number, end: number): string {
  return text.slice(Math.max(0, start - 50), Math.min(text.length, end + 30)).replace(/\s+/g, ' ');
}

/** Scores one article's output against its gold. */
export function scoreSpeakers(article: ArticleJson, gold: SpeakerArticleGold): SpeakerScore {
  const score = emptySpeakerScore();
  const text = article.text;
  const entities = new Map(article.entities.map((e) => [e.id, e]));
  for (const g of gold.statements) {
    score.statements++;
    if (g.named) score.named++;
    const start = cueStart(text, g);
    const label = g.at ?? `${g.cue}@${g.start}`;
    if (start < 0) {
      score.errors.push(`${gold.id}: cue not in text: ${label}`);
      continue;
    }
    const end = start + g.cue.length;
    const statement = article.statements.find((s) => s.cue.start < end && start < s.cue.end);
    if (!statement) {
      score.errors.push(`${gold.id}: not found: "${label}"${g.at ? '' : ` ("${context(text, start, end)}")`}`);
      continue;
    }
    score.found++;
    if (g.named) score.namedFound++;
    const entity = statement.speaker ? entities.get(statement.speaker) : undefined;
    const wanted = (Array.isArray(g.speaker) ? g.speaker : [g.speaker]).map(foldName);
    const got = entity ? foldName(entity.name) : '';
    // The gold names the entity by one of its names: its full name or a capitalised name it is
    // mentioned by ("Robert Mugabe" for the entity named "Robert Gabriel Mugabe").
    const aliases = entity ? entity.mentions.filter((m) => /^\p{Lu}/u.test(m.text) && !PRONOUN.test(m.text)).map((m) => foldName(m.text)) : [];
    const right = entity !== undefined && (wanted.includes(got) || (g.named && aliases.some((a) => wanted.includes(a))) || (!g.named && wanted.some((w) => got.includes(w) || w.includes(got))));
    if (right) {
      score.right++;
      if (g.named) score.namedRight++;
    } else {
      score.errors.push(`${gold.id}: "${g.at ?? `${label} "${context(text, start, end)}"`}": speaker ${entity ? `"${entity.name}"` : 'null'} (source ${statement.source ? `"${statement.source.text}"` : 'null'}), want "${wanted.join('" or "')}"`);
    }
  }
  for (const g of gold.entities) {
    score.entities++;
    score.descriptors += g.descriptors.length;
    const entity = article.entities.find((e) => foldName(e.name) === foldName(g.name));
    if (!entity) {
      score.errors.push(`${gold.id}: no entity named "${g.name}"`);
      continue;
    }
    score.entitiesFound++;
    if (entity.type === g.type) score.typesRight++;
    else score.errors.push(`${gold.id}: "${g.name}" is ${entity.type}, want ${g.type}`);
    const have = new Set(entity.descriptors.map((d) => foldName(d.text)));
    for (const d of g.descriptors) {
      if (have.has(foldName(d))) score.descriptorsFound++;
      else score.errors.push(`${gold.id}: "${g.name}" lacks descriptor "${d}" (has ${entity.descriptors.map((x) => `"${x.text}"`).join(', ') || 'none'})`);
    }
  }
  return score;
}

export function percent(part: number, whole: number): string {
  return whole ? `${((100 * part) / whole).toFixed(1)}%` : 'n/a';
}

/** A short report: found, right among found, right overall; named first. */
export function formatSpeakerScore(s: SpeakerScore): string {
  return [
    `named speakers: ${s.namedRight}/${s.namedFound} right among found (${percent(s.namedRight, s.namedFound)}); ${s.namedFound}/${s.named} found (${percent(s.namedFound, s.named)}); found and right ${percent(s.namedRight, s.named)}`,
    `all attributions: ${s.right}/${s.found} right among found (${percent(s.right, s.found)}); ${s.found}/${s.statements} found; found and right ${percent(s.right, s.statements)}`,
    `entities: ${s.entitiesFound}/${s.entities} found, ${s.typesRight} with the right type; descriptors ${s.descriptorsFound}/${s.descriptors} (${percent(s.descriptorsFound, s.descriptors)})`,
  ].join('\n');
}
