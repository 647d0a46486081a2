// The shipped weights file (models/attribution-v4.bin.gz): a versioned, gzipped binary.
// Layout after gunzip (all numbers little-endian): "HSAM" magic, uint32 header length, a JSON
// header (format version, tag and hash sizes, decoding biases, the WordNet table, training
// provenance) padded with spaces to a multiple of 4 bytes; then per tagger (cue, then role):
// transitions (float32), the number of non-zero weights (uint32), their indices as uint32 deltas,
// their values as float32; then the lemmas that are no cue candidates (cue-candidates.ts): their
// number (uint32) and their hashes (uint32, ascending); then, when the header's cueNetwork is set,
// the cue network (cue-network.ts): hidden bias, output weights, output bias, transitions (float32),
// the number of its non-zero embedding rows (uint32), their row indices as uint32 deltas and the
// rows (float32, `hidden` each); then, when the header's wordVectors is set, the network's
// word-vector parts (vector-projection.ts): the number of words (uint32), their hashes (uint32), one
// scale per column (float32) and the parts as int16 multiples of their column's scale. A file
// without the network section (header cueNetwork absent) loads without a network, one without
// wordVectors without word vectors. Weights below PRUNE_BELOW are dropped, which keeps the file small;
// loading rebuilds the dense arrays.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import { HearsayError } from '../core/errors.js';
import { PACKAGE_ROOT } from '../nlp/lexicon.js';
import { AttributionModel, CUE_TAGS, newCueTagger, newRoleTagger, ROLE_TAGS } from './attribution-model.js';
import type { StructuredPerceptron } from './perceptron.js';
import type { WordClassTable } from './word-classes.js';
import { CueCandidates } from './cue-candidates.js';
import { CueNetwork, NETWORK_TAGS } from './cue-network.js';
import { partsPerOffset, WordVectorProjection } from './vector-projection.js';

export const MODEL_FORMAT = 'hearsay-attribution-model';
/** Bumped whenever the layout or the meaning of the weights changes (v2: clause-context cue
 * templates and '' quotation pairs in the token table; v3: the cue-candidate lemmas after the
 * weights; v4: the cue network's word-vector parts). A file of another version is refused with a
 * clear error. */
export const MODEL_VERSION = 4;
export const DEFAULT_MODEL_PATH = join(PACKAGE_ROOT, 'models', `attribution-v${MODEL_VERSION}.bin.gz`);
const MAGIC = 0x4d415348; // "HSAM" little-endian

export interface ModelHeader {
  format: string;
  version: number;
  cueBits: number;
  roleBits: number;
  /** Per-tag decoding biases, tuned on held-out training articles (see train.ts). */
  cueTagBias: number[];
  roleTagBias: number[];
  /** WordNet supersenses by lemma (see word-classes.ts), or null. */
  classes: WordClassTable | null;
  /** The cue network's shape and weight, when the file holds one (absent in older files). */
  cueNetwork?: { bits: number; hidden: number; weight: number } | null;
  /** The cue network's word-vector parts: offsets on either side of the token, and words. */
  wordVectors?: { window: number; words: number } | null;
  /** Free-form provenance: data file, epochs, seed, dev scores at training time. */
  training: Record<string, unknown>;
}

/** Weights smaller than this in magnitude are dropped when saving (measured: dev F1s move by 0.2 at most). */
export const PRUNE_BELOW = 1e-3;

function sparse(p: StructuredPerceptron): Buffer[] {
  const w = p.weights;
  let count = 0;
  for (let i = 0; i < w.length; i++) if (Math.abs(w[i]!) >= PRUNE_BELOW) count++;
  const idx = new Uint32Array(count);
  const val = new Float32Array(count);
  let k = 0, last = 0;
  for (let i = 0; i < w.length; i++) {
    if (Math.abs(w[i]!) < PRUNE_BELOW) continue;
    idx[k] = i - last;
    val[k] = w[i]!;
    last = i;
    k++;
  }
  const n = Buffer.alloc(4);
  n.writeUInt32LE(count);
  return [Buffer.from(p.transitions.buffer, p.transitions.byteOffset, p.transitions.byteLength), n, Buffer.from(idx.buffer), Buffer.from(val.buffer)];
}

export function saveModel(model: AttributionModel, path: string, training: Record<string, unknown>): number {
  const header: ModelHeader = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    cueBits: model.cue.bits,
    roleBits: model.role.bits,
    cueTagBias: [...model.cue.tagBias],
    roleTagBias: [...model.role.tagBias],
    classes: model.classes,
    cueNetwork: model.cueNetwork ? { bits: model.cueNetwork.bits, hidden: model.cueNetwork.hidden, weight: model.cueNetwork.weight } : null,
    wordVectors: model.cueNetwork?.projection ? { window: model.cueNetwork.projection.window, words: model.cueNetwork.projection.words.length } : null,
    training,
  };
  const nonCandidates = model.candidates?.lemmas ?? new Uint32Array(0);
  const nonCandidateCount = Buffer.alloc(4);
  nonCandidateCount.writeUInt32LE(nonCandidates.length);
  const h = Buffer.from(JSON.stringify(header), 'utf8');
  const pre = Buffer.alloc(8);
  pre.writeUInt32LE(MAGIC, 0);
  pre.writeUInt32LE(h.length, 4);
  // Pad the header so the typed arrays that follow start 4-byte aligned.
  const pad = Buffer.alloc((4 - (h.length % 4)) % 4, 0x20);
  const body = Buffer.concat([pre, h, pad, ...sparse(model.cue), ...sparse(model.role), nonCandidateCount, Buffer.from(nonCandidates.buffer, nonCandidates.byteOffset, nonCandidates.byteLength), ...(model.cueNetwork ? networkSection(model.cueNetwork) : []), ...(model.cueNetwork?.projection ? wordVectorSection(model.cueNetwork.projection) : [])]);
  const gz = gzipSync(body, { level: 9 });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, gz);
  return gz.length;
}

const f32 = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** The network section: dense parts, then the embedding rows that are not all zero. */
function networkSection(net: CueNetwork): Buffer[] {
  const H = net.hidden, rows = net.embed.length / H;
  const kept: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < H; j++) {
      if (net.embed[r * H + j] !== 0) {
        kept.push(r);
        break;
      }
    }
  }
  const idx = new Uint32Array(kept.length);
  const val = new Float32Array(kept.length * H);
  kept.forEach((r, k) => {
    idx[k] = r - (k ? kept[k - 1]! : 0);
    val.set(net.embed.subarray(r * H, r * H + H), k * H);
  });
  const n = Buffer.alloc(4);
  n.writeUInt32LE(kept.length);
  return [f32(net.hiddenBias), f32(net.out), f32(net.outBias), f32(net.transitions), n, Buffer.from(idx.buffer), f32(val)];
}

/** The word-vector section: word count, word hashes, column scales, int16 parts. */
function wordVectorSection(p: WordVectorProjection): Buffer[] {
  const { scales, codes } = p.parts;
  const n = Buffer.alloc(4);
  n.writeUInt32LE(p.words.length);
  return [n, Buffer.from(p.words.buffer, p.words.byteOffset, p.words.byteLength), f32(scales), Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength)];
}

function bad(path: string, why: string): HearsayError {
  return new HearsayError('MODEL', `The attribution model ${path} is unusable: ${why}`, { path });
}

/** The gzip trailer's ISIZE (the uncompressed length mod 2^32) is trusted for sizing only up to this. */
const MAX_OUTPUT_CHUNK = 64 * 1024 * 1024;

/**
 * Gunzips into one buffer sized from the gzip trailer's ISIZE. With zlib's default 16 KB output
 * chunks, gunzipSync collects some 730 chunks for the model and concatenates them: a second copy of
 * 12 MB and its garbage, about a third of the decompression's CPU (measured). A damaged trailer
 * fails zlib's own length check as before; the cap keeps it from first asking for a huge buffer.
 */
function gunzipWhole(gz: Buffer): Buffer {
  const recorded = gz.length >= 18 ? gz.readUInt32LE(gz.length - 4) : 0;
  return gunzipSync(gz, { chunkSize: Math.min(Math.max(recorded + 64, zlibConstants.Z_DEFAULT_CHUNK), MAX_OUTPUT_CHUNK) });
}

export function loadModel(path: string = DEFAULT_MODEL_PATH): { model: AttributionModel; header: ModelHeader } {
  let body: Buffer;
  try {
    body = gunzipWhole(readFileSync(path));
  } catch (error) {
    throw bad(path, error instanceof Error ? error.message : String(error));
  }
  if (body.length < 8 || body.readUInt32LE(0) !== MAGIC) throw bad(path, 'not a hearsay model file');
  const hLen = body.readUInt32LE(4);
  let header: ModelHeader;
  try {
    header = JSON.parse(body.subarray(8, 8 + hLen).toString('utf8'));
  } catch {
    throw bad(path, 'damaged header');
  }
  if (header.format !== MODEL_FORMAT || header.version !== MODEL_VERSION) {
    throw bad(path, `format ${header.format} v${header.version}; this hearsay reads ${MODEL_FORMAT} v${MODEL_VERSION}`);
  }
  let at = 8 + hLen + ((4 - (hLen % 4)) % 4);
  // The typed arrays below are views of the body where it starts 4-byte aligned (gunzipWhole's
  // buffer does), else of an aligned copy; the arrays the model keeps are copied out of them.
  const bytes = body.byteOffset % 4 === 0 ? body : Buffer.from(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
  const float32s = (from: number, length: number): Float32Array => new Float32Array(bytes.buffer, bytes.byteOffset + from, length);
  const uint32s = (from: number, length: number): Uint32Array => new Uint32Array(bytes.buffer, bytes.byteOffset + from, length);
  const read = (p: StructuredPerceptron): void => {
    const tLen = p.transitions.length;
    if (at + tLen * 4 + 4 > body.length) throw bad(path, 'truncated');
    p.transitions.set(float32s(at, tLen));
    at += tLen * 4;
    const count = body.readUInt32LE(at);
    at += 4;
    if (at + count * 8 > body.length) throw bad(path, 'truncated');
    const idx = uint32s(at, count);
    const val = float32s(at + count * 4, count);
    at += count * 8;
    const w = p.weights;
    let i = 0;
    for (let k = 0; k < count; k++) {
      i += idx[k]!;
      if (i >= w.length) throw bad(path, 'weight index out of range');
      w[i] = val[k]!;
    }
  };
  const cue = newCueTagger(header.cueBits);
  const role = newRoleTagger(header.roleBits);
  if (cue.tags !== CUE_TAGS || role.tags !== ROLE_TAGS) throw bad(path, 'tag sets differ');
  read(cue);
  read(role);
  if (at + 4 > body.length) throw bad(path, 'truncated');
  const nonCandidateCount = body.readUInt32LE(at);
  at += 4;
  if (at + nonCandidateCount * 4 > body.length) throw bad(path, 'truncated');
  const candidates = new CueCandidates(uint32s(at, nonCandidateCount).slice());
  at += nonCandidateCount * 4;
  if (header.cueTagBias?.length === cue.tags) cue.tagBias.set(header.cueTagBias);
  if (header.roleTagBias?.length === role.tags) role.tagBias.set(header.roleTagBias);
  const model = new AttributionModel(cue, role, header.classes ?? null, candidates);
  const shape = header.cueNetwork;
  if (shape) {
    const { bits, hidden: H, weight } = shape;
    if (!(Number.isInteger(bits) && bits > 0 && bits <= 24 && Number.isInteger(H) && H > 0 && H <= 256 && Number.isFinite(weight))) throw bad(path, 'bad cue network shape');
    const dense = (length: number): Float32Array => {
      if (at + length * 4 > body.length) throw bad(path, 'truncated');
      const a = float32s(at, length).slice();
      at += length * 4;
      return a;
    };
    const net = new CueNetwork(bits, H, 0, undefined, dense(H), dense(H * NETWORK_TAGS), dense(NETWORK_TAGS));
    net.transitions.set(dense(net.transitions.length));
    net.weight = weight;
    if (at + 4 > body.length) throw bad(path, 'truncated');
    const rows = body.readUInt32LE(at);
    at += 4;
    if (at + rows * 4 * (1 + H) > body.length) throw bad(path, 'truncated');
    const idx = uint32s(at, rows);
    const val = float32s(at + rows * 4, rows * H);
    const embed = net.embed;
    let r = 0;
    for (let k = 0; k < rows; k++) {
      r += idx[k]!;
      if ((r + 1) * H > embed.length) throw bad(path, 'embedding row out of range');
      // Element by element: a subarray per row (65,000 rows) was two allocations each.
      for (let j = 0, from = k * H, to = r * H; j < H; j++) embed[to + j] = val[from + j]!;
    }
    at += rows * 4 * (1 + H);
    const vectors = header.wordVectors;
    if (vectors) {
      const { window } = vectors;
      if (!(Number.isInteger(window) && window >= 0 && window <= 8 && H === 8)) throw bad(path, 'bad word-vector shape');
      if (at + 4 > body.length) throw bad(path, 'truncated');
      const words = body.readUInt32LE(at);
      at += 4;
      const width = (2 * window + 1) * partsPerOffset(H);
      if (words !== vectors.words || at + words * 4 + width * 4 + words * width * 2 > body.length) throw bad(path, 'truncated word vectors');
      const hashes = uint32s(at, words).slice();
      at += words * 4;
      const scales = float32s(at, width).slice();
      at += width * 4;
      const codes = new Int16Array(bytes.buffer, bytes.byteOffset + at, words * width).slice();
      at += words * width * 2;
      net.setWordVectors(new WordVectorProjection(window, H, hashes, { scales, codes }));
    }
    model.setCueNetwork(net);
  }
  return { model, header };
}
