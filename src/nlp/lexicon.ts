// Lexicons are data, not code: JSON files in the package's lexicons/ folder (cue verbs, channels,
// hedges, denials, evasions, titles, ...). This module finds and loads them, once each; stages
// receive them when the pipeline is built, never per article.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HearsayError } from '../core/errors.js';

/** The package root: two levels above this file in both src/nlp (tsx) and dist/nlp (built). */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const LEXICON_DIR = join(PACKAGE_ROOT, 'lexicons');

const cache = new Map<string, unknown>();

/** Loads lexicons/NAME.json (parsed once and cached). Throws MODEL when it is missing or bad JSON. */
export function loadLexicon<T = unknown>(name: string): T {
  const hit = cache.get(name);
  if (hit !== undefined) return hit as T;
  const path = join(LEXICON_DIR, `${name}.json`);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new HearsayError('MODEL', `Cannot load lexicon ${path}: ${error instanceof Error ? error.message : String(error)}`, { path });
  }
  cache.set(name, value);
  return value as T;
}
