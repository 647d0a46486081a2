// Turns PolNeAR articles into tokenised Docs and training sequences for both taggers, using the
// pipeline's own tokens stage so that training sees exactly the tokens the runtime sees.
// (A tool-side module: training and evaluation are composition roots, so importing the tokens
// stage here does not make the runtime model depend on a stage.)

import { Doc } from '../core/doc.js';
import type { Span } from '../core/span.js';
import { tokensStage } from '../extract/tokens/stage.js';
import { buildTokenTable, cueFeatures, roleFeatures, RoleScratch } from './features.js';
import { tagRole, tokenRange } from './labels.js';
import { cueLemmaId, roleAllowed, ROLE_TAGS, TAG_B_CONTENT, TAG_B_SOURCE, type TokenRun } from './attribution-model.js';
import { hashString } from './hashing.js';
import { FeatureBuffer, type FeatureSequence } from './perceptron.js';
import type { GoldArticle } from './gold-attributions.js';
import type { WordClassTable } from './word-classes.js';
import { CueCounts } from './cue-candidates.js';

export function tokenise(text: string, id?: string): Doc {
  const doc = new Doc(text, id);
  tokensStage.run(doc, {});
  return doc;
}

export interface TrainingSequence {
  seq: FeatureSequence;
  gold: Int32Array;
  allowed?: Uint8Array;
  /** Cue sequences: the lemma hash of each position (to tell cue candidates, cue-candidates.ts). */
  lemmas?: Uint32Array;
  /** Cue sequences: the lower-case word hash of each position (word vectors, word-vectors.ts). */
  lowers?: Uint32Array;
}

export interface TrainingSet {
  cue: TrainingSequence[];
  role: TrainingSequence[];
  /** Gold attributions whose cue maps onto no token, or crosses paragraphs (skipped). */
  skipped: number;
  /** Role sequences for verbs that are no cue (all O). */
  negatives: number;
  /** How often each lemma stands inside a gold cue (for the cue candidates of the model file). */
  cueCounts: CueCounts;
}

/** Gold cue token runs of an article (null where a cue maps onto no token or crosses paragraphs). */
function goldCues(doc: Doc, article: GoldArticle): (TokenRun | null)[] {
  return article.attributions.map((a) => {
    const r = tokenRange(doc, a.cue);
    if (!r || doc.tokens[r.first]!.paragraph !== doc.tokens[r.end - 1]!.paragraph) return null;
    return r;
  });
}

/** Cue and role training sequences of the articles (`roles` false: cue sequences only, for tools
 * that train the cue tagger alone, such as cue-cv.ts). */
export function buildTrainingSet(articles: readonly GoldArticle[], classes: WordClassTable | null, negativeEvery = 0, roles = true): TrainingSet {
  const buf = new FeatureBuffer();
  const scratch = new RoleScratch();
  const set: TrainingSet = { cue: [], role: [], skipped: 0, negatives: 0, cueCounts: new CueCounts() };
  for (const article of articles) {
    const doc = tokenise(article.text, article.id);
    const t = buildTokenTable(doc, classes);
    const cueTags = new Int32Array(t.n);
    const otherCue = new Uint8Array(t.n);
    const cues = goldCues(doc, article);
    set.cueCounts.addDocument(doc, otherCue.map((_, i) => (cues.some((r) => r && r.first <= i && i < r.end) ? 1 : 0)));
    for (const r of cues) {
      if (!r) continue;
      otherCue.fill(1, r.first, r.end);
      if (cueTags.subarray(r.first, r.end).some((x) => x !== 0)) continue; // overlapping cues: keep the first
      cueTags[r.first] = 1;
      for (let i = r.first + 1; i < r.end; i++) cueTags[i] = 2;
    }
    for (let p = 0; p < t.paraStart.length; p++) {
      const from = t.paraStart[p]!, to = t.paraEnd[p]!;
      if (to <= from) continue;
      cueFeatures(t, from, to, buf);
      set.cue.push({ seq: buf.copy(), gold: cueTags.slice(from, to), lemmas: t.lemma.slice(from, to), lowers: t.lower.slice(from, to) });
    }
    if (!roles) continue;
    article.attributions.forEach((a, k) => {
      const cue = cues[k];
      if (!cue) {
        set.skipped++;
        return;
      }
      const p = t.paragraph[cue.first]!;
      const from = t.paraStart[p]!, to = t.paraEnd[p]!;
      const gold = new Int32Array(to - from);
      const inPara = (spans: Span[]): Span[] => spans.filter((s) => s.end > doc.tokens[from]!.start && s.start < doc.tokens[to - 1]!.end);
      // Cue tokens stay O; content first (the larger role), then source where not content.
      const cueMask = new Int32Array(to - from);
      for (let i = cue.first; i < cue.end; i++) cueMask[i - from] = 1;
      tagRole(doc, inPara(a.content), from, to, gold, TAG_B_CONTENT);
      tagRole(doc, inPara(a.source), from, to, gold, TAG_B_SOURCE);
      for (let i = cue.first; i < cue.end; i++) gold[i - from] = 0;
      // Repair I-x left without its B-x by the cue reset above.
      for (let i = 0; i < gold.length; i++) {
        const g = gold[i]!;
        if ((g === 2 || g === 4) && (i === 0 || (gold[i - 1] !== g && gold[i - 1] !== g - 1))) gold[i] = g - 1;
      }
      roleFeatures(t, from, to, cue.first, cue.end, cueLemmaId(t, cue), otherCue, scratch, buf);
      set.role.push({ seq: buf.copy(), gold, allowed: roleAllowed(from, to, cue, new Uint8Array((to - from) * ROLE_TAGS)).slice(0, (to - from) * ROLE_TAGS) });
    });
    // Negative cues: verbs that are no cue, with all-O gold, so that the role tagger learns to find
    // no content for them and can veto false cues at run time (AttributionModel.requireContent).
    if (negativeEvery > 0) {
      for (let i = 0; i < t.n; i++) {
        if (doc.tokens[i]!.pos !== 'VERB' || otherCue[i] || (hashString(article.id) + i) % negativeEvery !== 0) continue;
        const p = t.paragraph[i]!;
        const from = t.paraStart[p]!, to = t.paraEnd[p]!;
        const cue = { first: i, end: i + 1 };
        roleFeatures(t, from, to, i, i + 1, cueLemmaId(t, cue), otherCue, scratch, buf);
        set.role.push({ seq: buf.copy(), gold: new Int32Array(to - from), allowed: roleAllowed(from, to, cue, new Uint8Array((to - from) * ROLE_TAGS)).slice(0, (to - from) * ROLE_TAGS) });
        set.negatives++;
      }
    }
  }
  return set;
}
