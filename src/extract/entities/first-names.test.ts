// The lists read as text answer as the package's getGender does, for every name of every list
// (which also finds an entry the reader skipped or misread) and for names the lists do not have.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { genderOfFirstName } from './first-names.js';

const require = createRequire(import.meta.url);
const packageGender = (require('gender-detection-from-name') as { getGender(name: string): string }).getGender;
const namesDir = join(dirname(require.resolve('gender-detection-from-name')), 'names');

test('genderOfFirstName answers as getGender for every listed name and for unlisted ones', () => {
  const asked = ['', 'however', 'the', 'qzxw', 'Maria', 'JOHN', 'andrea', 'jean', 'kim', 'zoë', 'zoe'];
  let listed = 0;
  for (const language of ['en', 'it', 'es', 'fr', 'de', 'tr']) {
    // Every entry of the package's list (its map's keys), whatever the reader makes of the text.
    const list = require(join(namesDir, `${language}.js`)) as Map<string, string>;
    for (const name of list.keys()) asked.push(name);
    listed += list.size;
  }
  assert.ok(listed > 50_000, `only ${listed} names listed`);
  for (const name of asked) assert.equal(genderOfFirstName(name) ?? 'unknown', packageGender(name), name);
});
