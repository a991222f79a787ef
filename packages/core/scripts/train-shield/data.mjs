// The development data the shield is trained and measured on, read from directories given by
// environment variables (see README.md beside this file). Shared with bench/shield-eval.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const repo = new URL('../../../../', import.meta.url);
const defaultDir = (name) => fileURLToPath(new URL(`../shared/data/${name}/`, repo));

/** The directory of a data set: its variable, else the sibling `shared/data/<name>` of the checkout. */
export function dataDir(variable, name, { required = true } = {}) {
  const dir = (process.env[variable] ?? defaultDir(name)).replace(/\/$/, '');
  if (!existsSync(dir)) {
    if (!required) return undefined;
    throw new Error(`${name}: no directory at ${dir}. Set ${variable} to the directory holding it (see packages/core/scripts/train-shield/README.md).`);
  }
  return dir;
}

const jsonl = (file) => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

/** Labelled rows `{ text, label: 1 | 0, source, channel, file }` of the three development files. */
export function labelledRows({ required = true } = {}) {
  const rows = [];
  const dev = dataDir('DG_INJECTION_DEV', 'injection-dev', { required });
  if (dev) for (const r of jsonl(`${dev}/prompts.jsonl`)) rows.push({ text: r.text, label: r.label === 'injection' ? 1 : 0, source: r.source, channel: 'user', file: 'injection-dev/prompts.jsonl' });
  const dev2 = dataDir('DG_INJECTION_DEV2', 'injection-dev2', { required });
  if (dev2) {
    for (const f of ['direct', 'indirect']) {
      for (const r of jsonl(`${dev2}/${f}.jsonl`)) rows.push({ text: r.text, label: r.label === 'injection' ? 1 : 0, source: r.source, channel: r.channel === 'document' ? 'document' : 'user', file: `injection-dev2/${f}.jsonl` });
    }
  }
  return rows;
}

/**
 * The detection log's texts: every unique user prompt with the kind of the accounts that sent it
 * (`legit` when only legitimate accounts did), and the answers served to legitimate accounts.
 */
export function detectionTexts({ required = true, maxAnswers = 4000 } = {}) {
  const dir = dataDir('DG_DETECTION_DEV', 'detection-dev', { required });
  if (!dir) return undefined;
  const truth = JSON.parse(readFileSync(`${dir}/truth.json`, 'utf8'));
  const prompts = new Map();
  const answers = new Set();
  for (const line of gunzipSync(readFileSync(`${dir}/requests.jsonl.gz`)).toString('utf8').split('\n')) {
    if (!line) continue;
    const r = JSON.parse(line);
    const legit = truth[r.user]?.label === 'legit';
    for (const m of r.body?.messages ?? []) {
      if (m.role !== 'user' || typeof m.content !== 'string' || !m.content) continue;
      prompts.set(m.content, (prompts.get(m.content) ?? true) && legit);
    }
    if (legit && answers.size < maxAnswers && typeof r.response?.content === 'string' && r.response.content.length > 200) answers.add(r.response.content);
  }
  return { prompts, answers: [...answers] };
}

/** The project's own held-out fixture sets (`packages/core/test/shield/fixtures/`), as labelled rows. */
export function fixtureRows() {
  const dir = new URL('packages/core/test/shield/fixtures/', repo);
  const load = (name) =>
    readFileSync(new URL(name, dir), 'utf8')
      .split(/\r?\n%%%\r?\n/)
      .map((s) => s.replace(/^\r?\n+|\r?\n+$/g, ''))
      .filter(Boolean);
  const rows = [];
  for (const f of ['heldout-attacks.txt', 'blind-attacks.txt', 'final-attacks.txt']) for (const text of load(f)) rows.push({ text, label: 1, source: 'project-fixtures', channel: 'user', file: f });
  for (const f of ['heldout-benign.txt', 'heldout-benign-technical.txt', 'blind-benign.txt', 'blind-benign-technical.txt', 'final-benign.txt']) for (const text of load(f)) rows.push({ text, label: 0, source: 'project-fixtures', channel: 'user', file: f });
  return rows;
}
