// Where a statement's readings go as they are read (extra-features.ts, model-features.ts): into a
// record by name, which training fits the regressions on and tests inspect, or straight into a
// logistic regression's weighted sum, which is all the shipped veto and filter need. The sum
// spares them a hash-table record per statement and the for-in over it (over the BBC set, building
// and summing those records took 0.27 s of CPU; node --cpu-prof, session 5).

/** Takes the readings of one statement, each name once, in the order they are read. */
export interface ReadingSink {
  set(name: string, value: number): void;
  /** The reading named prefix + key ("cue.lemma=" + a lemma; the prefix ends in '='), without building the name where it is not needed. */
  setKeyed(prefix: string, key: string, value: number): void;
}

/** Readings by name, 0 or 1 (or a small count). */
export type Readings = Record<string, number>;

/** Collects the readings into a record. */
export class ReadingRecord implements ReadingSink {
  // A null-prototype object is a hash table from the start: with a plain literal, every new key
  // sequence (the lemma and POS readings vary) gave V8 a fresh hidden-class chain, about 30 µs per
  // statement. Keys still enumerate in insertion order, so weighted sums over them are unchanged.
  readonly readings: Readings = Object.create(null) as Readings;

  set(name: string, value: number): void {
    this.readings[name] = value;
  }

  setKeyed(prefix: string, key: string, value: number): void {
    this.readings[prefix + key] = value;
  }
}

/**
 * A regression's weights by reading name, built once per weight table, and by key under each
 * prefix ending in '=' (the prefixes readers pass to setKeyed): a token's lemma or tag is then
 * looked up as it is, where the name built from it would be a new string to flatten and hash for
 * every statement.
 */
export class WeightTable {
  private readonly byName: ReadonlyMap<string, number>;
  private readonly byPrefix = new Map<string, Map<string, number>>();

  constructor(private readonly weights: Readonly<Record<string, number>>) {
    this.byName = new Map(Object.entries(weights));
    for (const [name, w] of this.byName) {
      for (let at = name.indexOf('='); at >= 0; at = name.indexOf('=', at + 1)) {
        const prefix = name.slice(0, at + 1);
        let byKey = this.byPrefix.get(prefix);
        if (!byKey) this.byPrefix.set(prefix, (byKey = new Map()));
        byKey.set(name.slice(at + 1), w);
      }
    }
  }

  weightOf(name: string): number | undefined {
    return this.byName.get(name);
  }

  /** The weight of the reading named prefix + key; the prefix ends in '='. */
  weightOfKeyed(prefix: string, key: string): number | undefined {
    return this.byPrefix.get(prefix)?.get(key);
  }

  bias(): number {
    return this.weights['bias'] ?? 0;
  }
}

/**
 * The logistic regression's sum z = bias + Σ weight × value over the readings in the order they
 * are read: the same additions, in the same order, as `probabilityOf` (extra-veto.ts) makes over a
 * record. A reading without a weight, or of value 0, adds nothing there (z + 0 is z, and a -0 sum
 * gives the same probability as +0), so it is skipped here.
 */
export class WeightedSum implements ReadingSink {
  private z: number;
  /** The value read for the keyed reading watchedPrefix + watchedKey (0 if it was not read). */
  watchedValue = 0;

  constructor(private readonly weights: WeightTable, private readonly watchedPrefix = '', private readonly watchedKey = '') {
    this.z = weights.bias();
  }

  set(name: string, value: number): void {
    if (value === 0) return;
    const w = this.weights.weightOf(name);
    if (w !== undefined) this.z += w * value;
  }

  setKeyed(prefix: string, key: string, value: number): void {
    // Added on every call, not assigned under a test: an assignment first reached after V8 had
    // optimised the readers deoptimised them (each name is read once, so the sum is the value).
    this.watchedValue += prefix === this.watchedPrefix && key === this.watchedKey ? value : 0;
    if (value === 0) return;
    const w = this.weights.weightOfKeyed(prefix, key);
    if (w !== undefined) this.z += w * value;
  }

  probability(): number {
    return 1 / (1 + Math.exp(-this.z));
  }
}
