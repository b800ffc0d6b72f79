// One regression tree on binned features, grown best-first (the leaf with the largest gain splits next) on gradient
// and hessian histograms. The histogram of the larger child is the parent's minus the smaller child's, so each level
// scans only the smaller half of the rows.

export type Tree = {
  /** Split column of each node (-1 for a leaf). */
  feature: number[];
  /** Rows with bin <= this go left (missing values, bin 0, always go left). */
  bin: number[];
  left: number[];
  right: number[];
  /** The node's output (shrunk Newton step), also kept for inner nodes: the path contributions use it. */
  value: number[];
};

export type TreeParams = {
  maxLeaves: number;
  maxDepth: number;
  minSamplesLeaf: number;
  minHessianLeaf: number;
  l2: number;
  learningRate: number;
  minGain: number;
};

export type TreeData = {
  bins: Uint8Array;
  cols: number;
  /** Number of bins of each column (edges + 2). */
  binCounts: Int32Array;
  grad: Float64Array;
  hess: Float64Array;
};

const STRIDE = 256;

type Split = { gain: number; feature: number; bin: number; gl: number; hl: number; cl: number };
type Leaf = {
  node: number;
  start: number;
  end: number;
  depth: number;
  hist: Float64Array;
  g: number;
  h: number;
  split: Split | null;
};

function buildHistogram(d: TreeData, idx: Uint32Array, start: number, end: number, hist: Float64Array) {
  hist.fill(0);
  const { bins, cols, grad, hess } = d;
  for (let k = start; k < end; k++) {
    const r = idx[k];
    const g = grad[r];
    const h = hess[r];
    let b = r * cols;
    let o = 0;
    for (let f = 0; f < cols; f++, b++, o += STRIDE * 3) {
      const p = o + bins[b] * 3;
      hist[p] += g;
      hist[p + 1] += h;
      hist[p + 2] += 1;
    }
  }
}

function bestSplit(d: TreeData, leaf: Leaf, count: number, features: Int32Array, params: TreeParams): Split | null {
  if (leaf.depth >= params.maxDepth || count < 2 * params.minSamplesLeaf) return null;
  const { l2, minSamplesLeaf, minHessianLeaf } = params;
  const parentScore = (leaf.g * leaf.g) / (leaf.h + l2);
  let best: Split | null = null;
  for (const f of features) {
    const o = f * STRIDE * 3;
    const nb = d.binCounts[f];
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let b = 0; b < nb - 1; b++) {
      const p = o + b * 3;
      gl += leaf.hist[p];
      hl += leaf.hist[p + 1];
      cl += leaf.hist[p + 2];
      if (cl < minSamplesLeaf || hl < minHessianLeaf) continue;
      const cr = count - cl;
      const hr = leaf.h - hl;
      if (cr < minSamplesLeaf) break;
      if (hr < minHessianLeaf) continue;
      const gr = leaf.g - gl;
      const gain = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parentScore;
      if (gain > params.minGain && (!best || gain > best.gain)) best = { gain, feature: f, bin: b, gl, hl, cl };
    }
  }
  return best;
}

/** Moves the rows going left to the front of idx[start, end) (stable); returns the first right position. */
function partition(d: TreeData, idx: Uint32Array, tmp: Uint32Array, leaf: Leaf, split: Split): number {
  let w = leaf.start;
  let t = 0;
  for (let k = leaf.start; k < leaf.end; k++) {
    const r = idx[k];
    if (d.bins[r * d.cols + split.feature] <= split.bin) idx[w++] = r;
    else tmp[t++] = r;
  }
  idx.set(tmp.subarray(0, t), w);
  return w;
}

/** Grows one tree on the rows idx[0, n) (idx is reordered); score rows with `treeOutputBinned`. */
export function growTree(d: TreeData, idx: Uint32Array, n: number, features: Int32Array, params: TreeParams): Tree {
  const tree: Tree = { feature: [], bin: [], left: [], right: [], value: [] };
  const pool: Float64Array[] = [];
  const takeHist = () => pool.pop() ?? new Float64Array(d.cols * STRIDE * 3);
  const tmp = new Uint32Array(n);
  const addNode = (g: number, h: number) => {
    tree.feature.push(-1);
    tree.bin.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push((-g / (h + params.l2)) * params.learningRate);
    return tree.value.length - 1;
  };
  let g0 = 0;
  let h0 = 0;
  for (let k = 0; k < n; k++) {
    g0 += d.grad[idx[k]];
    h0 += d.hess[idx[k]];
  }
  const root: Leaf = { node: addNode(g0, h0), start: 0, end: n, depth: 0, hist: takeHist(), g: g0, h: h0, split: null };
  buildHistogram(d, idx, 0, n, root.hist);
  root.split = bestSplit(d, root, n, features, params);
  const open: Leaf[] = [root];
  let leaves = 1;
  while (leaves < params.maxLeaves) {
    let pick = -1;
    for (let i = 0; i < open.length; i++) {
      const s = open[i].split;
      if (s && (pick < 0 || s.gain > (open[pick].split as Split).gain)) pick = i;
    }
    if (pick < 0) break;
    const leaf = open[pick];
    const split = leaf.split as Split;
    open.splice(pick, 1);
    const mid = partition(d, idx, tmp, leaf, split);
    const gr = leaf.g - split.gl;
    const hr = leaf.h - split.hl;
    const left: Leaf = {
      node: addNode(split.gl, split.hl),
      start: leaf.start,
      end: mid,
      depth: leaf.depth + 1,
      hist: leaf.hist,
      g: split.gl,
      h: split.hl,
      split: null,
    };
    const right: Leaf = { ...left, node: addNode(gr, hr), start: mid, end: leaf.end, g: gr, h: hr };
    tree.feature[leaf.node] = split.feature;
    tree.bin[leaf.node] = split.bin;
    tree.left[leaf.node] = left.node;
    tree.right[leaf.node] = right.node;
    leaves++;
    const splittable = leaves < params.maxLeaves && leaf.depth + 1 < params.maxDepth;
    if (!splittable) {
      pool.push(leaf.hist);
      continue;
    }
    // The smaller child gets a fresh histogram; the larger one is the parent's minus it.
    const [small, large] = mid - leaf.start <= leaf.end - mid ? [left, right] : [right, left];
    small.hist = takeHist();
    buildHistogram(d, idx, small.start, small.end, small.hist);
    const ph = large.hist;
    const sh = small.hist;
    for (const f of features) {
      const o = f * STRIDE * 3;
      const e = o + d.binCounts[f] * 3;
      for (let p = o; p < e; p++) ph[p] -= sh[p];
    }
    for (const child of [left, right]) {
      child.split = bestSplit(d, child, child.end - child.start, features, params);
      if (child.split) open.push(child);
      else pool.push(child.hist);
    }
  }
  return tree;
}

/** The leaf output of one binned row. */
export function treeOutputBinned(tree: Tree, bins: Uint8Array, base: number): number {
  let node = 0;
  while (tree.left[node] >= 0)
    node = bins[base + tree.feature[node]] <= tree.bin[node] ? tree.left[node] : tree.right[node];
  return tree.value[node];
}

/** Saabas path contributions: adds each split's change of the node value to its feature; returns the root value. */
export function treePathContributions(tree: Tree, bins: Uint8Array, base: number, out: Float64Array): number {
  let node = 0;
  while (tree.left[node] >= 0) {
    const next = bins[base + tree.feature[node]] <= tree.bin[node] ? tree.left[node] : tree.right[node];
    out[tree.feature[node]] += tree.value[next] - tree.value[node];
    node = next;
  }
  return tree.value[0];
}
