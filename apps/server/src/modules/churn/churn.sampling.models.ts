// Seeded randomness for the learners and the evaluation: the same seed gives the same model and the same folds.

/** mulberry32: a small, fast 32-bit generator; returns floats in [0, 1). */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle in place. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(a: T, rng: () => number): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/** Stratified K folds: each fold gets its share of positives and negatives. Returns the fold number of every row. */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed = 1): Uint16Array {
  const rng = createRng(seed);
  const fold = new Uint16Array(labels.length);
  for (const cls of [0, 1]) {
    const idx: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === cls) idx.push(i);
    shuffleInPlace(idx, rng);
    idx.forEach((row, n) => {
      fold[row] = n % k;
    });
  }
  return fold;
}

/** A stratified split into train and validation row indices (validation gets `fraction` of each class). */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  fraction: number,
  seed: number,
): { train: Uint32Array; valid: Uint32Array } {
  const rng = createRng(seed);
  const train: number[] = [];
  const valid: number[] = [];
  for (const cls of [0, 1]) {
    const idx: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === cls) idx.push(i);
    shuffleInPlace(idx, rng);
    const nv = Math.round(idx.length * fraction);
    for (let n = 0; n < idx.length; n++) (n < nv ? valid : train).push(idx[n]);
  }
  return {
    train: Uint32Array.from(train.sort((a, b) => a - b)),
    valid: Uint32Array.from(valid.sort((a, b) => a - b)),
  };
}
