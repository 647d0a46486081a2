// The cue network as train.ts trains and ships it: the shape and weight chosen by cross-validation
// (cue-network.ts SHIPPED_NETWORK), trained on the cue tagger's sequences at the cue candidates, and,
// with pre-trained word vectors (word-vectors.ts), returned in the prediction shape with the
// vectors' input weights folded into per-word parts (vector-projection.ts). A training-time module:
// it reads the vectors, which prediction never does.

import type { FeatureSequence } from './perceptron.js';
import type { CueCandidates } from './cue-candidates.js';
import { DEFAULT_NETWORK_OPTIONS, SHIPPED_NETWORK, trainCueNetwork, type CueNetwork, type NetworkExample } from './cue-network.js';
import { projectWordVectors, VECTOR_DIMENSIONS, VECTOR_WINDOW, type WordVectors } from './word-vectors.js';

/** The network trained on the cue tagger's training sequences (cue candidates only, as at
 * prediction time) with the defaults above; train.ts calls it after the perceptrons. With word
 * vectors (word-vectors.ts) it reads the vectors of each token and its neighbours while training,
 * and is returned in the prediction shape, their input weights folded into per-word parts. */
export function trainShippedCueNetwork(sequences: readonly { seq: FeatureSequence; gold: ArrayLike<number>; lemmas?: Uint32Array; lowers?: Uint32Array }[], candidates: CueCandidates, vectors: WordVectors | null, log?: (line: string) => void): CueNetwork {
  const examples: NetworkExample[] = sequences.map((d) => ({
    seq: d.seq,
    gold: d.gold,
    train: d.lemmas ? Uint8Array.from(d.lemmas, (l) => (candidates.isCandidate(l) ? 1 : 0)) : undefined,
    realOf: vectors ? () => vectors.inputs(d.lowers!, d.lemmas!, d.seq.length, VECTOR_WINDOW) : undefined,
  }));
  const inputs = vectors ? (2 * VECTOR_WINDOW + 1) * VECTOR_DIMENSIONS : 0;
  const net = trainCueNetwork(examples, SHIPPED_NETWORK.bits, SHIPPED_NETWORK.hidden, { ...DEFAULT_NETWORK_OPTIONS, log }, inputs);
  net.weight = SHIPPED_NETWORK.weight;
  return vectors ? net.withoutInputs(projectWordVectors(net, vectors, VECTOR_WINDOW)) : net;
}
