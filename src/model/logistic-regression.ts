// The logistic regression both statement classifiers of the learned stage are fitted with: the
// extra-statement veto (extra-veto-training.ts) and the model-statement filter
// (model-filter-training.ts). Batch gradient descent with a small L2 penalty (not on the
// intercept) over named 0/1 or small-count readings, deterministic (no sampling). Hand-written: a
// few lines over typed arrays; the examples are a few thousand, the readings a few hundred.

/** One example: its readings by name and whether it is right (the positive class). */
export interface LogisticExample {
  readings: Readonly<Record<string, number>>;
  right: boolean;
}

export interface LogisticOptions {
  l2?: number;
  rounds?: number;
  rate?: number;
  /** Readings non-zero in fewer examples than this get no weight (default 1: every reading seen). */
  minCount?: number;
}

/** Fits the regression; returns the weights by name: 'bias' (the intercept) first, then the
 * readings that passed minCount, in name order. */
export function fitLogistic(data: readonly LogisticExample[], { l2 = 0.001, rounds = 2000, rate = 0.5, minCount = 1 }: LogisticOptions = {}): Map<string, number> {
  const counts = new Map<string, number>();
  for (const x of data) for (const n in x.readings) if (x.readings[n]) counts.set(n, (counts.get(n) ?? 0) + 1);
  const names = [...counts].filter(([, c]) => c >= minCount).map(([n]) => n).sort();
  const index = new Map(names.map((n, i) => [n, i + 1]));
  // Each example as parallel arrays of reading indices and values (index 0 is the intercept).
  const rows = data.map((x) => {
    const idx: number[] = [0], val: number[] = [1];
    for (const n in x.readings) {
      const i = index.get(n);
      if (i !== undefined && x.readings[n]) {
        idx.push(i);
        val.push(x.readings[n]!);
      }
    }
    return { idx: Int32Array.from(idx), val: Float64Array.from(val), y: x.right ? 1 : 0 };
  });
  const w = new Float64Array(names.length + 1);
  const grad = new Float64Array(names.length + 1);
  for (let round = 0; round < rounds; round++) {
    grad.fill(0);
    for (const r of rows) {
      let z = 0;
      for (let k = 0; k < r.idx.length; k++) z += w[r.idx[k]!]! * r.val[k]!;
      const err = 1 / (1 + Math.exp(-z)) - r.y;
      for (let k = 0; k < r.idx.length; k++) grad[r.idx[k]!] += err * r.val[k]!;
    }
    for (let i = 0; i < w.length; i++) w[i] -= rate * (grad[i]! / rows.length + (i === 0 ? 0 : l2 * w[i]!));
  }
  return new Map([['bias', w[0]!], ...names.map((n, i) => [n, w[i + 1]!] as [string, number])]);
}
