// Runs the property test's hostile giants through the full pipeline in a child process (spawned by
// test/extractor.property.test.ts), so that an extractor that hangs on one of them (a stage gone
// quadratic) is killed and reported by name instead of stalling the whole test run.
// Prints one JSON line per case: {"start": label} before it, {"label", "problems", "ms"} after.

import { analyse } from '../../src/extract/pipeline.js';
import { checkInvariants } from '../../src/core/invariants.js';

const sentence = '“We will not back down,” the mayor said, according to officials who said that talks failed. ';
export const HOSTILE_CASES: [string, () => string][] = [
  ['1 MB of prose on one line', () => sentence.repeat(Math.ceil(1_000_000 / sentence.length))],
  ['1 MB without a space', () => 'x'.repeat(1_000_000)],
  ['only quote marks', () => '“”"\'‘’«»„'.repeat(2000)],
  ['unbalanced quotes over paragraphs', () => '“He said it.\n\n“And again,” she said.\n\n”“”\n“'.repeat(200)],
  ['control characters', () => Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('said ').repeat(50)],
  ['empty', () => ''],
  ['lone surrogates', () => '\ud800 said \udc00 “\udbff”'],
];

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  for (const [label, make] of HOSTILE_CASES) {
    process.stdout.write(JSON.stringify({ start: label }) + '\n');
    const text = make();
    const problems: string[] = [];
    const started = performance.now();
    analyse(text, 'hostile', {
      afterStage(stage, d) {
        for (const p of checkInvariants(d)) problems.push(`after ${stage.name}: ${p}`);
      },
    });
    process.stdout.write(JSON.stringify({ label, problems: problems.slice(0, 20), ms: Math.round(performance.now() - started) }) + '\n');
  }
}
