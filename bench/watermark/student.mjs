// A small student for the watermark benchmark: a token trigram language model with backoff,
// trained on answers and sampled for new texts. It is the simplest model that learns which word
// follows which, which is what the watermark keys its choices by; it shows that the bias is
// learned (the student writes sentences the teacher never wrote, with the teacher's choices in
// them), not only copied.

/** Words with the whitespace before them, numbers, single punctuation marks, trailing whitespace. */
const TOKEN = /\s*[A-Za-z]+(?:['\u2019][A-Za-z]+)*|\s*\d+|\s*[^\sA-Za-z\d]|\s+$/g;

export function tokenize(text) {
  return text.match(TOKEN) ?? [];
}

/** A deterministic PRNG (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BOS = 0;
const EOS = 1;

/**
 * A trigram model over tokens with stupid backoff for sampling: from the trigram counts of the
 * two previous tokens, except with probability `backoff` (or when the pair was never seen) from
 * the bigram counts of the previous token, and from the unigram counts when that was never seen
 * either. Backing off is what makes it write new sentences rather than replay old ones.
 */
export class TrigramStudent {
  constructor({ backoff = 0.3 } = {}) {
    this.backoff = backoff;
    this.ids = new Map([['<s>', BOS], ['</s>', EOS]]);
    this.tokens = ['<s>', '</s>'];
    this.tri = new Map();
    this.bi = new Map();
    this.uni = new Map();
    this.trainingTexts = new Set();
  }

  id(token) {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.tokens.length;
      this.ids.set(token, id);
      this.tokens.push(token);
    }
    return id;
  }

  train(texts) {
    for (const text of texts) {
      this.trainingTexts.add(text);
      const seq = [BOS, BOS, ...tokenize(text).map((t) => this.id(t)), EOS];
      for (let i = 2; i < seq.length; i++) {
        const [a, b, c] = [seq[i - 2], seq[i - 1], seq[i]];
        bump(this.tri, a * 1_000_003 + b, c);
        bump(this.bi, b, c);
        bump(this.uni, 0, c);
      }
    }
    for (const table of [this.tri, this.bi, this.uni]) for (const [k, counts] of table) table.set(k, freeze(counts));
    return this;
  }

  /** One sampled text of at most `maxTokens` tokens. */
  sample(next, maxTokens = 300) {
    let a = BOS;
    let b = BOS;
    let out = '';
    for (let n = 0; n < maxTokens; n++) {
      let dist = next() < this.backoff ? undefined : this.tri.get(a * 1_000_003 + b);
      dist ??= this.bi.get(b) ?? this.uni.get(0);
      const c = draw(dist, next);
      if (c === EOS) break;
      out += this.tokens[c];
      a = b;
      b = c;
    }
    return out.trim();
  }
}

function bump(table, key, token) {
  let counts = table.get(key);
  if (!counts) table.set(key, (counts = new Map()));
  counts.set(token, (counts.get(token) ?? 0) + 1);
}

function freeze(counts) {
  const tokens = new Int32Array(counts.size);
  const cumulative = new Float64Array(counts.size);
  let i = 0;
  let total = 0;
  for (const [t, c] of counts) {
    total += c;
    tokens[i] = t;
    cumulative[i++] = total;
  }
  return { tokens, cumulative, total };
}

function draw({ tokens, cumulative, total }, next) {
  const x = next() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return tokens[lo];
}
