// wink-nlp's English model (wink-eng-lite-web-model), put together from its parts for the one
// wink-nlp instance hearsay runs, which splits sentences and tags parts of speech and nothing else.
// The package's own entry point costs about 60 ms of CPU more at every start: it parses the entity
// (171 KB) and sentiment (404 KB) models that wink-nlp loads whatever its pipe, and its core loader
// parses the 3 MB core model, copies it through JSON.stringify and JSON.parse (so that several
// instances never share it), then decodes its lexicon with atob and a loop over characters.
// Here the core model is parsed once from its file (a fresh object, nothing shared) and decoded
// with Buffer; the entity and sentiment models are empty machines; the feature extractors skip
// the word features no step of that pipe reads. The result reads text as the package's own model
// does: wink-model.test.ts checks the core against its loader and the readings against its model.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Model } from 'wink-nlp';
import { posTaggingSetter } from './wink-pos-tagger.js';
import { sentenceSplittingSetter } from './wink-sentence-splitter.js';
import { tokenTransformers, type TokenTransformers } from './wink-transformers.js';

const require = createRequire(import.meta.url);
/** The model package's dist/ folder (its main file lives there). */
const MODEL_DIR = dirname(require.resolve('wink-eng-lite-web-model'));
const CORE_MODEL_FILE = join(MODEL_DIR, 'languages', 'cur', 'models', 'eng-core-web-model.json');

/** A state machine that recognises nothing, as wink-nlp's automaton.emptyModelJSON() writes it. */
const EMPTY_MACHINE = '[100,0,{"0":{}},{},{},{}]';

interface CoreFeature {
  list: string[];
  hash: Record<string, number>;
  intrinsicSize: number;
  index: number;
  maxIndex: number;
}

/** The core model as wink-nlp reads it; only the parts this loader touches are typed. */
export interface CoreModel {
  lexicon: Uint32Array;
  xpansions: Uint32Array;
  packing: { layout: Record<string, number[]>; efList: string[]; size: number };
  pos: { hash: Record<string, number> };
  features: Record<string, CoreFeature> & { lexeme: CoreFeature; pos: CoreFeature; posClusters: { list: (string | Set<number>)[] } };
  /** The tokenizer's regular expressions, token categories and preserved affixes (wink-raw-doc.ts). */
  trex: unknown;
  tcat: { hash: unknown };
  preserve: unknown;
}

/** Base64 text to 32-bit words (copied into an ArrayBuffer of its own, so always aligned). */
function uint32FromBase64(data: string): Uint32Array {
  const bytes = new Uint8Array(Buffer.from(data, 'base64'));
  return new Uint32Array(bytes.buffer, 0, bytes.length >>> 2);
}

function indexOf(list: string[]): Record<string, number> {
  const hash: Record<string, number> = Object.create(null) as Record<string, number>;
  for (let k = 0; k < list.length; k++) hash[list[k]!] = k;
  return hash;
}

/**
 * The core model (lexicon, features, packing), as the package's load-core-model.js and
 * read-core-model.js build it, step for step, from one parse of the file.
 */
export function readCoreModel(): CoreModel {
  const model = JSON.parse(readFileSync(CORE_MODEL_FILE, 'utf8')) as Omit<CoreModel, 'lexicon' | 'xpansions'> & { lexicon: unknown; xpansions: unknown };
  const core = model as unknown as CoreModel;
  core.lexicon = uint32FromBase64(model.lexicon as string);
  core.xpansions = uint32FromBase64(model.xpansions as string);
  const layout = core.packing.layout;
  const features = core.features;
  for (const f in layout) if (layout[f]![3] === 0) features[f]!.hash = indexOf(features[f]!.list);
  features.lexeme.hash = indexOf(features.lexeme.list);
  const clusters = features.posClusters.list;
  for (let k = 0; k < clusters.length; k++) clusters[k] = new Set((clusters[k] as string).split('_').map((e) => core.pos.hash[e] || 0));
  core.packing.efList = [];
  for (const f in layout) {
    const feature = features[f]!;
    if (layout[f]![3] === 0) {
      feature.intrinsicSize = feature.list.length;
      feature.index = feature.list.length;
      feature.maxIndex = layout[f]![1]! >>> layout[f]![2]!;
    }
    if (layout[f]![4] === 1) core.packing.efList.push(f);
  }
  features.lexeme.intrinsicSize = features.lexeme.list.length;
  features.lexeme.index = features.lexeme.list.length;
  return core;
}

/** The model's parts that the adapter wraps (wink.ts); the others are opaque to it. */
export interface EnglishModel extends Model {
  core: () => CoreModel;
  featureFn: (...args: unknown[]) => Record<string, (word: string, category: number, cache: unknown) => unknown>;
  sbd: () => { setter(...args: unknown[]): void };
  pos: () => { setter(...args: unknown[]): void };
}

/** The package's own part `file` (a CommonJS module of its dist/ folder). */
function part<T>(file: string): T {
  return require(join(MODEL_DIR, file)) as T;
}

type FeatureFn = EnglishModel['featureFn'];

/** wink-nlp's value for "none" of the shape, prefix and suffix features (each list's first value). */
const NO_FEATURE_VALUE = '$%^oov^%$';

/**
 * The model's feature extractors, which wink-nlp runs on every word it adds to its lexicon (every
 * new word of a text, and its lower case), with the word's shape, prefix, suffix and letter case
 * made constant: only its.shape, its.prefix, its.suffix and its.case read them, never the sentence
 * splitter or the POS tagger (which read isAbbrev, pos and the model's own words' hints), and
 * hearsay asks none of the four. Computing them (a Unicode normalisation and six replacements for
 * the shape, and each value added to a dictionary of its own) was about 4% of the tokens stage.
 */
function sentencesAndTagsFeatures(featureFn: FeatureFn): FeatureFn {
  return (...args) => {
    const features = featureFn(...args);
    const none = (): string => NO_FEATURE_VALUE;
    features.shape = none;
    features.prefix = none;
    features.suffix = none;
    features.lutCase = () => 0;
    return features;
  };
}

/** A model part as the package's load-*-model.js files return it. */
interface AutomataPart {
  machines: string[];
  transformers: unknown[];
  setter(...args: unknown[]): void;
}

/**
 * The package's sentence part with its machine run by the setter (wink-sentence-splitter.ts):
 * wink-nlp gets none to run itself.
 */
function sentencePart(transformer: TokenTransformers['sbd']): () => AutomataPart {
  return () => {
    const loaded = part<() => AutomataPart>('load-sbd-model.js')();
    if (loaded.machines.length !== 1) throw new Error('wink-nlp: the sentence part has no longer one machine (has the model changed?)');
    const setter = sentenceSplittingSetter(loaded.machines[0]!, loaded.setter as never, transformer as never);
    return { machines: [], transformers: [], setter: setter as AutomataPart['setter'] };
  };
}

/**
 * The package's POS part with its machines run by the setter (wink-pos-tagger.ts): wink-nlp gets
 * none to run itself.
 */
function posPart(transformers: TokenTransformers): () => AutomataPart & { updater: unknown } {
  return () => {
    const loaded = part<() => AutomataPart & { updater: unknown }>('load-pos-model.js')();
    const setter = posTaggingSetter(loaded.machines, loaded.setter as never, transformers);
    return { machines: [], transformers: [], updater: loaded.updater, setter: setter as AutomataPart['setter'] };
  };
}

/**
 * The model to give wink-nlp for a pipe of 'sbd' and 'pos' (never 'ner' or 'sentiment': their
 * machines here recognise nothing). Every call builds a new object; the parts load on wink-nlp's
 * call, in its order. The sentence and POS machines are run by their parts' setters on compiled
 * tables, their token transformers reading a table of word facts (wink-transformers.ts).
 */
export function sentencesAndTagsModel(): EnglishModel {
  const transformers = tokenTransformers();
  const addons = Object.create(null) as Record<string, unknown>;
  addons.stem = part('porter-stemmer.js');
  addons.lemmatize = part('lemmatize.js');
  addons.readabilityStats = part('readability-stats.js');
  addons.wordVectors = undefined;
  return {
    core: readCoreModel,
    sbd: sentencePart(transformers.sbd),
    pos: posPart(transformers),
    ner: () => ({ machines: [], transformers: [] }),
    negation: part('load-negation-model.js'),
    sa: () => ({ machines: [EMPTY_MACHINE], setter: () => undefined }),
    metaCER: part('load-cer-meta-model.js'),
    featureFn: sentencesAndTagsFeatures(part('feature.js')),
    addons,
  };
}
