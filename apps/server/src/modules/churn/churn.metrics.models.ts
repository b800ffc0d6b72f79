// Metrics of a churn score against 0/1 outcomes, with the conventions of scikit-learn (roc_auc_score,
// average_precision_score, brier_score_loss) so the figures compare one to one.

export type CalibrationBin = { bin: number; count: number; meanScore: number; observedRate: number };
export type Confusion = {
  threshold: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  precision: number;
  recall: number;
  accuracy: number;
};

function checkLengths(labels: ArrayLike<number>, scores: ArrayLike<number>) {
  if (labels.length !== scores.length) throw new Error('labels and scores differ in length');
  if (!labels.length) throw new Error('no rows to score');
}

/** Row indices by descending score (stable). */
function byScoreDesc(scores: ArrayLike<number>): Uint32Array {
  return Uint32Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
}

/** ROC AUC = P(score of a positive > score of a negative), ties counted one half (the Mann-Whitney statistic). */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkLengths(labels, scores);
  const order = Uint32Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++)
      if (labels[order[k]]) {
        rankSumPos += midRank;
        pos++;
      }
    i = j + 1;
  }
  const neg = labels.length - pos;
  if (!pos || !neg) return Number.NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Average precision: sum over distinct thresholds of (recall gain) x precision, as scikit-learn computes PR-AUC. */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkLengths(labels, scores);
  const order = byScoreDesc(scores);
  let total = 0;
  for (let i = 0; i < labels.length; i++) total += labels[i];
  if (!total) return Number.NaN;
  let tp = 0;
  let seen = 0;
  let prevRecall = 0;
  let ap = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && scores[order[j]] === scores[order[i]]) {
      tp += labels[order[j]];
      seen++;
      j++;
    }
    const recall = tp / total;
    ap += (recall - prevRecall) * (tp / seen);
    prevRecall = recall;
    i = j;
  }
  return ap;
}

/** Churn rate among the top `fraction` by score over the overall rate (ties at the cut taken in row order). */
export function liftAt(labels: ArrayLike<number>, scores: ArrayLike<number>, fraction = 0.1): number {
  checkLengths(labels, scores);
  const order = byScoreDesc(scores);
  const top = Math.max(1, Math.ceil(labels.length * fraction));
  let hits = 0;
  let total = 0;
  for (let i = 0; i < labels.length; i++) total += labels[i];
  for (let k = 0; k < top; k++) hits += labels[order[k]];
  return total ? hits / top / (total / labels.length) : Number.NaN;
}

/** Mean squared difference between the probability and the outcome. */
export function brierScore(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  checkLengths(labels, probs);
  let s = 0;
  for (let i = 0; i < labels.length; i++) s += (probs[i] - labels[i]) ** 2;
  return s / labels.length;
}

/** Rows sorted by probability cut into `bins` groups of (nearly) equal size: mean probability vs observed rate. */
export function calibrationTable(labels: ArrayLike<number>, probs: ArrayLike<number>, bins = 10): CalibrationBin[] {
  checkLengths(labels, probs);
  const order = Uint32Array.from({ length: probs.length }, (_, i) => i).sort((a, b) => probs[a] - probs[b] || a - b);
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * order.length) / bins);
    const to = Math.floor(((b + 1) * order.length) / bins);
    if (to <= from) continue;
    let sp = 0;
    let sy = 0;
    for (let k = from; k < to; k++) {
      sp += probs[order[k]];
      sy += labels[order[k]];
    }
    out.push({ bin: b + 1, count: to - from, meanScore: sp / (to - from), observedRate: sy / (to - from) });
  }
  return out;
}

/** Confusion counts when a probability at or above the threshold predicts churn. */
export function confusionAt(labels: ArrayLike<number>, probs: ArrayLike<number>, threshold = 0.5): Confusion {
  checkLengths(labels, probs);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const hit = probs[i] >= threshold;
    if (labels[i]) hit ? tp++ : fn++;
    else hit ? fp++ : tn++;
  }
  return {
    threshold,
    tp,
    fp,
    tn,
    fn,
    precision: tp + fp ? tp / (tp + fp) : 0,
    recall: tp + fn ? tp / (tp + fn) : 0,
    accuracy: (tp + tn) / labels.length,
  };
}
