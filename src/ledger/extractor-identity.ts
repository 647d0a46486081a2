// The extractor's identity, as the ledger records it with every stored analysis: hearsay's package
// version and the SHA-256 of the attribution model file's bytes, in one fingerprint string
// ("hearsay/0.1.0 attribution-v4.bin.gz@sha256:<64 hex>"). Two analyses with the same fingerprint
// came from the same extractor; a stored analysis with another fingerprint (or none: written before
// the ledger recorded one) is stale. Computed once per process and only when the ledger asks: the
// model's bytes are hashed here, never by `hearsay extract`. Code or lexicon edits that do not bump
// the package version are not seen; `hearsay reanalyse --all` covers them.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PACKAGE_ROOT } from '../nlp/lexicon.js';

export interface ExtractorIdentity {
  /** hearsay's package version ("0.1.0"), "unknown" when package.json cannot be read. */
  version: string;
  /** The attribution model's file name ("attribution-v4.bin.gz"). */
  model: string;
  /** SHA-256 of the model file's bytes (hex), "absent" when the file cannot be read. */
  modelSha256: string;
  /** What the ledger stores and compares. */
  fingerprint: string;
}

const FINGERPRINT = /^hearsay\/(\S+) (\S+)@sha256:(\S+)$/;

export function extractorFingerprint(version: string, model: string, modelSha256: string): string {
  return `hearsay/${version} ${model}@sha256:${modelSha256}`;
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function fileSha256(path: string): string {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return 'absent';
  }
}

let current: Promise<ExtractorIdentity> | null = null;

/** The identity of this process's extractor (the package's pipeline with its shipped model), computed once. */
export function currentExtractor(): Promise<ExtractorIdentity> {
  current ??= (async () => {
    // Imported here, not at the top: the weights module pulls in the model code, which the
    // ledger's read-only commands never need.
    const { DEFAULT_MODEL_PATH } = await import('../model/weights-file.js');
    const version = packageVersion();
    const model = basename(DEFAULT_MODEL_PATH);
    const modelSha256 = fileSha256(DEFAULT_MODEL_PATH);
    return { version, model, modelSha256, fingerprint: extractorFingerprint(version, model, modelSha256) };
  })();
  return current;
}

/** A short human form: "hearsay 0.1.0, model attribution-v4.bin.gz 5bf874c0f5f8"; "unknown" for none. */
export function describeExtractor(fingerprint: string | null): string {
  if (fingerprint === null) return 'unknown (analysed before the ledger recorded extractors)';
  const m = FINGERPRINT.exec(fingerprint);
  if (!m) return fingerprint;
  return `hearsay ${m[1]}, model ${m[2]} ${m[3]!.slice(0, 12)}`;
}
