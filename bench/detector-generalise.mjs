// Generalisation check of the default detector configuration: replays perturbed versions of
// the development log (other days, shifted clocks, other clients, languages and models, other
// prompt wrappers and reasoning phrasings, smaller campaigns, more and other people, jittered
// timing) and scores each against the truth. Nothing here is tuned: the point is to see which
// numbers hold when the traffic is not the file the defaults were measured on.
//
//   DG_DETECTION_DEV=<dir with requests.jsonl.gz and truth.json> \
//   DG_INJECTION_DEV=<dir with prompts.jsonl>   (optional: extra people from its benign prompts)
//   DG_REPLAY_CONFIG='{"shield":false}'           (optional: guard options for the replays)
//   node bench/detector-generalise.mjs [variant ...]
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { guardTarget, prng, replay } from '@distill-guard/core/replay';
import { scoreDetection } from './lib/detection-score.mjs';
import { COT_LINE, unwrap } from './lib/unwrap.mjs';

const HOUR = 3_600_000;
const text = (c) => (typeof c === 'string' ? c : c.map((b) => b.text ?? '').join('\n'));
const setLastUser = (body, f) => {
  for (let i = body.messages.length - 1; i >= 0; i--) {
    const m = body.messages[i];
    if (m.role === 'user') {
      m.content = f(text(m.content));
      return;
    }
  }
};
const mapUserTurns = (body, f) => {
  for (const m of body.messages) if (m.role === 'user') m.content = f(text(m.content));
};

// Wrappers and reasoning phrasings this detector never saw.
const NEW_WRAPPERS = [
  (x) => `<task>\n${x}\n</task>`,
  (x) => `Prompt: ${x}\nCompletion:`,
  (x) => `[INST] ${x} [/INST]`,
  (x) => `Request #${Math.floor(Math.random() * 1e6)}\n${x}`,
  (x) => x,
];
const NEW_COT = [
  'Go through this carefully, one step at a time, and state the answer at the end.',
  'Lay out your thought process in full first; put the conclusion last.',
  'Before you reply, work it out on a scratchpad and show all the working.',
  'Walk me through each step of your reasoning, then give the final result.',
];
const BROWSER = {
  'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'content-type': 'application/json',
  'accept-language': 'en-US,en;q=0.9',
  accept: '*/*',
  origin: 'https://chat.example.com',
  'sec-fetch-mode': 'cors',
};
const UA_SWAP = [
  [/Chrome\/\d+/g, 'Chrome/139'],
  [/Edg\/\d+[\d.]*/g, 'Edg/139.0'],
  [/^python-httpx\/[\d.]+$/, 'Python/3.12 aiohttp/3.11.2'],
  [/^python-requests\/[\d.]+$/, 'curl/8.5.0'],
  [/^node$/, 'undici'],
  [/^Go-http-client\/[\d.]+$/, 'okhttp/4.12.0'],
];
const LANGS = ['fr-CA,fr;q=0.9', 'nl-NL,nl;q=0.9,en;q=0.5', 'ko-KR,ko;q=0.9', 'it-IT,it;q=0.8,en;q=0.4', 'pl-PL,pl;q=0.9', 'sv-SE,sv;q=0.9,en;q=0.6'];

/** Each variant maps the parsed log (records in time order) to a new log and a new truth. */
const VARIANTS = {
  baseline: (recs, truth) => ({ recs, truth }),
  day1: (recs, truth) => window(recs, truth, 0, 24),
  'days2-3': (recs, truth) => window(recs, truth, 24, 72),
  'shift+7h13': (recs, truth) => ({ recs: recs.map((r) => ({ ...r, time: r.time + 7 * HOUR + 13 * 60_000 })), truth }),
  relabel: (recs, truth) => {
    const langOf = new Map();
    return {
      truth,
      recs: recs.map((r) => {
        const h = { ...r.headers };
        for (const [re, to] of UA_SWAP) if (h['user-agent']) h['user-agent'] = h['user-agent'].replace(re, to);
        if (h['accept-language']) {
          if (!langOf.has(h['accept-language'])) langOf.set(h['accept-language'], LANGS[langOf.size % LANGS.length]);
          h['accept-language'] = langOf.get(h['accept-language']);
        }
        return { ...r, headers: h, body: { ...r.body, model: r.body.model.includes('sonnet') ? 'model-large-2' : 'model-small-2' } };
      }),
    };
  },
  rewrap: (recs, truth) => {
    const rnd = prng(5);
    return {
      truth,
      recs: recs.map((r) => {
        if (truth[r.user]?.label !== 'attacker') return r;
        const body = structuredClone(r.body);
        // Each account keeps its own wrapper, as a campaign script would.
        const wrap = NEW_WRAPPERS[hashOf(r.user) % NEW_WRAPPERS.length];
        mapUserTurns(body, (p) => {
          const hadCot = COT_LINE.test(p);
          const core = unwrap(p) || p;
          const wrapped = wrap(core);
          return hadCot ? `${wrapped}\n\n${NEW_COT[Math.floor(rnd() * NEW_COT.length)]}` : wrapped;
        });
        return { ...r, body };
      }),
    };
  },
  nocot: (recs, truth) => ({
    truth,
    recs: recs.map((r) => {
      if (truth[r.user]?.label !== 'attacker') return r;
      const body = structuredClone(r.body);
      mapUserTurns(body, (p) => p.split('\n').filter((l) => !COT_LINE.test(l)).join('\n').trim() || p);
      return { ...r, body };
    }),
  }),
  browserize: (recs, truth) => ({
    truth,
    recs: recs.map((r) => (truth[r.user]?.label === 'attacker' ? { ...r, headers: { ...BROWSER } } : r)),
  }),
  jitter: (recs, truth) => {
    // Attackers' gaps become exponential with the same mean: no regular pacing.
    const rnd = prng(9);
    const byUser = new Map();
    for (const r of recs) if (truth[r.user]?.label === 'attacker') (byUser.get(r.user) ?? byUser.set(r.user, []).get(r.user)).push(r);
    const moved = new Map();
    for (const list of byUser.values()) {
      const span = list.at(-1).time - list[0].time;
      const mean = span / Math.max(1, list.length - 1);
      let t = list[0].time;
      for (const r of list) {
        moved.set(r, t);
        t += -Math.log(1 - rnd()) * mean;
      }
    }
    return { truth, recs: recs.map((r) => (moved.has(r) ? { ...r, time: moved.get(r) } : r)).sort((a, b) => a.time - b.time) };
  },
  'small-campaigns': (recs, truth) => {
    // Half of hydra2, a quarter of hydra; people doubled (clones on other addresses, other hours).
    const keep = (id) => {
      const k = truth[id]?.kind;
      if (k === 'hydra2') return hashOf(id) % 2 === 0;
      if (k === 'hydra') return hashOf(id) % 4 === 0;
      return true;
    };
    const t2 = Object.fromEntries(Object.entries(truth).filter(([id]) => keep(id)));
    const out = recs.filter((r) => keep(r.user));
    for (const r of recs) {
      const t = truth[r.user];
      if (!t || t.label !== 'legit' || t.kind === 'batch') continue;
      const id = `${r.user}-twin`;
      t2[id] = { ...t, requests: (t2[id]?.requests ?? 0) + 1 };
      const shift = ((hashOf(r.user) % 11) - 5) * HOUR;
      out.push({ ...r, user: id, ip: twinIp(r.ip), time: r.time + shift });
    }
    return { truth: t2, recs: out.sort((a, b) => a.time - b.time) };
  },
  'other-people': (recs, truth, extra) => {
    if (!extra?.length) return null;
    // 300 new people, each a few prompts from another source, in bursts, on their own addresses.
    const rnd = prng(21);
    const t0 = recs[0].time;
    const span = recs.at(-1).time - t0;
    const t2 = { ...truth };
    const out = [...recs];
    for (let p = 0; p < 300; p++) {
      const id = `xp${p}`;
      const n = 1 + Math.floor(-Math.log(1 - rnd()) * 6);
      let t = t0 + rnd() * span;
      const ip = `${80 + (p % 60)}.${Math.floor(rnd() * 250)}.${Math.floor(rnd() * 250)}.${1 + Math.floor(rnd() * 250)}`;
      for (let i = 0; i < n; i++) {
        t += rnd() < 0.6 ? 20_000 + rnd() * 600_000 : rnd() * 20 * HOUR;
        const prompt = extra[Math.floor(rnd() * extra.length)];
        out.push({ ts: '', time: t, ip, user: id, method: 'POST', path: '/api/chat', headers: { ...BROWSER, 'accept-language': LANGS[p % LANGS.length] }, body: { model: 'claude-haiku-4-5', max_tokens: 1024, messages: [{ role: 'user', content: prompt }] }, response: { status: 200, usage: { input_tokens: Math.ceil(prompt.length / 4), output_tokens: 200 + Math.floor(rnd() * 600) } } });
      }
      t2[id] = { label: 'legit', kind: 'casual', requests: n };
    }
    return { truth: t2, recs: out.filter((r) => r.time <= t0 + span).sort((a, b) => a.time - b.time) };
  },
  'hard-mix': (recs, truth) => VARIANTS.browserize(VARIANTS.jitter(VARIANTS.rewrap(recs, truth).recs, truth).recs, truth),
};

function window(recs, truth, fromH, toH) {
  const t0 = recs[0].time;
  const out = recs.filter((r) => r.time >= t0 + fromH * HOUR && r.time < t0 + toH * HOUR);
  const users = new Set(out.map((r) => r.user));
  return { recs: out, truth: Object.fromEntries(Object.entries(truth).filter(([id]) => users.has(id))) };
}

function hashOf(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function twinIp(ip) {
  const p = ip.split('.');
  if (p.length !== 4) return ip;
  return `${(Number(p[0]) + 7) % 223 || 1}.${p[1]}.${(Number(p[2]) + 101) % 256}.${p[3]}`;
}

function toLog(recs) {
  return recs.map(({ time, ...r }) => JSON.stringify({ ...r, ts: new Date(time).toISOString() })).join('\n');
}

export async function runDetectorGeneralise(names = Object.keys(VARIANTS)) {
  const dir = process.env.DG_DETECTION_DEV;
  if (!dir) {
    console.log('detector-generalise: set DG_DETECTION_DEV to the detection-dev directory to run it.');
    return [];
  }
  const truth = JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8'));
  const recs = gunzipSync(await readFile(join(dir, 'requests.jsonl.gz')))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const r = JSON.parse(l);
      return { ...r, time: Date.parse(r.ts) };
    });
  let extra;
  if (process.env.DG_INJECTION_DEV) {
    extra = (await readFile(join(process.env.DG_INJECTION_DEV, 'prompts.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .filter((p) => p.label === 'benign')
      .map((p) => p.text);
  }
  // DG_REPLAY_CONFIG: guard options as JSON (e.g. '{"shield":false}' to measure the detector alone).
  const config = process.env.DG_REPLAY_CONFIG ? JSON.parse(process.env.DG_REPLAY_CONFIG) : {};
  const tmp = await mkdtemp(join(tmpdir(), 'dg-generalise-'));
  const rows = [];
  try {
    for (const name of names) {
      const variant = VARIANTS[name];
      if (!variant) throw new Error(`unknown variant ${name}; known: ${Object.keys(VARIANTS).join(', ')}`);
      const made = variant(recs.map((r) => ({ ...r })), truth, extra);
      if (!made) {
        rows.push({ variant: name, skipped: 'needs DG_INJECTION_DEV' });
        continue;
      }
      const file = join(process.env.DG_KEEP_LOGS ?? tmp, `${name}.jsonl`);
      await writeFile(file, toLog(made.recs));
      if (process.env.DG_KEEP_LOGS) await writeFile(join(process.env.DG_KEEP_LOGS, `${name}.truth.json`), JSON.stringify(made.truth));
      const report = await replay(file, guardTarget(config));
      const s = scoreDetection(made.truth, report);
      rows.push({
        variant: name,
        requests: report.summary.requests,
        macroRecall: s.macroRecall,
        hydra2: s.byKind.hydra2?.detected ?? null,
        mimic: s.byKind.mimic?.detected ?? null,
        humanFPR: s.humanFPR,
        humanDisrupted: s.humanDisrupted,
        batchServed: s.batchServed,
        attackServed: s.attackServed,
        attackServedStrict: s.attackServedStrict,
        missed: Object.entries(s.byKind)
          .filter(([, v]) => v.detected < 1 && truth[Object.keys(truth).find((id) => truth[id].kind === v.kind)]?.label !== 'legit')
          .map(([k, v]) => `${k} ${(v.detected * 100).toFixed(0)}%`)
          .filter((x) => !/^(casual|power|office|batch) /.test(x))
          .join(', '),
      });
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  const f = (x) => (x === null || x === undefined ? '-' : typeof x === 'number' ? x.toFixed(4) : String(x));
  console.log('variant           requests  recall  hydra2  mimic   humanFPR humanRef batchSrv attackSrv strict   missed');
  for (const r of rows) {
    if (r.skipped) console.log(`${r.variant.padEnd(17)} (skipped: ${r.skipped})`);
    else console.log(`${r.variant.padEnd(17)} ${String(r.requests).padStart(8)}  ${f(r.macroRecall)}  ${f(r.hydra2)}  ${f(r.mimic)}  ${f(r.humanFPR)}   ${f(r.humanDisrupted)}   ${f(r.batchServed)}   ${f(r.attackServed)}    ${f(r.attackServedStrict)}   ${r.missed}`);
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runDetectorGeneralise(process.argv.length > 2 ? process.argv.slice(2) : undefined);
}
