// The shipped weights file (models/attribution-v3.bin.gz): a versioned, gzipped binary.
// Layout after gunzip (all numbers little-endian): "HSAM" magic, uint32 header length, a JSON
// header (format version, tag and hash sizes, decoding biases, the WordNet table, training
// provenance) padded with spaces to a multiple of 4 bytes; then per tagger (cue, then role):
// transitions (float32), the number of non-zero weights (uint32), their indices as uint32 deltas,
// their values as float32; then the lemmas that are no cue candidates (cue-candidates.ts): their
// number (uint32) and their hashes (uint32, ascending). Weights below PRUNE_BELOW are dropped,
// which keeps the file small; loading rebuilds the dense arrays.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { HearsayError } from '../core/errors.js';
import { PACKAGE_ROOT } from '../nlp/lexicon.js';
import { AttributionModel, CUE_TAGS, newCueTagger, newRoleTagger, ROLE_TAGS } from './attribution-model.js';
import type { StructuredPerceptron } from './perceptron.js';
import type { WordClassTable } from './word-classes.js';
import { CueCandidates } from './cue-candidates.js';

export const MODEL_FORMAT = 'hearsay-attribution-model';
/** Bumped whenever the layout or the meaning of the weights changes (v2: clause-context cue
 * templates and '' quotation pairs in the token table; v3: the cue-candidate lemmas after the
 * weights). A file of another version is refused with a clear error. */
export const MODEL_VERSION = 3;
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
  const body = Buffer.concat([pre, h, pad, ...sparse(model.cue), ...sparse(model.role), nonCandidateCount, Buffer.from(nonCandidates.buffer, nonCandidates.byteOffset, nonCandidates.byteLength)]);
  const gz = gzipSync(body, { level: 9 });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, gz);
  return gz.length;
}

function bad(path: string, why: string): HearsayError {
  return new HearsayError('MODEL', `The attribution model ${path} is unusable: ${why}`, { path });
}

export function loadModel(path: string = DEFAULT_MODEL_PATH): { model: AttributionModel; header: ModelHeader } {
  let body: Buffer;
  try {
    body = gunzipSync(readFileSync(path));
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
  const copy = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
  const read = (p: StructuredPerceptron): void => {
    const tLen = p.transitions.length;
    if (at + tLen * 4 + 4 > body.length) throw bad(path, 'truncated');
    p.transitions.set(new Float32Array(copy, at, tLen));
    at += tLen * 4;
    const count = body.readUInt32LE(at);
    at += 4;
    if (at + count * 8 > body.length) throw bad(path, 'truncated');
    const idx = new Uint32Array(copy, at, count);
    const val = new Float32Array(copy, at + count * 4, count);
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
  const candidates = new CueCandidates(new Uint32Array(copy.slice(at, at + nonCandidateCount * 4)));
  if (header.cueTagBias?.length === cue.tags) cue.tagBias.set(header.cueTagBias);
  if (header.roleTagBias?.length === role.tags) role.tagBias.set(header.roleTagBias);
  return { model: new AttributionModel(cue, role, header.classes ?? null, candidates), header };
}
