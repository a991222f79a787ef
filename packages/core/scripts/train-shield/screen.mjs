// Trains the shield's screen (src/shield/learned/screen.ts): a small linear model over one cheap
// pass of the text that clears, before the full scorer runs, the texts the full model would not
// come near flagging. Called by train.mjs once the full model is trained, on the same rows.
import { seeded, stableHash } from './random.mjs';
import { harrellDavis } from './quantile.mjs';

export const SCREEN_BITS = 16;
const SCREEN_SIZE = 1 << SCREEN_BITS;
/** Must match SCREEN_MARGIN in screen.ts: rows the full model scores within this of its threshold must pass. */
export const SCREEN_MARGIN = 1;
/** Share of the attacks the full model flags that the screen must pass (out of fold), per channel. */
const SCREEN_RECALL = Number(process.env.DG_SCREEN_RECALL ?? 0.995);
const EPOCHS = 5;

/** The screen logit of one row as screen.ts computes it: the best piece or the whole (Infinity with a disguise). */
export function screenRowLogit(m, s) {
  if (s.disguises > 0) return Infinity;
  let total = 0;
  let best = -Infinity;
  let start = 0;
  for (const end of s.pieceEnds) {
    let sum = 0;
    for (let i = start; i < end; i++) sum += m.hashed[s.hashed[i]];
    total += sum;
    if (end > start) best = Math.max(best, sum / Math.sqrt(end - start));
    start = end;
  }
  if (s.hashed.length > 0) best = Math.max(best, total / Math.sqrt(s.hashed.length));
  return m.bias + (best === -Infinity ? 0 : best);
}

/**
 * Units to train on: each row's whole text, its pieces where the row is benign (every piece must
 * stay low), and a document's segments with their own targets. The target of a unit is "must pass":
 * an attack, or anything the full model scores within SCREEN_MARGIN of its threshold.
 */
function screenUnits(rows, features, fullMargin) {
  const units = [];
  for (const r of rows) {
    const s = features(r.text);
    const must = r.label === 1 || r.fullMargin >= -SCREEN_MARGIN;
    const target = clipTarget(r.label === 1 ? Math.max(r.fullMargin, 0) : r.fullMargin);
    units.push({ idx: s.hashed, target, must, w: r.weight });
    if (!must && s.pieceEnds.length > 1) {
      let start = 0;
      const w = r.weight / Math.sqrt(s.pieceEnds.length);
      for (const end of s.pieceEnds) {
        units.push({ idx: s.hashed.subarray(start, end), target, must: false, w });
        start = end;
      }
    }
    if (r.channel === 'document' && r.segments) {
      for (const seg of r.segments) {
        const m = fullMargin(seg);
        const segMust = seg.label === 1 || m >= -SCREEN_MARGIN;
        units.push({ idx: features(seg.text).hashed, target: clipTarget(seg.label === 1 ? Math.max(m, 0) : m), must: segMust, w: r.weight * (segMust ? 1 : 1 / Math.sqrt(r.segments.length)) });
      }
    }
  }
  return units;
}

const clipTarget = (z) => Math.max(-8, Math.min(4, z));

/**
 * Least squares by Adagrad on sum(w) / sqrt(n): the screen learns the full model's calibrated
 * logit (its margin), not the label, so that it ranks texts as the full model does. A "must pass"
 * unit scored below its target weighs four times: underrating one costs a miss, overrating a
 * benign text only time.
 */
function fit(units) {
  const m = { bias: 0, hashed: new Float64Array(SCREEN_SIZE) };
  const g2 = new Float64Array(SCREEN_SIZE).fill(1e-8);
  let gB = 1e-8;
  const lr = 0.15;
  const l2 = 2e-5;
  const rng = seeded(161);
  const order = units.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    rng.shuffle(order);
    for (const k of order) {
      const u = units[k];
      const n = u.idx.length;
      if (n === 0) continue;
      const v = 1 / Math.sqrt(n);
      let s = 0;
      for (let i = 0; i < n; i++) s += m.hashed[u.idx[i]];
      const z = m.bias + s * v;
      const g = 0.25 * u.w * (u.must && z < u.target ? 4 : 1) * (z - u.target);
      for (let i = 0; i < n; i++) {
        const idx = u.idx[i];
        const gi = g * v + l2 * m.hashed[idx];
        g2[idx] += gi * gi;
        m.hashed[idx] -= (lr * gi) / Math.sqrt(g2[idx]);
      }
      gB += g * g;
      m.bias -= (lr * g) / Math.sqrt(gB);
    }
  }
  let max = 0;
  for (const w of m.hashed) max = Math.max(max, Math.abs(w));
  const scale = max / 127 || 1;
  const q = Int8Array.from(m.hashed, (w) => Math.round(w / scale));
  return { q, scale, model: { bias: m.bias, hashed: Float64Array.from(q, (x) => x * scale) } };
}

/** Folds for the out-of-fold scores that set the threshold. */
const FOLDS = 4;

/**
 * Trains the screen on `rows` (each `{ text, label, channel, weight, fullMargin, segments? }`,
 * `fullMargin` the full model's calibrated logit; `segments` a document's `{ text, label, f }`)
 * and sets its threshold per channel so that 99.5% (`DG_SCREEN_RECALL`) of the real attacks the
 * full model flags pass. Those attacks are scored by screens that did not train on them: each training row by the
 * screen of the other folds (out of fold), each row of `calibRows` by the final screen. Benign
 * rows do not set the threshold: clearing one changes no verdict, or removes a false alarm.
 * `features(text)` is the scanner's own `injectionScreenFeatures`.
 */
export function trainScreen(rows, calibRows, features, fullMargin) {
  const { q, scale, model } = fit(screenUnits(rows, features, fullMargin));
  const pool = { user: [], document: [] };
  // Real attacks only: generated ones are easier, and would set a threshold that real ones miss.
  const flaggedAttack = (r) => r.label === 1 && r.fullMargin >= 0 && !r.synthetic;
  for (let k = 0; k < FOLDS; k++) {
    const inFold = (r) => stableHash(r.text) % FOLDS === k;
    const foldModel = fit(screenUnits(rows.filter((r) => !inFold(r)), features, fullMargin)).model;
    for (const r of rows) if (inFold(r) && flaggedAttack(r)) pool[r.channel].push(screenRowLogit(foldModel, features(r.text)));
  }
  for (const r of calibRows) if (flaggedAttack(r)) pool[r.channel].push(screenRowLogit(model, features(r.text)));
  const threshold = {};
  for (const channel of ['user', 'document']) {
    // A text the screen always passes on scores +Infinity: a large finite number for the weighted mean.
    const z = pool[channel].map((x) => Math.min(x, 1e6)).sort((a, b) => a - b);
    // The Harrell-Davis estimate of the quantile (a weighted mean of the order statistics around it)
    // rather than one order statistic, which jumped with whichever attack happened to sit there.
    threshold[channel] = z.length > 0 ? Math.min(harrellDavis(z, 1 - SCREEN_RECALL), z[Math.ceil((1 - SCREEN_RECALL) * z.length)]) - 1e-6 : -Infinity;
    if (process.env.DG_SCREEN_CURVE) {
      // The trade-off at other recall targets: the share of benign and of unlabelled calibration rows cleared.
      const cleared = (label, t) => {
        const z2 = calibRows.filter((r) => r.channel === channel && r.label === label).map((r) => screenRowLogit(model, features(r.text)));
        return (z2.filter((x) => x < t).length / Math.max(1, z2.length)).toFixed(3);
      };
      for (const rec of [0.999, 0.995, 0.99, 0.98, 0.95]) {
        const t = z[Math.floor((1 - rec) * z.length)];
        console.log(`  screen ${channel}, recall ${rec}: threshold ${t.toFixed(2)}, benign cleared ${cleared(0, t)}, unlabelled cleared ${cleared(undefined, t)}`);
      }
    }
  }
  return { q, scale, bias: model.bias, model, threshold };
}
