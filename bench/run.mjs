// pnpm bench: every benchmark, one after the other, each in its own process so none warms or
// loads the heap of the next. Speed and memory figures are ratios to baselines measured in the
// same run (the machines are shared and noisy); absolute numbers are for context only.
//
//   pnpm bench                    all of them
//   pnpm bench http replay       only those whose name contains one of the words
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES = [
  { name: 'http-throughput', file: 'http-throughput.mjs', what: 'HTTP throughput: guard vs bare Express vs express-rate-limit (issue 2)' },
  { name: 'check-cost', file: 'check-cost.mjs', what: 'check + record in-process on the memory store: µs and bytes allocated per request, by part (issue 15)' },
  { name: 'check-cost-same-traffic', file: 'check-cost.mjs', args: ['--http-traffic'], what: 'check + record in-process on the HTTP benchmark\'s own requests (its warm-up, then the turns its slices reach): the in-process figure to set beside the HTTP one (issue 15)' },
  { name: 'check-cost-redis', file: 'check-cost.mjs', args: ['--redis'], what: 'check + record in-process on a redis-server of its own: Node CPU, Redis CPU and Redis commands per request (issue 15)' },
  { name: 'conversation-sweep', file: 'conversation-sweep.mjs', what: 'check + record in-process on the memory store with 1,000, 4,000 and 16,000 conversations in flight: µs, GC and heap per part (issue 15)' },
  { name: 'replay-speed', file: 'replay-speed.mjs', what: 'replay speed through the full guard (issue 5)' },
  { name: 'memory-bound', file: 'memory-bound.mjs', what: 'resident size of the whole guard on the memory store at 200k identities, default options vs bounds lifted (issue 16)' },
  { name: 'detector-memory', file: 'detector-memory.mjs', what: 'detector state per tracked account at 100k accounts (issue 5)' },
  { name: 'shield-eval', file: 'shield-eval.mjs', what: 'prompt-attack detection rates and scan cost (issue 4)' },
  { name: 'shield-short-texts', file: 'shield-short-texts.mjs', args: ['5'], what: 'the shield\'s cost per text and per KB by size and class of text (chat turns, the detection log\'s prompts by length, long user texts, code, CJK, mixed scripts, documents), warm, with caches evicted and in CPU time, against SHIELD_REF (default HEAD), each class\'s multiple of the 30 µs per KB budget and all of them together (issue 18)' },
  { name: 'shield-long-texts', file: 'shield-long-texts.mjs', args: ['5'], what: 'the shield\'s cost per KB of one user text by its length, across 4,000 characters where its ends and windows are scored too, against SHIELD_REF (default HEAD) (issue 18)' },
  { name: 'shield-attacks', file: 'shield-attacks.mjs', what: 'white-box prompt attacks: what gets through (issue 18)' },
  { name: 'shield-documents', file: 'shield-documents.mjs', what: 'instructions planted in documents of many formats against benign documents of the same formats, never trained on (issue 18)' },
  { name: 'shield-unseen', file: 'shield-unseen.mjs', what: 'a held-out white-box set written before the generators of its round: game-style, benchmark-style and planted attacks with look-alikes, never tuned on (issue 18)' },
  { name: 'shield-unseen2', file: 'shield-unseen2.mjs', what: 'a second held-out set written before its round changed the generators: game-style, benchmark-style (many languages the generators do not write) and planted attacks with as many look-alikes, never tuned on (issue 18)' },
  { name: 'shield-unseen3', file: 'shield-unseen3.mjs', what: 'a third held-out set written before its round changed the generators: game-style, benchmark-style (a third in other languages) and planted attacks with benign look-alikes of the same shapes, never tuned on (issue 18)' },
  { name: 'shield-unseen4', file: 'shield-unseen4.mjs', what: 'a fourth held-out set written before its round changed the features: orders for the assistant planted in e-mails, tables, code, JSON tool results, pages and task inputs in seven languages, against documents full of orders for people, never tuned on (issue 18)' },
  { name: 'shield-whitebox3', file: 'shield-whitebox3.mjs', what: 'white-box round 3: attacks aimed at the shield\'s blind spots read off its code (no-phrase paraphrase, unphrased languages, unmapped letters, dilution, split orders, data formats, role-play, forged tool output, multi-turn) with as many look-alikes, and a table of cheap transformations, never tuned on (issue 18)' },
  { name: 'shield-whitebox4', file: 'shield-whitebox4.mjs', what: 'white-box round 4: 122 attacks aimed at what the shield still missed, read off its code (orders split over turns, unmapped scripts, encodings with a decode request, languages without phrases, orders where the windows do not read, game families worded afresh, orders in JSON/CSV/HTML tool results) with 122 look-alikes, never tuned on (issue 18)' },
  { name: 'shield-whitebox5', file: 'shield-whitebox5.mjs', what: 'white-box round 5: 94 attacks aimed at what the kept collections judge (game-style password extraction and hijacking worded afresh, machine-translation-style direct attacks in languages with and without phrases, an order in the middle of a user paste, orders planted in e-mails, tables, one-line markup, code and task inputs) with 94 look-alikes on the same channels, never tuned on (issue 18)' },
  { name: 'shield-whitebox6', file: 'shield-whitebox6.mjs', what: 'white-box round 6: 102 attacks in 13 families (languages without phrases, the secret asked for without its name, CJK task switches, chat-speak, characters the folds keep, word games, orders in the middle of a paste, forged state in eight languages, document orders without an addressee, fields the channel walk skips) with 63 look-alikes in 22 languages; half the families held out from every change (issue 18)' },
  { name: 'shield-whitebox7', file: 'shield-whitebox7.mjs', what: 'white-box round 7: 81 attacks in 12 families (languages without phrases or rows, a secret word that is an ordinary word next door, CJK task switches with no attack word, chat-speak password asks, French and German orders in e-mails, questions about what it was told, reply-format coercion, orders split across turns, orders in the middle of a paste, spelling games, document orders in four more languages) with 58 look-alikes; half the families held out from every change (issue 18)' },
  { name: 'shield-heldout8', file: 'shield-heldout8.mjs', what: 'held-out set 8: 60 attacks in 10 families in the styles of issue 18 (fake boundaries, forged state, asks without trigger words, forced openings, typos and joiners, floods, eight languages, orders planted in e-mails, tables, code, JSON, CSV and tool results) with 50 look-alikes; half the families held out, their texts printed only with --final' },
  { name: 'shield-everyday', file: 'shield-everyday.mjs', what: 'everyday benign user text (small talk, cooking, travel, homework, coding, shopping, health, writing, jokes, definitions), 12 texts in each of 16 languages: false alarms per language, never tuned on (issue 18)' },
  { name: 'shield-attacks-screen', file: 'shield-attacks.mjs', args: ['--screen'], what: 'the same white-box attacks with the opt-in screen in front of the scorer (issue 18)' },
  { name: 'detector-adversary', file: 'adversary/run.mjs', args: ['--phrasing', 'dev'], what: 'white-box campaigns beside the development log\'s people, dev phrasing (issue 14)' },
  { name: 'detector-adversary-holdout', file: 'adversary/run.mjs', args: ['--phrasing', 'holdout'], what: 'the same campaigns with the held-out phrasing set, never tuned on (issue 14)' },
  { name: 'detector-adversary-round3', file: 'adversary/run.mjs', args: ['--round', '3', '--phrasing', 'holdout'], what: 'white-box round 3 (2026-12-07): campaigns aimed at the follow-up task bar, the no-task level, the shape cap, cohort classes and the flagged allowance, held-out phrasing, measured before any change (issue 14)' },
  { name: 'detector-classifiers', file: 'classifiers/fixtures.mjs', what: 'multilingual reasoning, answer and instruction classifiers on their fixture sets (issue 14)' },
  { name: 'watermark', file: 'watermark/run.mjs', what: 'output watermark: words changed, cost per KB, detection in trained students, false alarms, noise and white-box attacks (issue 19)' },
];

const filters = process.argv.slice(2);
const selected = filters.length ? BENCHES.filter((b) => filters.some((f) => b.name.includes(f))) : BENCHES;
let failed = 0;
for (const bench of selected) {
  process.stdout.write(`\n=== ${bench.name}: ${bench.what}\n`);
  const started = Date.now();
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL(bench.file, import.meta.url)), ...(bench.args ?? [])], { stdio: 'inherit' });
    child.on('exit', (c) => resolve(c ?? 1));
  });
  process.stdout.write(`--- ${bench.name}: ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  if (code !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
