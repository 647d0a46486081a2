// The usual gender of first names, as the gender-detection-from-name package's getGender gives it
// (name lists of six languages). The package keeps each list as a JavaScript module of one
// `new Map([['name', 'male'], ...])` (2.1 MB of source, 87,000 entries); requiring it cost about
// 67 ms of CPU in every process that resolves a speaker, most of it V8 compiling the array
// literals. The lists are read here as text instead, into one Map (about 40 ms), which answers as
// getGender does: the first list in the package's order (en, it, es, fr, de, tr) that has the
// name, and in a list the last entry for the name, as its Map constructor keeps.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type NameGender = 'male' | 'female';

/** The lists in the order getGender asks them. */
const LANGUAGES = ['en', 'it', 'es', 'fr', 'de', 'tr'];
/** How an entry starts on its line of a list; the name follows up to the next quote. */
const ENTRY_START = "\n  ['";
/** Between the name and the gender. */
const ENTRY_MIDDLE = "', '";

let genders: Map<string, NameGender> | null = null;

/** Every name of the lists with the gender getGender gives it. */
function readLists(): Map<string, NameGender> {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('gender-detection-from-name')), 'names');
  const all = new Map<string, NameGender>();
  // The last list first, so that a name of an earlier list overwrites a later list's entry.
  for (let l = LANGUAGES.length - 1; l >= 0; l--) {
    const file = join(dir, `${LANGUAGES[l]}.js`);
    const text = readFileSync(file, 'utf8');
    let entries = 0;
    for (let at = text.indexOf(ENTRY_START); at >= 0; at = text.indexOf(ENTRY_START, at + 1)) {
      const nameStart = at + ENTRY_START.length;
      const nameEnd = text.indexOf("'", nameStart);
      const gender = nameEnd < 0 || !text.startsWith(ENTRY_MIDDLE, nameEnd) ? null : text.startsWith("male']", nameEnd + 4) ? 'male' : text.startsWith("female']", nameEnd + 4) ? 'female' : null;
      if (gender === null) throw new Error(`gender-detection-from-name: ${file} has an entry this reader does not know (has the package changed?)`);
      all.set(text.slice(nameStart, nameEnd), gender);
      entries++;
    }
    if (entries === 0) throw new Error(`gender-detection-from-name: no names found in ${file} (has the package changed?)`);
  }
  return all;
}

/** getGender(name) of the package, with 'unknown' as null. The lists are read on first use. */
export function genderOfFirstName(name: string): NameGender | null {
  if (!name) return null;
  genders ??= readLists();
  return genders.get(name.toLowerCase()) ?? null;
}
