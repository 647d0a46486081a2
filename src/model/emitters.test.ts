// The fast emission paths used at prediction time against the reference paths training uses
// (features + StructuredPerceptron.emissions), equal to the bit on a few hostile texts: the role
// emitter (features.ts RoleEmitter) on every cue-sized run, with the shipped model and with random
// dyadic weights, and cueEmissions on every paragraph; and the exactness guard (sumsAreOrderFree)
// that decides when the role emitter may be used.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { Pipeline } from '../core/pipeline.js';
import { tokensStage } from '../extract/tokens/stage.js';
import { buildTokenTable, cueEmissions, cueFeatures, cueTokenParts, RoleEmitter, roleFeatures, RoleScratch, type TokenTable } from './features.js';
import { finish, mix, mix3, mix4 } from './hashing.js';
import { bioForbidden, FeatureBuffer, MAX_FEATURES_PER_POSITION, StructuredPerceptron, sumsAreOrderFree } from './perceptron.js';
import { cueLemmaId, ROLE_TAGS, ROLE_WINDOW } from './attribution-model.js';
import { DEFAULT_MODEL_PATH, loadModel } from './weights-file.js';
import { CueNetwork } from './cue-network.js';
import { seededRandom } from '../core/random.js';

const noModel = existsSync(DEFAULT_MODEL_PATH) ? false : `model file not found at ${DEFAULT_MODEL_PATH}`;
const tokens = new Pipeline([tokensStage]);
const TEXTS = [
  'The minister said on Tuesday that \u201cthe plan will work\u201d, but critics disagreed.\r\n\r\nShe added: "We are ready." \u{1F600} Officials\u00a0declined to comment, according to Reuters.',
  '\u201cIt is over,\u201d he told reporters. \u201cWe lost.\u201d\n\nThe company denied the claims, saying they were false. Smith, who spoke to the BBC, warned that prices would rise.',
  'Headline without a verb\n\nA single very long paragraph ' + 'where the mayor said that the council claimed that, as critics argued, '.repeat(30) + 'nothing changed.',
];

/** Every cue-sized run of one or two tokens, windowed as predict() does. */
function* cueWindows(t: ReturnType<typeof buildTokenTable>): Generator<[number, number, number, number]> {
  for (let p = 0; p < t.paraStart.length; p++) {
    const ps = t.paraStart[p]!, pe = t.paraEnd[p]!;
    for (let c = ps; c < pe; c += 3) {
      const ce = Math.min(pe, c + 1 + (c % 2));
      yield [Math.max(ps, c - ROLE_WINDOW), Math.min(pe, ce + ROLE_WINDOW), c, ce];
    }
  }
}

function compare(role: StructuredPerceptron): number {
  const emitter = new RoleEmitter(role.weights, role.bits, role.tagBias);
  const buf = new FeatureBuffer(), scratch = new RoleScratch();
  let checked = 0;
  for (const text of TEXTS) {
    const t = buildTokenTable(tokens.run(text));
    const otherCue = new Uint8Array(t.n);
    for (let i = 0; i < t.n; i += 7) otherCue[i] = 1;
    emitter.begin(t);
    for (const [from, to, cs, ce] of cueWindows(t)) {
      const lemma = cueLemmaId(t, { first: cs, end: ce });
      roleFeatures(t, from, to, cs, ce, lemma, otherCue, scratch, buf);
      const want = role.emissions(buf.view()).slice(0, (to - from) * ROLE_TAGS);
      const got = emitter.emissions(from, to, cs, ce, lemma, otherCue, scratch).slice(0, (to - from) * ROLE_TAGS);
      assert.deepEqual(got, want, `cue [${cs}, ${ce}) window [${from}, ${to})`);
      checked++;
    }
  }
  return checked;
}

test('role emitter: equals the reference emissions with the shipped model', { skip: noModel }, () => {
  const { model } = loadModel();
  assert.ok(sumsAreOrderFree(model.role.weights, model.role.tagBias, MAX_FEATURES_PER_POSITION), 'the shipped model allows regrouped sums');
  assert.ok(compare(model.role) > 100);
});

test('role emitter: equals the reference emissions with random dyadic weights and bias', () => {
  const role = new StructuredPerceptron(ROLE_TAGS, 12, bioForbidden(2));
  let seed = 7;
  const random = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < role.weights.length; i++) role.weights[i] = random() < 0.3 ? 0 : Math.round((random() - 0.5) * 2 ** 16) / 2 ** 8;
  role.tagBias.set([0, 1.5, 1.5, -2.25, -2.25]);
  assert.ok(sumsAreOrderFree(role.weights, role.tagBias, MAX_FEATURES_PER_POSITION));
  assert.ok(compare(role) > 100);
});

test('sumsAreOrderFree: refuses weights or biases whose sums could round', () => {
  const w = new Float32Array([0.5, -3, 0, 100]);
  assert.equal(sumsAreOrderFree(w, [0, 20, 20], 96), true);
  assert.equal(sumsAreOrderFree(w, [0, 0.1], 96), false); // 0.1 is no multiple of the weights' quantum
  assert.equal(sumsAreOrderFree(new Float32Array([1e-30, 1e6]), [0], 96), false); // range too wide
  assert.equal(sumsAreOrderFree(new Float32Array([NaN]), [0], 96), false);
  assert.equal(sumsAreOrderFree(new Float32Array(4), [0, 1], 96), true);
});

test('cue emissions: equal the reference emissions with the shipped model', { skip: noModel }, () => {
  const { model } = loadModel();
  const buf = new FeatureBuffer();
  let checked = 0;
  for (const text of TEXTS) {
    const t = buildTokenTable(tokens.run(text), model.classes);
    for (let p = 0; p < t.paraStart.length; p++) {
      const from = t.paraStart[p]!, to = t.paraEnd[p]!;
      cueFeatures(t, from, to, buf);
      const want = model.cue.emissions(buf.view()).slice(0, (to - from) * 3);
      const got = cueEmissions(t, from, to, model.cue.weights, model.cue.bits, model.cue.tagBias, new Float64Array(0)).slice(0, (to - from) * 3);
      assert.deepEqual(got, want);
      // Pruned: candidates scored as before, the rest forced to O.
      const pruned = buildTokenTable(tokens.run(text), model.classes, model.candidates);
      const gotPruned = cueEmissions(pruned, from, to, model.cue.weights, model.cue.bits, model.cue.tagBias, new Float64Array(0), true).slice(0, (to - from) * 3);
      for (let i = from; i < to; i++) {
        const row = Array.from(gotPruned.subarray((i - from) * 3, (i - from) * 3 + 3));
        assert.deepEqual(row, pruned.candidate[i] ? Array.from(want.subarray((i - from) * 3, (i - from) * 3 + 3)) : [0, -Infinity, -Infinity], `token ${i}`);
      }
      checked += to - from;
    }
  }
  assert.ok(checked > 100);
});

test('cue emissions with a cue network: the perceptron\'s plus weight x the network\'s scores, bit for bit', { skip: noModel }, () => {
  const { model } = loadModel();
  const random = seededRandom(3);
  // Hidden 8 is summed inline in cueEmissions' loop; hidden 4 goes through CueNetwork.forward.
  for (const hidden of [8, 4]) {
    const net = new CueNetwork(16, hidden);
    for (const w of [net.embed, net.hiddenBias, net.out, net.outBias]) for (let i = 0; i < w.length; i++) w[i] = (random() * 2 - 1) * 0.3;
    net.weight = 40;
    const buf = new FeatureBuffer();
    for (const text of TEXTS) {
      const t = buildTokenTable(tokens.run(text), model.classes, model.candidates);
      for (let p = 0; p < t.paraStart.length; p++) {
        const from = t.paraStart[p]!, to = t.paraEnd[p]!;
        const plain = cueEmissions(t, from, to, model.cue.weights, model.cue.bits, model.cue.tagBias, new Float64Array(0), true);
        const got = cueEmissions(t, from, to, model.cue.weights, model.cue.bits, model.cue.tagBias, new Float64Array(0), true, net);
        cueFeatures(t, from, to, buf);
        const scores = net.sequenceScores(buf.view());
        for (let i = 0; i < (to - from) * 3; i++) {
          const want = t.candidate[from + Math.floor(i / 3)] ? plain[i]! + net.weight * scores[i]! : plain[i]!;
          assert.equal(got[i], want, `hidden ${hidden}, paragraph ${p}, entry ${i}`);
        }
      }
    }
  }
});

// The cue templates written plainly with mix / mix3 / mix4 (template ids as in features.ts's enum F;
// changing one invalidates the shipped weights): the definition cueTokenParts must match, part-sharing
// and all.
const T = {
  Bias: 1,
  Lower: 2,
  Lemma: 3,
  Pos: 4,
  Shape: 5,
  Suffix: 6,
  PrevLower: 7,
  NextLower: 8,
  Prev2Lower: 9,
  Next2Lower: 10,
  PrevLemmaLemma: 11,
  LemmaNextLemma: 12,
  PrevPosPos: 13,
  PosNextPos: 14,
  Pos3: 15,
  InQuote: 16,
  InQuoteLemma: 17,
  InQuotePos: 18,
  QuoteMark: 19,
  NextQuote: 20,
  PrevQuote: 21,
  LemmaNextPos: 22,
  PrevPosLemma: 23,
  SentStart: 24,
  SentEnd: 25,
  LemmaSentStart: 26,
  NextClause: 27,
  PrevClause: 28,
  LemmaNextLower: 29,
  PrevLowerLemma: 30,
  Next2Pos: 31,
  ParaHasQuote: 32,
  PosNextLower: 33,
  PosNext2Lower: 34,
  PrevLowerPos: 35,
  PrevPosPosNextLower: 36,
  QuoteInSentence: 37,
  LemmaQuoteInSentence: 38,
  Headline: 39,
  LemmaNext2Lower: 40,
  PrevLowerPrev2Lower: 41,
  WnVerbPos: 42,
  WnMaskPos: 43,
  WnNounPos: 44,
  WnVerbNextLower: 45,
  WnVerbInQuote: 46,
  WnVerbPrevPos: 47,
  WnNounNextLower: 48,
  WnPrevVerb: 49,
  WnNextVerb: 50,
  CompPos: 51,
  CompWnVerb: 52,
  CompLemma: 53,
  SubjPos: 54,
  SubjWnVerb: 55,
  SubjComp: 56,
  ClauseBeforePos: 57,
  ClauseBeforeWnVerb: 58,
  WnNounComp: 59,
} as const;

function referenceCueIds(t: TokenTable, i: number, from: number, to: number, paraHasQuote: number): number[] {
  const NONE = 0x5bd1e995;
  const ids: number[] = [];
  const lo = t.lower[i]!, le = t.lemma[i]!, po = t.pos[i]!;
  const pLo = i > from ? t.lower[i - 1]! : NONE, nLo = i + 1 < to ? t.lower[i + 1]! : NONE;
  const pLe = i > from ? t.lemma[i - 1]! : NONE, nLe = i + 1 < to ? t.lemma[i + 1]! : NONE;
  const pPo = i > from ? t.pos[i - 1]! : NONE, nPo = i + 1 < to ? t.pos[i + 1]! : NONE;
  const p2Lo = i > from + 1 ? t.lower[i - 2]! : NONE, n2Lo = i + 2 < to ? t.lower[i + 2]! : NONE;
  const p2Po = i > from + 1 ? t.pos[i - 2]! : NONE, n2Po = i + 2 < to ? t.pos[i + 2]! : NONE;
  const inQ = t.inQuote[i]!;
  ids.push(mix(T.Bias, 0));
  ids.push(mix(T.Lower, lo));
  ids.push(mix(T.Lemma, le));
  ids.push(mix(T.Pos, po));
  ids.push(mix(T.Shape, t.shape[i]!));
  ids.push(mix(T.Suffix, t.suffix[i]!));
  ids.push(mix(T.PrevLower, pLo));
  ids.push(mix(T.NextLower, nLo));
  ids.push(mix(T.Prev2Lower, p2Lo));
  ids.push(mix(T.Next2Lower, n2Lo));
  ids.push(mix3(T.PrevLemmaLemma, pLe, le));
  ids.push(mix3(T.LemmaNextLemma, le, nLe));
  ids.push(mix3(T.PrevPosPos, pPo, po));
  ids.push(mix3(T.PosNextPos, po, nPo));
  ids.push(mix4(T.Pos3, pPo, po, nPo));
  ids.push(mix(T.Next2Pos, n2Po ^ Math.imul(p2Po, 31)));
  ids.push(mix(T.InQuote, inQ));
  ids.push(mix3(T.InQuoteLemma, inQ, le));
  ids.push(mix3(T.InQuotePos, inQ, po));
  ids.push(mix(T.QuoteMark, t.quote[i]!));
  ids.push(mix3(T.NextQuote, i + 1 < to ? t.quote[i + 1]! : 9, po));
  ids.push(mix3(T.PrevQuote, i > from ? t.quote[i - 1]! : 9, po));
  ids.push(mix3(T.LemmaNextPos, le, nPo));
  ids.push(mix3(T.PrevPosLemma, pPo, le));
  ids.push(mix3(T.LemmaNextLower, le, nLo));
  ids.push(mix3(T.PrevLowerLemma, pLo, le));
  const ss = t.fromSentenceStart[i]!, se = t.toSentenceEnd[i]!;
  ids.push(mix(T.SentStart, ss > 3 ? 3 : ss));
  ids.push(mix(T.SentEnd, se > 3 ? 3 : se));
  ids.push(mix3(T.LemmaSentStart, le, ss === 0 ? 1 : 0));
  ids.push(mix3(T.NextClause, i + 1 < to ? t.clausePunct[i + 1]! : 2, po));
  ids.push(mix3(T.PrevClause, i > from ? t.clausePunct[i - 1]! : 2, po));
  ids.push(mix3(T.ParaHasQuote, paraHasQuote, po));
  ids.push(mix3(T.PosNextLower, po, nLo));
  ids.push(mix3(T.PosNext2Lower, po, n2Lo));
  ids.push(mix3(T.PrevLowerPos, pLo, po));
  ids.push(mix4(T.PrevPosPosNextLower, pPo, po, nLo));
  ids.push(mix3(T.LemmaNext2Lower, le, n2Lo));
  ids.push(mix3(T.PrevLowerPrev2Lower, pLo, p2Lo));
  // Quotation marks in the same sentence, before and after the token (speech verbs sit next to quotes).
  const qb = t.quoteBefore[i]!, qa = t.quoteAfter[i]!;
  ids.push(mix4(T.QuoteInSentence, qb, qa, po));
  ids.push(mix4(T.LemmaQuoteInSentence, qb, qa, le));
  ids.push(mix3(T.Headline, t.paragraph[i] === 0 ? 1 : 0, po));
  const wv = t.wnVerb[i]!, wn = t.wnNoun[i]!;
  ids.push(mix3(T.WnVerbPos, wv, po));
  ids.push(mix3(T.WnMaskPos, t.wnMask[i]!, po));
  ids.push(mix3(T.WnNounPos, wn, po));
  ids.push(mix4(T.WnVerbNextLower, wv, po, nLo));
  ids.push(mix4(T.WnVerbInQuote, wv, po, inQ));
  ids.push(mix4(T.WnVerbPrevPos, wv, po, pPo));
  ids.push(mix4(T.WnNounNextLower, wn, po, nLo));
  ids.push(mix3(T.WnPrevVerb, i > from ? t.wnVerb[i - 1]! : 99, po));
  ids.push(mix3(T.WnNextVerb, i + 1 < to ? t.wnVerb[i + 1]! : 99, po));
  const comp = t.compAfter[i]!, subj = t.subject[i]!, before = t.clauseBefore[i]!;
  ids.push(mix3(T.CompPos, comp, po));
  ids.push(mix4(T.CompWnVerb, comp, wv, po));
  ids.push(mix3(T.CompLemma, comp, le));
  ids.push(mix3(T.SubjPos, subj, po));
  ids.push(mix4(T.SubjWnVerb, subj, wv, po));
  ids.push(mix4(T.SubjComp, subj, comp, po));
  ids.push(mix3(T.ClauseBeforePos, before, po));
  ids.push(mix4(T.ClauseBeforeWnVerb, before, wv, po));
  ids.push(mix4(T.WnNounComp, wn, comp, i > from ? t.pos[i - 1]! : NONE));

  return ids;
}

test('cue features: the shared-part ids equal the plain mix3 / mix4 definition on every token', () => {
  const parts = new Int32Array(64);
  let checked = 0;
  for (const text of TEXTS) {
    for (const classes of [null, { say: [3, 5, 0] as [number, number, number], claim: [1, 65535, 7] as [number, number, number] }]) {
      const t = buildTokenTable(tokens.run(text), classes);
      for (let p = 0; p < t.paraStart.length; p++) {
        const from = t.paraStart[p]!, to = t.paraEnd[p]!;
        let paraHasQuote = 0;
        for (let i = from; i < to; i++) if (t.quote[i]) paraHasQuote = 1;
        for (let i = from; i < to; i++) {
          const count = cueTokenParts(t, i, from, to, paraHasQuote, parts);
          const got = Array.from(parts.subarray(0, count), finish);
          assert.deepEqual(got, referenceCueIds(t, i, from, to, paraHasQuote), `token ${i}`);
          checked++;
        }
      }
    }
  }
  assert.ok(checked > 200);
});
