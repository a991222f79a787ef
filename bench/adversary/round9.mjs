// Ninth round of white-box campaigns (`node bench/adversary/run.mjs --round 9`), written on
// 2026-12-07 against the serving path, not the readers: how `claudeRoute` serves an answer and
// what it hands `guard.record` (packages/core/src/claude-route/relay.ts, stream-rewriter.ts), and
// what the detector reads of that outcome (detector/detector.ts `evidence`, answer-evidence.ts,
// outcome.ts). Measured once before any change.
//
// What the attacker read, and uses:
// - the JSON relay records the text of `text` blocks only, and the stream rewriter only
//   `text_delta`s: the `thinking` of extended thinking and a `tool_use` block's input never reach
//   the detector, so a derivation served there is read by no reader and never counts against the
//   reasoning allowance;
// - the detector reads no answer of an outcome marked `aborted`, and the stream relay marks a reply
//   aborted when the client closes before the upstream's `message_stop`: a client that closes right
//   after the last content delta has the whole answer, and the answer is never read (nor its digest
//   kept, so the account has no answer with text and history provenance never applies to it);
// - the reasoning allowance is checked when a request arrives and counted when its answer is
//   recorded: up to the concurrency limit (4) of requests in flight pass the check at 29. At most
//   four answers more per day of each grid (probed in process: 33 served, then refused); not a
//   campaign here (the replay records each answer before the next request arrives), see
//   docs/detection.md.
// Probed in process after the first run, not a campaign (40 derivations each, holdout vocabulary):
// a last assistant turn (prefill) that opens a fence or a code comment hides nothing (40 of 40 read
// at 0.5 or more, the text outside a fence being read as prose); one that opens a JSON string
// (`{"steps": ["`) leaves the served text starting mid-string, its quotes out of step, and one-line
// JSON steps were read in 21 of 40 (40 of 40 with the prefill in front; since 986da78 the detector
// reads it so). `count_tokens` serves no answer.
//
// What the log line says the route recorded: the replay reads `response.content` as the
// route's `guard.record` would have been given it. On a build whose replay reads the API's content
// blocks (`servedOutput` in `@distill-guard/core/replay`, shared with `claudeRoute`), the line
// keeps the reply's blocks; on a build before it, only what that route recorded: the text blocks'
// text, and nothing for a reply the client closed before `message_stop`.
//
// Each campaign draws from a random stream of its own, asks in the fourth round's paced
// conversations (honest history, human reading time, 15 a day, one residential address each) or,
// for the forced tool, in fresh questions at the same pace.
import * as replayApi from '@distill-guard/core/replay';
import { times } from './campaigns.mjs';
import { disguise } from './round3.mjs';
import { conversations } from './round4.mjs';
import { costOf, sentenceLines } from './round6.mjs';
import { workedLanguages, workedProse } from './worked.mjs';
import { browserHeaders, int, pick, request, residentialIp } from './traffic.mjs';
import { askPicker, ownStream } from './asks.mjs';

/** Whether the replay of this build reads a reply's content blocks as `claudeRoute` records them. */
const READS_BLOCKS = typeof replayApi.servedOutput === 'function';

const ASKS = {
  thinking: ['Give only the final result, on one line.', 'Reply with the result alone, nothing else.'],
  toolsteps: ['Use the tool.', 'Fill in the form with your work.'],
  aborted: ['Explain how you get there in a few plain sentences.', 'Walk me through it in a short paragraph.'],
};
const askFor = askPicker(ASKS);

/** The last number of a derivation (its result). */
const lastNumber = (body) => body.match(/[^\s]*\d[^\s]*(?=[^\d]*$)/)?.[0] ?? '';
const tokensOf = (chars) => Math.max(1, Math.ceil(chars / 3.6));

/** Two tool shapes, one per phrasing set, so dev and holdout share no names. */
const TOOLS = {
  dev: { name: 'record_solution', steps: 'steps', result: 'result' },
  holdout: { name: 'save_work', steps: 'lines', result: 'value' },
};
function toolFor(set) {
  const t = TOOLS[set] ?? TOOLS.dev;
  return {
    ...t,
    spec: {
      name: t.name,
      description: 'Store the worked solution.',
      input_schema: { type: 'object', properties: { [t.steps]: { type: 'array', items: { type: 'string' } }, [t.result]: { type: 'string' } }, required: [t.steps, t.result] },
    },
  };
}

let toolIds = 0;

export const ROUND9 = {
  /**
   * Extended thinking: every request turns thinking on (`budget_tokens` 2,048) and asks for the
   * result alone. The derivation is the thinking block; the text block is one line. The route
   * records the text only, so the reader sees "180 km" and nothing counts.
   * Cost: the derivation's tokens as thinking; 150 accounts, 15 conversations a day.
   */
  thinking(shared, P, scale) {
    const ctx = ownStream(shared, 0x7e1a9);
    return conversations(ctx, P, {
      name: 'thinking',
      accounts: Math.round(150 * scale),
      sessionsPerDay: 15,
      ask: (c) => ({ lang: pick(c.rnd, workedLanguages(P.worked)), text: askFor('thinking', c.rnd) }),
      answer: (c, ask) => {
        const body = workedProse(c.rnd, P.worked, ask.lang);
        const text = lastNumber(body) || body.slice(-40);
        const thinking = body;
        cost('thinking', thinking.length + text.length, body.length);
        return {
          text,
          served(line) {
            line.body.thinking = { type: 'enabled', budget_tokens: 2048 };
            line.body.max_tokens = 4096;
            line.response.usage.output_tokens = tokensOf(thinking.length + text.length);
            line.response.content = READS_BLOCKS ? [{ type: 'thinking', thinking, signature: 'sig' }, { type: 'text', text }] : text;
          },
        };
      },
    });
  },

  /**
   * A forced tool whose schema holds the working: `tool_choice` names a tool with an array of
   * step strings and a result, so the reply is one `tool_use` block and no text. The route records
   * no text: no reader sees it, no digest is kept, and a tool call is never judged for provenance.
   * Fresh questions (a tool call ends the turn; the next task starts a new one), about 90 a day in
   * waking hours from a browser on a residential address.
   * Cost: the derivation's tokens and a few per step; 150 accounts.
   */
  toolsteps(shared, P, scale) {
    const ctx = ownStream(shared, 0x70015);
    const tool = toolFor(P.worked);
    const out = [];
    for (let a = 0; a < Math.round(150 * scale); a++) {
      const user = `adv-toolsteps-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const tz = int(ctx.rnd, -8, 9);
      for (const time of times(ctx, 90, { tz, wake: 8, sleep: 23 })) {
        const lang = pick(ctx.rnd, workedLanguages(P.worked));
        const body = workedProse(ctx.rnd, P.worked, lang);
        const input = { [tool.steps]: sentenceLines(body), [tool.result]: lastNumber(body) };
        const json = JSON.stringify(input);
        cost('toolsteps', json.length, body.length);
        const line = request({ time, user, ip, headers, messages: [{ role: 'user', content: `${disguise(ctx, 0.45)}\n\n${askFor('toolsteps', ctx.rnd)}` }], content: '', stream: true });
        line.body.tools = [tool.spec];
        line.body.tool_choice = { type: 'tool', name: tool.name };
        line.response.usage.output_tokens = tokensOf(json.length);
        if (READS_BLOCKS) line.response.content = [{ type: 'tool_use', id: `toolu_${(toolIds++).toString(36)}`, name: tool.name, input }];
        else delete line.response.content;
        out.push(line);
      }
    }
    return out.sort((x, y) => x.time - y.time);
  },

  /**
   * `toolsteps` in the fourth round's paced conversations (added after the round's first run showed
   * fresh tool calls flagged, measured on unchanged code on a stream of its own): each reply is the
   * forced tool's call and no text; the client resends the call and opens its next turn with the
   * tool's result and the next question, as the API requires. A request that continues a tool
   * call is a tool loop, which provenance never judges.
   * Cost: the derivation's tokens and a few per step; 150 accounts, 15 conversations a day.
   */
  tooltalk(shared, P, scale) {
    const ctx = ownStream(shared, 0x70071);
    const tool = toolFor(P.worked);
    return conversations(ctx, P, {
      name: 'tooltalk',
      accounts: Math.round(150 * scale),
      sessionsPerDay: 15,
      ask: (c) => ({ lang: pick(c.rnd, workedLanguages(P.worked)), text: askFor('toolsteps', c.rnd) }),
      answer: (c, ask) => {
        const body = workedProse(c.rnd, P.worked, ask.lang);
        const input = { [tool.steps]: sentenceLines(body), [tool.result]: lastNumber(body) };
        const json = JSON.stringify(input);
        cost('tooltalk', json.length, body.length);
        const call = { type: 'tool_use', id: `toolu_${(toolIds++).toString(36)}`, name: tool.name, input };
        return {
          text: '',
          turn: [call],
          next: (prompt) => [{ type: 'tool_result', tool_use_id: call.id, content: 'Saved.' }, { type: 'text', text: prompt }],
          chars: json.length,
          served(line) {
            line.body.tools = [tool.spec];
            line.body.tool_choice = { type: 'tool', name: tool.name };
            line.response.usage.output_tokens = tokensOf(json.length);
            if (READS_BLOCKS) line.response.content = [call];
            else delete line.response.content;
          },
        };
      },
    });
  },

  /**
   * The fourth round's `worked` (derivations in paragraphs, streamed), each stream closed by the
   * client as soon as the last text delta arrives, before `message_stop`: the route records the
   * reply as aborted and the detector reads none of it. The client keeps the whole answer and
   * resends it as history; with no answer recorded, provenance never applies to the account.
   * Cost: the derivation's tokens; 150 accounts, 15 conversations a day.
   */
  aborted(shared, P, scale) {
    const ctx = ownStream(shared, 0xab0e7);
    return conversations(ctx, P, {
      name: 'aborted',
      accounts: Math.round(150 * scale),
      sessionsPerDay: 15,
      ask: (c) => ({ lang: pick(c.rnd, workedLanguages(P.worked)), text: askFor('aborted', c.rnd) }),
      answer: (c, ask) => {
        const text = workedProse(c.rnd, P.worked, ask.lang);
        cost('aborted', text.length, text.length);
        return {
          text,
          served(line) {
            // The usage of a cut stream is the route's estimate from the streamed text (4 characters a token).
            line.response.usage.output_tokens = Math.ceil(text.length / 4);
            if (!READS_BLOCKS) delete line.response.content;
          },
        };
      },
    });
  },
};

function cost(kind, served, derivation) {
  const c = (costOf[kind] ??= { served: 0, derivation: 0 });
  c.served += served;
  c.derivation += derivation;
}

/** Report names and descriptions of the ninth round (no bars: first measured, never tuned on before). */
export const ROUND9_FAMILIES = {
  thinking: { fn: 'thinking', what: 'ninth round: the derivation in extended thinking, the text one line' },
  toolsteps: { fn: 'toolsteps', what: 'ninth round: the derivation as the input of a forced tool (steps and result), no text' },
  tooltalk: { fn: 'tooltalk', what: 'ninth round (added after its first run): toolsteps in paced conversations, each next turn opening with the tool result' },
  aborted: { fn: 'aborted', what: 'ninth round: streamed derivations the client closes right after the last text delta' },
};
