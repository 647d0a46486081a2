// The statement-semantics stages (channels, acts, notes, relations, meta) never throw and keep the
// invariants whatever statements they are given: random spans over news-like soup, overlapping,
// empty, nested, with and without sources, speakers and entities — not only the well-formed
// statements the attribution stage makes. Also checks that they fill only spans inside the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Doc } from '../src/core/doc.js';
import { checkInvariants } from '../src/core/invariants.js';
import type { Statement } from '../src/core/model.js';
import { tokensStage } from '../src/extract/tokens/stage.js';
import { SEMANTIC_STAGES } from '../src/test-support/hand-doc.js';

const PIECES = [
  '“', '”', '"', '’', ' said', ' told reporters', ' according to', ' denied', ' did not deny', ' avoided answering', ' vowed to', ' warned',
  'Putin', 'the spokesman', 'He', ', ', '. ', ':', '(', ')', '\r\n', '\n\n', '\u00a0', '😀', '\ud83d', '\u0000',
  ' on Telegram', ' by phone', ' in an interview with CNN', ' at a news conference in Kazan', 'The claim couldn’t be independently verified. ',
  '(Updates with comment in the last paragraph)', '(Bloomberg) -- ', '©2024 Bloomberg L.P.', '--With assistance from A B and C D.',
  ' The Russian leader’s claim is a “lie”', ' rejected the report', ' this argument', ' the claim from Berlin', ' is not true',
];
const soup = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 80 }).map((parts) => parts.join(''));
const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const spanSpec = fc.tuple(fraction, fraction);
const statementSpec = fc.record({
  cue: spanSpec,
  source: fc.option(spanSpec),
  content: fc.array(spanSpec, { maxLength: 3 }),
  speaker: fc.boolean(),
});

function toSpan(text: string, [a, b]: [number, number]): { start: number; end: number } {
  const x = Math.floor(a * text.length);
  const y = Math.floor(b * text.length);
  return { start: Math.min(x, y), end: Math.max(x, y) };
}

test('semantic stages keep the invariants on arbitrary statements', () => {
  fc.assert(
    fc.property(soup, fc.array(statementSpec, { maxLength: 12 }), (text, specs) => {
      const doc = new Doc(text);
      tokensStage.run(doc, {});
      doc.entities = [{ id: 'e1', name: 'Putin', type: 'person', mentions: [], descriptors: [] }];
      const statements: Statement[] = specs.map((s) => ({
        id: '',
        kind: 'indirect',
        source: s.source ? toSpan(text, s.source) : null,
        speaker: s.speaker ? 'e1' : null,
        cue: toSpan(text, s.cue),
        content: s.content.map((c) => toSpan(text, c)).sort((a, b) => a.start - b.start || a.end - b.end),
        channel: null,
        setting: null,
        addressee: null,
        act: 'assert',
        confidence: 0.5,
      }));
      statements.sort((a, b) => a.cue.start - b.cue.start || a.cue.end - b.cue.end);
      statements.forEach((s, i) => (s.id = `s${i + 1}`));
      doc.statements = statements;
      for (const stage of SEMANTIC_STAGES) {
        stage.run(doc, {});
        assert.deepEqual(checkInvariants(doc), [], `after ${stage.name}`);
      }
      for (const s of doc.statements) for (const f of [s.channel, s.setting, s.addressee]) if (f) assert.ok(f.end > f.start);
      for (const n of doc.notes) assert.ok(n.span.end > n.span.start);
    }),
    { numRuns: 300, seed: 20261127 },
  );
});
