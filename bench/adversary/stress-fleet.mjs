// Benign fleets: many honest SDK accounts of one product, each at machine pace on the same days.
// Written on 2026-12-08 BEFORE the detector's fleet evidence (detector/fleet.ts) was built, and held
// out of its tuning; measured first on the untouched detector (main 7628fb4). Included in a run
// with `--b2b` (off by default, so earlier rounds' rows stay comparable). Each case is a B2B
// product whose API customers are accounts of their own, each running its own work through an
// official SDK or an HTTP library, fresh requests (no conversation), around the same UTC hours.
// None is a harvest; they must never be blocked, and a fleet of them should not be flagged.
import { ownStream } from './asks.mjs';
import { between, exp, HOUR, int, pick, request, scriptedHeaders } from './traffic.mjs';

const DAY = 24 * HOUR;
const SDK_UAS = ['Anthropic/Python 0.75.0', 'Anthropic/JS 0.71.0', 'anthropic-python/0.75.0', 'python-httpx/0.28.1', 'axios/1.7.9', 'node'];
const DOC_ASKS = [
  (d) => `Summarise the following document in two sentences for our records.\n\n${d}`,
  (d) => `Extract the parties, the dates and the amounts from this document. Answer as JSON.\n\n${d}`,
  (d) => `Classify this support ticket as billing, bug, feature request or other, with a one-line reason.\n\n${d}`,
  (d) => `Does this contract clause contain an auto-renewal? Answer yes or no and quote the sentence.\n\n${d}`,
];
const PRODUCT_ASK = (item) => `Write a product description for our online shop (about 150 words, friendly tone, no prices) for this item:\n${item}`;
const HELP_SYSTEM = (name) => `You are the help assistant of ${name}. Answer the customer's question politely and concisely from the product documentation; if unsure, say an agent will follow up.`;

/** A short result out of a long input: a sentence or two. */
const shortResult = (rnd, corpus) => pick(rnd, corpus.plainAnswers).slice(0, int(rnd, 80, 260));
/** A customer's document: a few passages of text, 1,500-6,000 characters. */
const documentOf = (rnd, corpus) => Array.from({ length: int(rnd, 3, 8) }, () => pick(rnd, corpus.plainAnswers)).join('\n\n').slice(0, int(rnd, 1500, 6000));

/** One customer account's nightly batches: `size(day)` requests from its local night, 20-90 s apart. */
function nightly(ctx, { user, ip, headers, tz, size, make }) {
  const out = [];
  for (let day = ctx.start - (ctx.start % DAY); day < ctx.end; day += DAY) {
    let time = day + ((((1 - tz) % 24) + 24) % 24) * HOUR + ctx.rnd() * 2 * HOUR;
    const n = size(day);
    for (let k = 0; k < n && time < ctx.end; k++, time += between(ctx.rnd, 20, 90) * 1000) if (time >= ctx.start) out.push(make(time));
  }
  return out;
}

export const STRESS_FLEET = {
  /**
   * A document-processing product: 14 API customers, each sending its own documents nightly
   * (80-260 a night: summaries, extraction, ticket triage, clause checks) and getting short results
   * back, through an SDK, each from its own cloud address.
   */
  docsapi(shared) {
    const ctx = ownStream(shared, 0xd0c5a);
    const out = [];
    for (let i = 0; i < 14; i++) {
      const headers = scriptedHeaders(ctx.rnd, pick(ctx.rnd, SDK_UAS));
      const ip = `34.${int(ctx.rnd, 0, 255)}.${int(ctx.rnd, 0, 255)}.${int(ctx.rnd, 2, 250)}`;
      const [lo, hi] = [int(ctx.rnd, 80, 160), int(ctx.rnd, 160, 260)];
      out.push(...nightly(ctx, { user: `stress-docsapi-${i}`, ip, headers, tz: pick(ctx.rnd, [-8, -5, 0, 1, 2]), size: () => int(ctx.rnd, lo, hi), make: (time) => request({ time, user: `stress-docsapi-${i}`, ip, headers, messages: [{ role: 'user', content: pick(ctx.rnd, DOC_ASKS)(documentOf(ctx.rnd, ctx.corpus)) }], content: shortResult(ctx.rnd, ctx.corpus), maxTokens: 512 }) }));
    }
    return out;
  },

  /**
   * A shop-content product: 10 API customers, each generating descriptions of its own catalogue
   * nightly (60-150 items a night) from one template: short item data in, long descriptions out.
   */
  genapi(shared) {
    const ctx = ownStream(shared, 0x6e4a1);
    const out = [];
    for (let i = 0; i < 10; i++) {
      const headers = scriptedHeaders(ctx.rnd, pick(ctx.rnd, SDK_UAS));
      const ip = `35.${int(ctx.rnd, 0, 255)}.${int(ctx.rnd, 0, 255)}.${int(ctx.rnd, 2, 250)}`;
      out.push(...nightly(ctx, { user: `stress-genapi-${i}`, ip, headers, tz: pick(ctx.rnd, [-5, 0, 1]), size: () => int(ctx.rnd, 60, 150), make: (time) => request({ time, user: `stress-genapi-${i}`, ip, headers, messages: [{ role: 'user', content: PRODUCT_ASK(pick(ctx.rnd, ctx.corpus.openers).slice(0, 240)) }], content: pick(ctx.rnd, ctx.corpus.plainAnswers), maxTokens: 1024 }) }));
    }
    return out;
  },

  /**
   * A help-bot product: 10 API customers, each relaying its own customers' questions as fresh
   * requests under a system prompt of its own, in its business hours (120-300 a day).
   */
  helpapi(shared) {
    const ctx = ownStream(shared, 0x4e1b0);
    const out = [];
    for (let i = 0; i < 10; i++) {
      const user = `stress-helpapi-${i}`;
      const headers = scriptedHeaders(ctx.rnd, pick(ctx.rnd, SDK_UAS));
      const ip = `18.${int(ctx.rnd, 0, 255)}.${int(ctx.rnd, 0, 255)}.${int(ctx.rnd, 2, 250)}`;
      const system = HELP_SYSTEM(`Shop ${i + 1}`);
      const tz = pick(ctx.rnd, [-5, 0, 1, 2]);
      for (let day = ctx.start - (ctx.start % DAY); day < ctx.end; day += DAY) {
        const perDay = int(ctx.rnd, 120, 300);
        const open = day + ((((8 - tz) % 24) + 24) % 24) * HOUR;
        let time = open + exp(ctx.rnd, (10 * HOUR) / perDay);
        while (time < open + 10 * HOUR && time < ctx.end) {
          if (time >= ctx.start) out.push(request({ time, user, ip, headers, system, messages: [{ role: 'user', content: `Customer message:\n${pick(ctx.rnd, ctx.corpus.openers).slice(0, 600)}` }], content: pick(ctx.rnd, ctx.corpus.plainAnswers).slice(0, 1200), maxTokens: 1024 }));
          time += exp(ctx.rnd, (10 * HOUR) / perDay);
        }
      }
    }
    return out;
  },
};
