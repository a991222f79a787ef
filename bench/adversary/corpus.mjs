// The material the adversary builds its traffic from, all taken from the development log
// (../shared/data/detection-dev): the human and batch traffic as it is (the baseline every
// campaign runs beside), the instruction corpus the log's harvesters used (unwrapped to bare
// tasks), human conversations to launder, and the pool of real answers to serve.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { unwrap } from '../lib/unwrap.mjs';

export { unwrap };

export const text = (c) => (typeof c === 'string' ? c : (c ?? []).map((b) => b.text ?? '').join('\n'));

export async function loadCorpus(dir) {
  const truth = JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8'));
  const records = gunzipSync(await readFile(join(dir, 'requests.jsonl.gz')))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const r = JSON.parse(l);
      return { ...r, time: Date.parse(r.ts) };
    });
  const legit = records.filter((r) => truth[r.user]?.label === 'legit');
  const tasks = new Set();
  const reasoningAnswers = [];
  const plainAnswers = [];
  const openers = [];
  const followUps = [];
  /** Per human account: its conversations as lists of user turns, in order. */
  const conversations = [];
  const convOf = new Map();
  for (const r of records) {
    const t = truth[r.user];
    const content = r.response?.content;
    if (content) (content.startsWith('Let me work through') ? reasoningAnswers : plainAnswers).push(content);
    const msgs = r.body.messages;
    if (t?.label === 'attacker') {
      const core = unwrap(text(msgs[msgs.length - 1].content));
      if (core.length >= 12 && core.length <= 600) tasks.add(core);
      continue;
    }
    if (t?.kind === 'batch') continue;
    const last = text(msgs[msgs.length - 1].content);
    if (msgs.length === 1) {
      openers.push(last);
      const conv = [last];
      conversations.push(conv);
      convOf.set(r.user, conv);
    } else {
      followUps.push(last);
      convOf.get(r.user)?.push(last);
    }
  }
  return {
    truth,
    records,
    legit,
    start: records[0].time,
    end: records[records.length - 1].time,
    tasks: [...tasks],
    reasoningAnswers,
    plainAnswers,
    openers,
    followUps,
    conversations: conversations.filter((c) => c.length >= 2),
  };
}
