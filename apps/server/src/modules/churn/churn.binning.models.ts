// Feature binning for the gradient-boosted trees: every column becomes at most 255 bins (one byte per value).
// Bin 0 holds missing values; bins 1..k hold the values between consecutive edges (x <= edges[0] -> bin 1, ...).
import type { FeatureMatrix } from './churn.dataset.models';
import { createRng } from './churn.sampling.models';

export const MAX_BINS = 255;

/** Bin edges of every column, from (a seeded sample of at most `sampleSize`) training rows. */
export function computeBinEdges(m: FeatureMatrix, maxBins = MAX_BINS, sampleSize = 200_000, seed = 7): number[][] {
  const valueBins = Math.max(2, Math.min(MAX_BINS, maxBins) - 1);
  const rows = sampleRows(m.rows, sampleSize, seed);
  const edges: number[][] = [];
  const values = new Float64Array(rows.length);
  for (let c = 0; c < m.cols; c++) {
    let n = 0;
    for (let k = 0; k < rows.length; k++) {
      const x = m.data[rows[k] * m.cols + c];
      if (!Number.isNaN(x)) values[n++] = x;
    }
    edges.push(columnEdges(values.subarray(0, n).sort(), valueBins));
  }
  return edges;
}

function sampleRows(n: number, size: number, seed: number): Uint32Array {
  if (n <= size) return Uint32Array.from({ length: n }, (_, i) => i);
  const rng = createRng(seed);
  const out = new Uint32Array(size);
  for (let i = 0; i < size; i++) out[i] = Math.floor(rng() * n);
  return out.sort();
}

/** Edges between distinct values (midpoints) when there are few, else at quantiles of the sorted values. */
function columnEdges(sorted: Float64Array, valueBins: number): number[] {
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  if (distinct.length <= valueBins) {
    const out: number[] = [];
    for (let i = 0; i + 1 < distinct.length; i++) out.push((distinct[i] + distinct[i + 1]) / 2);
    return out;
  }
  const out: number[] = [];
  for (let k = 1; k < valueBins; k++) {
    const v = sorted[Math.floor((k * sorted.length) / valueBins)];
    // The edge sits between v and the next larger value, so equal values share a bin.
    let j = Math.floor((k * sorted.length) / valueBins);
    while (j < sorted.length && sorted[j] === v) j++;
    if (j >= sorted.length) break;
    const edge = (v + sorted[j]) / 2;
    if (!out.length || edge > out[out.length - 1]) out.push(edge);
  }
  return out;
}

/** The bin of one value: 0 when missing, else 1 + the number of edges below it. */
export function binOf(x: number, edges: number[]): number {
  if (Number.isNaN(x)) return 0;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo + 1;
}

/** Row-major bytes: `bins[r * cols + c]`. */
export function binMatrix(m: FeatureMatrix, edges: number[][]): Uint8Array {
  const out = new Uint8Array(m.rows * m.cols);
  for (let r = 0; r < m.rows; r++) {
    const base = r * m.cols;
    for (let c = 0; c < m.cols; c++) out[base + c] = binOf(m.data[base + c], edges[c]);
  }
  return out;
}
