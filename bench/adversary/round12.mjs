// Twelfth round of white-box campaigns (`node bench/adversary/run.mjs --round 12`), written on
// 2026-12-08 against the detector after det13's change to `machine-pace`, by reading
// packages/core/src/detector/signals.ts (`machinePaceStrength`, `scoreAccount`), docs/detection.md
// ("Per-account signals") and bench/adversary/round11.mjs, and measured once, before any change.
//
// What the attacker read, and uses: `machine-pace` is pace x the larger of
// - (not automation) x (answers most of the tokens): "not automation" is 1 for a mean `scripted`
//   up to 0.75, nothing from 0.95; the output share still counts from 0.4 (full at 0.7), so
//   padded prompts keep this product at zero;
// - (claims a browser) x (nearly every request fresh): "claims a browser" is a mean `scripted` up
//   to 0.35 (nothing from 0.55); "fresh" is the share of requests without a served history, the
//   stronger of lifetime and recent window, from 0.8 (full at 0.95).
// So a padded harvest escapes with a mean `scripted` from 0.55 to 0.95 (two requests in three
// from an SDK, or a browser user agent without any browser header: 0.8), or with a fifth or more
// of its requests continuing an answer it was served.
// Each campaign draws from a random stream of its own (as round 11's), so adding one leaves the
// others' traffic as measured.
import { ownStream } from './asks.mjs';
import { disguise } from './round3.mjs';
import { paddedPrompt, pacedTimes, plainHarvest, sdkHeaders } from './round11.mjs';
import { between, browserHeaders, HOUR, int, pick, request, residentialIp } from './traffic.mjs';

const MODELS = ['claude-sonnet-4-5', 'claude-opus-4-5', 'claude-haiku-4-5'];
const BUDGETS = [1024, 2048, 4096, 8192];
const SDK_UAS = ['Anthropic/Python 0.75.0', 'Anthropic/JS 0.71.0', 'OpenAI/Python 2.8.1', 'OpenAI/JS 6.9.0', 'python-httpx/0.28.1', 'axios/1.7.9'];
/** Short replies that ask for more of the answer just read (not tasks of their own). */
const GO_ON = ['Go on.', 'Can you say more about that?', 'And then?', 'Interesting, tell me more.', 'Could you expand on the last part?', 'ok, continue'];

/** Padded prompts (round 11's `shaped`): the output share stays near 0.3. */
const padded = (ctx, prompt) => ({ messages: [{ role: 'user', content: paddedPrompt(ctx, prompt, int(ctx.rnd, 2600, 3400)) }] });

export const ROUND12 = {
  /**
   * Two requests in three from an SDK client, one from a browser, on one address: mean `scripted`
   * about 0.66, neither a browser claim nor automation throughout; prompts padded so that the
   * output share is ~0.3. ~480 a day around the clock.
   * Cost: 25 residential accounts (and the padding's input tokens).
   */
  sdkpad(shared, P, scale) {
    return plainHarvest(shared, P, scale, {
      name: 'sdkpad',
      salt: 0x5d9ad,
      accounts: 25,
      perDay: 480,
      shape: padded,
      client: (rnd) => {
        const browser = browserHeaders(rnd);
        const sdk = sdkHeaders(rnd, pick(rnd, SDK_UAS));
        return (k) => (k % 3 === 0 ? browser : sdk);
      },
    });
  },

  /**
   * A browser user agent with none of the headers browsers send (`scripted` 0.8: "a script in a
   * costume", read as scripted), padded prompts. ~480 a day around the clock.
   * Cost: 25 residential accounts (and the padding's input tokens).
   */
  costume(shared, P, scale) {
    return plainHarvest(shared, P, scale, { name: 'costume', salt: 0xc057e, accounts: 25, perDay: 480, shape: padded, client: (rnd) => ({ 'user-agent': browserHeaders(rnd)['user-agent'], 'content-type': 'application/json' }) });
  },

  /**
   * A full browser, padded prompts, and one request in four a short reply that continues the
   * answer just served (genuine history): fresh share about 0.75, under the 0.8 floor; the history
   * it sends back adds input tokens too. Every reply is answered, so it counts as harvested.
   * ~480 a day around the clock.
   * Cost: 25 residential browser accounts (a quarter of its answers are continuations).
   */
  freshdip(shared, P, scale) {
    const ctx = ownStream(shared, 0xf4e5d);
    const out = [];
    const count = Math.max(1, Math.round(25 * scale));
    for (let a = 0; a < count; a++) {
      const user = `adv-freshdip-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const model = pick(ctx.rnd, MODELS);
      const maxTokens = pick(ctx.rnd, BUDGETS);
      const tz = int(ctx.rnd, -8, 9);
      const from = ctx.start + ctx.rnd() * 12 * HOUR;
      let last;
      let k = 0;
      for (const time of pacedTimes(ctx, 480, { from, tz })) {
        const content = ctx.answer(false);
        let messages;
        if (last && k % 4 === 3) messages = [...last.messages, { role: 'assistant', content: last.content }, { role: 'user', content: pick(ctx.rnd, GO_ON) }];
        else messages = padded(ctx, disguise(ctx, 0.45)).messages;
        out.push(request({ time: time + (k % 4 === 3 ? between(ctx.rnd, 20, 40) * 1000 : 0), user, ip, headers, model, maxTokens, messages, content, stream: true }));
        last = { messages: messages.length > 1 ? messages.slice(0, 1) : messages, content };
        k++;
      }
    }
    return out.sort((x, y) => x.time - y.time);
  },
};

/** Report names and descriptions of the twelfth round (no bars: first measured, never tuned on). */
export const ROUND12_FAMILIES = {
  sdkpad: { fn: 'sdkpad', what: 'twelfth round: 25 accounts, two requests in three from an SDK, one from a browser, padded prompts, ~480 a day' },
  costume: { fn: 'costume', what: 'twelfth round: 25 accounts with a browser user agent and no browser headers, padded prompts, ~480 a day' },
  freshdip: { fn: 'freshdip', what: 'twelfth round: 25 browser accounts, padded prompts, one request in four a reply continuing the answer served, ~480 a day' },
};
