#!/usr/bin/env node
// The CPU time of the cue tagger alone (AttributionModel.findCues) in several builds, measured in one
// process and interleaved pass by pass (the order reversed every other round), so that every build
// sees the same load: each DIR is a built checkout (dist/, lexicons/, models/), loaded with its own
// models/attribution-vN.bin.gz; the token tables are built once per build, then every paragraph with
// a cue candidate is tagged. Resolves changes to the cue stage that whole-set runs lose in noise.
// Usage: node bench/find-cues-ab.mjs DIR... [--rounds 10] [--limit 500] [--file JSONL]
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT, BBC_ARTICLES } from './paths.mjs';

const root = ROOT;
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    file: { type: 'string', default: BBC_ARTICLES },
    rounds: { type: 'string', default: '10' },
    limit: { type: 'string', default: '500' },
  },
});
if (!positionals.length) {
  console.error('Usage: node bench/find-cues-ab.mjs DIR... [--rounds 10] [--limit 500] [--file JSONL]');
  process.exit(2);
}
if (!existsSync(values.file)) {
  console.log(`find-cues-ab: skipped, ${values.file} is absent.`);
  process.exit(0);
}
const articles = readFileSync(values.file, 'utf8').trim().split('\n').slice(0, Number(values.limit)).map((line) => JSON.parse(line));
const arms = [];
for (const dir of positionals.map((d) => resolve(d))) {
  const load = (path) => import(pathToFileURL(join(dir, 'dist', path)).href);
  const { loadModel } = await load('model/weights-file.js');
  const { tokenise } = await load('model/corpus.js');
  const { buildTokenTable } = await load('model/features.js');
  const { model } = loadModel(); // the build's own models/ file
  const tables = articles.map((a) => buildTokenTable(tokenise(a.text, a.id), model.classes, model.candidates));
  const pass = () => {
    let cues = 0;
    for (const t of tables) {
      for (let p = 0; p < t.paraStart.length; p++) {
        const from = t.paraStart[p], to = t.paraEnd[p];
        if (to > from && t.paraCandidates[p] !== 0) cues += model.findCues(t, from, to).length;
      }
    }
    return cues;
  };
  arms.push({ dir, pass, cues: pass(), ms: [] });
  pass();
}
for (let round = 0; round < Math.max(1, Number(values.rounds) || 10); round++) {
  for (const arm of round % 2 ? [...arms].reverse() : arms) {
    const start = process.cpuUsage();
    arm.pass();
    const used = process.cpuUsage(start);
    arm.ms.push((used.user + used.system) / 1000);
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
for (const arm of arms) {
  console.log(`${arm.dir}: findCues over ${articles.length} articles, CPU ms per pass median ${median(arm.ms).toFixed(1)}, min ${Math.min(...arm.ms).toFixed(1)} (${arm.cues} cues)`);
}
