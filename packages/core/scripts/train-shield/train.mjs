// Trains the shield's learned prompt-attack scorer and writes its weights into
// packages/core/src/shield/learned/model-weights.ts. See README.md beside this file for the
// data, their licences and row counts, and docs/shield.md for the figures.
//
//   node packages/core/scripts/train-shield/train.mjs              train, calibrate, write the weights
//   node packages/core/scripts/train-shield/train.mjs --test       ... and print the held-back test split
//   node packages/core/scripts/train-shield/train.mjs --eval       ... then build core and run bench/shield-eval.mjs, -attacks, -documents, -unseen, -unseen2, -unseen3 and -unseen4
//   node packages/core/scripts/train-shield/train.mjs --holdouts   source-held-out experiments, nothing written
//   node packages/core/scripts/train-shield/train.mjs --holdout hackaprompt,synthetic   one experiment
//
// Data: DG_INJECTION_DEV, DG_INJECTION_DEV2, DG_DETECTION_DEV (directories; default: the
// checkout's sibling shared/data/...). Deterministic: seeded generator and shuffles, no threads.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ATTACK_BANK, SWITCH_LANGS, gameAttack, gameLookalike, obfuscate, screenDisguise, taskSwitch, templatedAttack } from './augment-attacks.mjs';
import { BENIGN_LANGS, aboutAttacks, benignLookalike, structuredTask } from './augment-benign.mjs';
import { PLANTED_LANGS, addressedInstruction, addressedInstructionMl, hostDocument, humanInstruction, humanInstructionMl, plantedInstruction, syntheticDocument } from './augment-documents.mjs';
import { detectionTexts, fixtureRows, labelledRows } from './data.mjs';
import { exponentialTailQuantile, harrellDavis } from './quantile.mjs';
import { seeded, stableHash } from './random.mjs';
import { chatSpeak } from './augment-chatspeak.mjs';
import { EXTRA_LANGS, UNPHRASED_LANGS, languageAttack, languageBenign, languageHumanOrder, languageOrder } from './augment-languages.mjs';
import { typo } from './augment-typos.mjs';
import { hasCyrillicOrGreek, romanise } from './augment-romanise.mjs';
import { labelConflicts } from './label-conflicts.mjs';
import { EVERYDAY_DOC_LANGS, EVERYDAY_LANGS, everydayLines, everydayNote, everydayText } from './augment-everyday.mjs';
import { loadShield, loadShieldModules } from './shield-source.mjs';
import { SCREEN_BITS, SCREEN_MARGIN, screenRowLogit, trainScreen } from './screen.mjs';

const { injectionFeatures, injectionScreenFeatures, injectionSegments, injectionUserPieces } = await loadShield();

// The table's size is the scanner's (learned/hashing.ts), read from the same bundle of the source.
const { hashing } = await loadShieldModules({ hashing: 'learned/hashing' });
const HASH_BITS = hashing.HASH_BITS;
const HASH_SIZE = 1 << HASH_BITS;
const SEED = 18;
/** Target false-positive rate of the calibrated threshold on held-back benign texts, per channel. */
const TARGET_FPR = { user: 0.004, document: 0.008 };
/** The threshold is read off an exponential tail fitted to the benign scores above this quantile (see calibrate). */
const TAIL_BASE = 0.9;
const EPOCHS = Number(process.env.DG_SHIELD_EPOCHS ?? 6);
/** Generated game-style attacks (and half as many benign look-alikes), and documents with orders for the assistant or for people. */
const GAME_ROWS = Number(process.env.DG_SHIELD_GAME_ROWS ?? 1200);
const SWITCH_ROWS = Number(process.env.DG_SHIELD_SWITCH_ROWS ?? 450);
/** Models averaged, each on its own draw of the generated rows (see experiment). */
const BAGS = Number(process.env.DG_SHIELD_BAGS ?? 3);
const ADDRESSED_ROWS = Number(process.env.DG_SHIELD_ADDRESSED_ROWS ?? 2000);
/** Direct attacks and as many benign prompts in the ten languages of augment-languages.mjs, and documents with orders for the assistant or for people in them. */
const LANG_ROWS = Number(process.env.DG_SHIELD_LANG_ROWS ?? 440);
const LANG_DOC_ROWS = Number(process.env.DG_SHIELD_LANG_DOC_ROWS ?? 220);
/**
 * The same, and everyday texts, in the ten languages the intent phrases do not cover
 * (languages-without-phrases.mjs). Off by default: with 400, 200 and 240 (per language as many as
 * above) they caught most attacks in those languages but flagged more benign texts of every kind
 * (README, "Languages without phrases"); an experiment to build on, not shipped.
 */
const UNPHRASED_ROWS = Number(process.env.DG_SHIELD_UNPHRASED_ROWS ?? 0);
const UNPHRASED_DOC_ROWS = Number(process.env.DG_SHIELD_UNPHRASED_DOC_ROWS ?? 0);
const UNPHRASED_EVERYDAY_ROWS = Number(process.env.DG_SHIELD_UNPHRASED_EVERYDAY_ROWS ?? 0);
/** Attacks in chat-speak and as many benign texts in it (augment-chatspeak.mjs). */
const CHATSPEAK_ROWS = Number(process.env.DG_SHIELD_CHATSPEAK_ROWS ?? 300);
/** Everyday user texts in the attack generators' languages and Greek (augment-everyday.mjs), and documents of them. */
const EVERYDAY_ROWS = Number(process.env.DG_SHIELD_EVERYDAY_ROWS ?? 1400);
const EVERYDAY_DOC_ROWS = Number(process.env.DG_SHIELD_EVERYDAY_DOC_ROWS ?? 400);
/** Typo'd attacks and as many typo'd benign prompts (augment-typos.mjs). */
const TYPO_ROWS = Number(process.env.DG_SHIELD_TYPO_ROWS ?? 400);
/** The longest real training text given typos. */
const TYPO_MAX_CHARS = Number(process.env.DG_SHIELD_TYPO_MAX_CHARS ?? 400);
/**
 * Benign prompts given the attacks' disguises (augment-attacks.mjs OBFUSCATIONS: leetspeak, doubled
 * letters, joiners, look-alikes, spelled-apart letters, floods, capitals), as many as the disguised
 * attacks, so that an undone disguise is not itself the sign of an attack.
 */
const DISGUISED_BENIGN_ROWS = Number(process.env.DG_SHIELD_DISGUISED_BENIGN_ROWS ?? 1300);
/** Which of the disguises benign prompts get: what people also do to ordinary text. */
const BENIGN_DISGUISES = (process.env.DG_SHIELD_BENIGN_DISGUISES ?? 'doubled,underscores,spaced,dotted,flood,upper,typos').split(',');
/** The longest real training text given a disguise. */
const DISGUISED_MAX_CHARS = Number(process.env.DG_SHIELD_DISGUISED_MAX_CHARS ?? 1500);
/** Whether benign rows that are mostly a labelled attack are left out of training and calibration (label-conflicts.mjs). */
const LABEL_CONFLICTS = process.env.DG_SHIELD_LABEL_CONFLICTS !== '0';
/** Russian, Ukrainian and Greek rows typed again in Latin letters (augment-romanise.mjs), per channel and label. */
const ROMANISED_ROWS = Number(process.env.DG_SHIELD_ROMANISED_ROWS ?? 150);

/**
 * How rows are weighed (rowWeight, balanceWeights). `joint` (the default): every source counts its
 * rows up to 800, then all attacks together are set to half the benign weight. The alternatives,
 * for experiments (README, "Weights"): `split`, real and generated rows balanced as two groups;
 * `user`, real user-channel rows, generated user-channel rows and all documents as three groups.
 * Both keep the real attacks' weight whatever the generators add; measured held out, they trade
 * HackAPrompt for in-the-wild jailbreaks, and `split` memorises BIPIA's few host e-mails.
 */
const WEIGHTING = process.env.DG_SHIELD_WEIGHTING ?? 'joint';
/** With `split` or `user`: the real attack sources weigh by their `count` of rows, the `sqrt` of it, or all the same (`equal`). */
const REAL_SOURCES = process.env.DG_SHIELD_REAL_SOURCES ?? 'count';
/** With `split`: the generated group's total weight as a multiple of the real group's (unset: each keeps its own total). */
const GENERATED_SHARE = process.env.DG_SHIELD_GENERATED_SHARE === undefined ? undefined : Number(process.env.DG_SHIELD_GENERATED_SHARE);

const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

/** Which source-group a row belongs to, for holding out whole sources. */
function groupOf(source) {
  if (source.startsWith('bipia')) return 'bipia';
  return source;
}

// ---- data ----------------------------------------------------------------------------------
function loadReal() {
  const rows = labelledRows();
  const det = detectionTexts();
  for (const [text, legit] of det.prompts) if (legit) rows.push({ text, label: 0, source: 'detection-dev-chat', channel: 'user', file: 'detection-dev/requests.jsonl.gz' });
  // Prompts of the log's harvesting accounts (Alpaca: CC BY-NC 4.0, evaluation only): never trained
  // on; their calibration and test splits show how often the screen passes such templated tasks on.
  for (const [text, legit] of det.prompts) if (!legit) rows.push({ text, label: undefined, source: 'detection-dev-harvest', channel: 'user', file: 'detection-dev/requests.jsonl.gz' });
  for (const text of det.answers) rows.push({ text, label: 0, source: 'detection-dev-answers', channel: 'document', file: 'detection-dev/requests.jsonl.gz' });
  rows.push(...fixtureRows());
  // By a hash of the text: a fifth of every source is held back to calibrate the thresholds, and a
  // tenth is a test split that neither training nor calibration reads (`--test` prints it).
  for (const r of rows) {
    const h = stableHash(r.text) % 10;
    r.split = h < 2 ? 'calib' : h === 2 ? 'test' : 'train';
  }
  return rows;
}

/** Lines of BIPIA's clean e-mails: a line of an injected e-mail not among them is the planted one. */
function plantedLines(rows) {
  const norm = (l) => l.replace(/\s+/g, ' ').trim();
  const clean = new Set();
  for (const r of rows) if (r.source === 'bipia-email-clean') for (const l of r.text.split('\n')) clean.add(norm(l));
  const seen = new Map();
  for (const r of rows) {
    if (r.source !== 'bipia-email') continue;
    r.planted = r.text.split('\n').map(norm).filter((l) => l.length > 8 && !clean.has(l));
    for (const l of r.planted) seen.set(l, (seen.get(l) ?? 0) + 1);
  }
  // Where the instruction was planted inside a line, the e-mail's lines around it changed too: the
  // instruction is the line that recurs across injected e-mails (BIPIA reuses its instructions).
  for (const r of rows) {
    if (r.source !== 'bipia-email' || r.planted.length <= 1) continue;
    const recurring = r.planted.filter((l) => seen.get(l) > 1);
    if (recurring.length > 0) r.planted = recurring;
  }
}

/**
 * Attacks and benign prompts in each of `langs` (two attacks for each benign prompt: with the
 * language's everyday texts, augment-everyday.mjs, its attack:benign ratio is near the eight main
 * languages', about 80:64 against 320:240), then `docRows` documents alternating an order planted
 * for the assistant and an order for people (augment-languages.mjs).
 */
function pushLanguageRows(out, rng, langs, rows, docRows) {
  for (let i = 0; i < rows; i++) {
    const lang = langs[i % langs.length];
    for (let k = 0; k < 2; k++) out.push({ text: languageAttack(rng, lang), label: 1, source: 'synthetic-language', channel: 'user' });
    out.push({ text: languageBenign(rng, lang), label: 0, source: 'synthetic-language-benign', channel: 'user' });
  }
  for (let i = 0; i < docRows; i++) {
    const inject = i % 2 === 0;
    const lang = langs[(i >> 1) % langs.length];
    const sentence = inject ? languageOrder(rng, lang) : languageHumanOrder(rng, lang);
    out.push({ text: hostDocument(rng, sentence), label: inject ? 1 : 0, source: inject ? 'synthetic-language-addressed' : 'synthetic-language-addressed-benign', channel: 'document', planted: inject ? [sentence] : undefined });
  }
}

/**
 * `rows` pairs of an attack (templated, game-style or a real short one, in turn) and a benign prompt
 * of the same kind, each `respell`ed (typos, chat-speak): a respelled text is an attack exactly when
 * its source was. Sources `<source>` and `<source>-benign`.
 */
function pushRespelledRows(out, rng, rows, respell, source, shortAttacks, realBenign) {
  for (let i = 0; i < rows; i++) {
    const kind = i % 3;
    const attack = kind === 0 ? templatedAttack(rng, 'en') : kind === 1 ? gameAttack(rng) : rng.pick(shortAttacks).text;
    out.push({ text: respell(rng, attack), label: 1, source, channel: 'user' });
    const benign = kind === 0 ? benignLookalike(rng, 'en') : kind === 1 ? gameLookalike(rng) : rng.pick(realBenign).text;
    out.push({ text: respell(rng, benign), label: 0, source: `${source}-benign`, channel: 'user' });
  }
}

/** The generator's rows (README.md): templated attacks, obfuscated real attacks, benign look-alikes, documents. */
function synthetic(trainRows, excluded, shift = 0) {
  const rng = seeded(SEED + shift);
  const out = [];
  const langs = Object.keys(ATTACK_BANK);
  for (let i = 0; i < 1800; i++) out.push({ text: templatedAttack(rng, langs[i % langs.length]), label: 1, source: 'synthetic-attack', channel: 'user' });
  const realAttacks = trainRows.filter((r) => r.label === 1 && r.channel === 'user');
  for (const r of rng.shuffle([...realAttacks]).slice(0, 700)) out.push({ text: obfuscate(rng, r.text), label: 1, source: 'synthetic-obfuscated', channel: 'user' });
  for (let i = 0; i < 600; i++) out.push({ text: obfuscate(rng, out[i].text), label: 1, source: 'synthetic-obfuscated', channel: 'user' });
  for (let i = 0; i < 900; i++) out.push({ text: benignLookalike(rng, BENIGN_LANGS[i % BENIGN_LANGS.length]), label: 0, source: 'synthetic-benign', channel: 'user' });
  for (let i = 0; i < 500; i++) out.push({ text: aboutAttacks(rng), label: 0, source: 'synthetic-benign', channel: 'user' });
  for (let i = 0; i < 600; i++) out.push({ text: structuredTask(rng), label: 0, source: 'synthetic-benign', channel: 'user' });
  // Documents: synthetic ones, and real answers from the detection log as hosts (unless held out).
  const hosts = excluded.has('detection-dev-answers') ? [] : trainRows.filter((r) => r.source === 'detection-dev-answers').map((r) => r.text);
  for (let i = 0; i < 1600; i++) {
    const inject = i % 2 === 0;
    const instruction = inject ? plantedInstruction(rng, PLANTED_LANGS[(i >> 1) % PLANTED_LANGS.length]) : undefined;
    if (hosts.length > 0 && rng.chance(0.35)) {
      const lines = rng.pick(hosts).split('\n');
      if (instruction) lines.splice(rng.int(lines.length + 1), 0, instruction);
      out.push({ text: lines.join('\n'), label: inject ? 1 : 0, source: 'synthetic-document', channel: 'document', planted: instruction ? [instruction] : undefined });
    } else {
      const d = syntheticDocument(rng, instruction);
      out.push({ text: d.text, label: inject ? 1 : 0, source: 'synthetic-document', channel: 'document', planted: instruction ? [instruction] : undefined });
    }
  }
  // The planted instructions of the training split's injected e-mails, planted again into other
  // kinds of documents (tables, code, tool results, pages) and into real answers.
  const plantedReal = [...new Set(trainRows.filter((r) => r.source === 'bipia-email' && r.planted.length === 1).flatMap((r) => r.planted))].filter((p) => p.length < 300);
  for (let i = 0; i < Math.min(1200, plantedReal.length * 12); i++) {
    const instruction = plantedReal[i % plantedReal.length];
    if (hosts.length > 0 && rng.chance(0.3)) {
      const lines = rng.pick(hosts).split('\n');
      lines.splice(rng.int(lines.length + 1), 0, instruction);
      out.push({ text: lines.join('\n'), label: 1, source: 'synthetic-document', channel: 'document', planted: [instruction] });
    } else {
      const d = syntheticDocument(rng, instruction);
      out.push({ text: d.text, label: 1, source: 'synthetic-document', channel: 'document', planted: [instruction] });
    }
    const clean = syntheticDocument(rng, undefined);
    out.push({ text: clean.text, label: 0, source: 'synthetic-document', channel: 'document' });
  }
  // Direct attacks inside documents are attacks too.
  for (const r of rng.shuffle([...realAttacks]).slice(0, 300)) {
    if (r.text.length > 1500) continue;
    const d = syntheticDocument(rng, r.text);
    out.push({ text: d.text, label: 1, source: 'synthetic-document', channel: 'document', planted: [r.text] });
  }
  // Game-style attacks composed from parts, and benign prompts of the same shapes (augment-attacks.mjs).
  const gameRng = seeded(SEED + 4 + shift);
  for (let i = 0; i < GAME_ROWS; i++) out.push({ text: gameAttack(gameRng), label: 1, source: 'synthetic-game', channel: 'user' });
  for (let i = 0; i < GAME_ROWS / 2; i++) out.push({ text: gameLookalike(gameRng), label: 0, source: 'synthetic-game-benign', channel: 'user' });
  for (let i = 0; i < SWITCH_ROWS; i++) out.push({ text: taskSwitch(gameRng, SWITCH_LANGS[i % SWITCH_LANGS.length]), label: 1, source: 'synthetic-switch', channel: 'user' });
  // Orders for the assistant in 30 formats of data, against the same formats with orders for people
  // (augment-documents.mjs); a third of each planted into a real answer of the log instead.
  const docRng = seeded(SEED + 5 + shift);
  for (let i = 0; i < ADDRESSED_ROWS; i++) {
    const inject = i % 2 === 0;
    const other = docRng.chance(0.15);
    const sentence = inject ? (other ? addressedInstructionMl(docRng) : addressedInstruction(docRng)) : other ? humanInstructionMl(docRng) : humanInstruction(docRng);
    let text;
    if (hosts.length > 0 && docRng.chance(0.3)) {
      const lines = docRng.pick(hosts).split('\n');
      lines.splice(docRng.int(lines.length + 1), 0, sentence);
      text = lines.join('\n');
    } else text = hostDocument(docRng, sentence);
    out.push({ text, label: inject ? 1 : 0, source: inject ? 'synthetic-addressed' : 'synthetic-addressed-benign', channel: 'document', planted: inject ? [sentence] : undefined });
  }
  // Ten more languages: attacks against as many benign prompts, and orders planted for the
  // assistant against orders for people in the same documents (augment-languages.mjs).
  const langRng = seeded(SEED + 6 + shift);
  pushLanguageRows(out, langRng, EXTRA_LANGS, LANG_ROWS, LANG_DOC_ROWS);
  // Typos (augment-typos.mjs) on attacks, templated, game-style and real, and on as many benign
  // prompts, real and generated: a typo'd text is an attack exactly when its source was.
  const typoRng = seeded(SEED + 7 + shift);
  // Short texts only: typo'd long role-play prompts on the benign side cost recall on long
  // jailbreaks held out of training (README: in-the-wild and BIPIA held out together, 61% without
  // the typo rows, 51% with 900 of them up to 1,500 characters).
  const realBenign = trainRows.filter((r) => r.label === 0 && r.channel === 'user' && r.text.length < TYPO_MAX_CHARS);
  const shortAttacks = realAttacks.filter((r) => r.text.length < TYPO_MAX_CHARS);
  pushRespelledRows(out, typoRng, TYPO_ROWS, typo, 'synthetic-typo', shortAttacks, realBenign);
  // Everyday texts in the languages the attacks are written in (augment-everyday.mjs), in
  // proportion to their attacks, so that a language is not itself the sign of an attack; and
  // documents of statements (one line in a host, or the whole document; requests in data are
  // planted orders) in the eight languages whose planted orders had no clean documents of their
  // language beside them.
  const everydayRng = seeded(SEED + 8 + shift);
  for (let i = 0; i < EVERYDAY_ROWS; i++) {
    out.push({ text: everydayText(everydayRng, EVERYDAY_LANGS[i % EVERYDAY_LANGS.length]), label: 0, source: 'synthetic-everyday', channel: 'user' });
  }
  for (let i = 0; i < EVERYDAY_DOC_ROWS; i++) {
    const lang = EVERYDAY_DOC_LANGS[i % EVERYDAY_DOC_LANGS.length];
    const text = everydayRng.chance(0.5) ? hostDocument(everydayRng, everydayNote(everydayRng, lang)) : everydayLines(everydayRng, lang);
    out.push({ text, label: 0, source: 'synthetic-everyday-document', channel: 'document' });
  }
  // The attacks' disguises on benign prompts, real and generated, as many as the disguised attacks
  // above: the fold undoes them, so the model reads the same words and learns the words, not the
  // disguise. Its own seed, so that no other generated row changes with this one's count.
  const disguiseRng = seeded(SEED + 9 + shift);
  const disguisable = trainRows.filter((r) => r.label === 0 && r.channel === 'user' && r.text.length < DISGUISED_MAX_CHARS);
  for (let i = 0; i < DISGUISED_BENIGN_ROWS; i++) {
    const kind = i % 4;
    const benign =
      kind === 0 ? disguiseRng.pick(disguisable).text
      : kind === 1 ? benignLookalike(disguiseRng, BENIGN_LANGS[(i >> 2) % BENIGN_LANGS.length])
      : kind === 2 ? gameLookalike(disguiseRng)
      : everydayText(disguiseRng, disguiseRng.pick(EVERYDAY_LANGS));
    out.push({ text: obfuscate(disguiseRng, benign, BENIGN_DISGUISES), label: 0, source: 'synthetic-obfuscated-benign', channel: 'user' });
  }
  // Russian, Ukrainian and Greek rows typed in Latin letters as people type them, attacks and
  // benign texts alike, on each channel (augment-romanise.mjs).
  const romanRng = seeded(SEED + 10 + shift);
  const scripted = out.filter((r) => hasCyrillicOrGreek(r.text));
  for (const channel of ['user', 'document']) {
    for (const label of [1, 0]) {
      const pool = romanRng.shuffle(scripted.filter((r) => r.channel === channel && r.label === label)).slice(0, ROMANISED_ROWS);
      for (const r of pool) {
        const scheme = new Map();
        const text = romanise(romanRng, r.text, scheme);
        out.push({ text, label, source: 'synthetic-romanised', channel, planted: r.planted?.map((p) => romanise(romanRng, p, scheme)) });
      }
    }
  }
  // Ten languages the intent phrases do not cover (languages-without-phrases.mjs): attacks, benign
  // prompts, documents and everyday texts as for the languages above, after them and with their own
  // seed, so that no row above changes, and none is romanised.
  const unphrasedRng = seeded(SEED + 11 + shift);
  pushLanguageRows(out, unphrasedRng, UNPHRASED_LANGS, UNPHRASED_ROWS, UNPHRASED_DOC_ROWS);
  for (let i = 0; i < UNPHRASED_EVERYDAY_ROWS; i++) {
    out.push({ text: everydayText(unphrasedRng, UNPHRASED_LANGS[i % UNPHRASED_LANGS.length]), label: 0, source: 'synthetic-everyday', channel: 'user' });
  }
  // Chat-speak (augment-chatspeak.mjs) on short attacks, templated, game-style and real, and on as
  // many benign prompts, as for the typos above; its own seed, so that no row above changes.
  const chatRng = seeded(SEED + 12 + shift);
  pushRespelledRows(out, chatRng, CHATSPEAK_ROWS, chatSpeak, 'synthetic-chatspeak', shortAttacks, realBenign);
  for (const r of out) r.split = 'train';
  return out;
}

// ---- features --------------------------------------------------------------------------------
/** A row's units: the whole text, and for documents each segment, each with features and a label. */
function unitsOf(row) {
  const whole = { f: injectionFeatures(row.text, { channel: row.channel }), label: row.label, weight: 1 };
  if (row.channel !== 'document') {
    // The scanner also scores the ends and windows of a long user text alone (learned/user-windows.ts):
    // they count for calibration and the figures (weight 0: not trained on, their label is unknown),
    // a window less its margin.
    const { ends, windows, margin } = injectionUserPieces(row.text);
    const piece = (t, m) => ({ f: injectionFeatures(t, { channel: 'user' }), label: row.label, weight: 0, margin: m, text: t });
    return [whole, ...ends.map((t) => piece(t, 0)), ...windows.map((t) => piece(t, margin))];
  }
  const segs = injectionSegments(row.text);
  if (segs.length <= 1) return [whole];
  const units = [whole];
  const planted = row.planted ?? [];
  for (const s of segs) {
    const hit = row.label === 1 && planted.some((p) => s.includes(p.trim().slice(0, 60)));
    // Segments of an injected document that do not hold the planted text are clean data.
    units.push({ f: injectionFeatures(s, { channel: 'document' }), label: hit ? 1 : 0, weight: hit ? 1 : 1 / Math.sqrt(segs.length) });
  }
  return units;
}

// ---- model -----------------------------------------------------------------------------------
function logit(m, f) {
  let s = 0;
  const h = f.hashed;
  for (let i = 0; i < h.length; i++) s += m.hashed[h[i]];
  let z = m.bias + (h.length > 0 ? s / Math.sqrt(h.length) : 0);
  for (let j = 0; j < f.dense.length; j++) z += m.dense[j] * f.dense[j];
  return z;
}

/** Logistic regression by Adagrad over shuffled units, L2 on the touched weights. */
function train(units, denseCount, shift = 0) {
  const m = { bias: 0, hashed: new Float64Array(HASH_SIZE), dense: new Float64Array(denseCount) };
  const gH = new Float64Array(HASH_SIZE).fill(1e-8);
  const gD = new Float64Array(denseCount).fill(1e-8);
  let gB = 1e-8;
  const lr = Number(process.env.DG_SHIELD_LR ?? 0.15);
  const l2 = Number(process.env.DG_SHIELD_L2 ?? 2e-5);
  const rng = seeded(SEED + 1 + shift);
  const order = units.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    rng.shuffle(order);
    let loss = 0;
    for (const k of order) {
      const u = units[k];
      const z = logit(m, u.f);
      const p = 1 / (1 + Math.exp(-z));
      loss += -u.w * (u.label ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12));
      const g = u.w * (p - u.label);
      const h = u.f.hashed;
      const v = h.length > 0 ? 1 / Math.sqrt(h.length) : 0;
      for (let i = 0; i < h.length; i++) {
        const idx = h[i];
        const gi = g * v + l2 * m.hashed[idx];
        gH[idx] += gi * gi;
        m.hashed[idx] -= (lr * gi) / Math.sqrt(gH[idx]);
      }
      for (let j = 0; j < denseCount; j++) {
        const x = u.f.dense[j];
        if (x === 0) continue;
        const gj = g * x + l2 * m.dense[j];
        gD[j] += gj * gj;
        m.dense[j] -= (lr * gj) / Math.sqrt(gD[j]);
      }
      gB += g * g;
      m.bias -= (lr * g) / Math.sqrt(gB);
    }
    if (!args.includes('--quiet')) console.error(`  epoch ${epoch + 1}: loss ${(loss / order.length).toFixed(4)}`);
  }
  return m;
}

/** Int8 hashed weights (as the package stores them) and the scale to read them back. */
function quantize(m) {
  let max = 0;
  for (const w of m.hashed) max = Math.max(max, Math.abs(w));
  const scale = max / 127 || 1;
  const q = new Int8Array(HASH_SIZE);
  for (let i = 0; i < HASH_SIZE; i++) q[i] = Math.round(m.hashed[i] / scale);
  return { q, scale, model: { bias: m.bias, dense: m.dense, hashed: Float64Array.from(q, (x) => x * scale) } };
}

/** A row's logit as the scanner computes it: a document takes the highest of its units. */
function rowLogit(m, row) {
  let z = -Infinity;
  for (const u of row.units) z = Math.max(z, logit(m, u.f) - (u.margin ?? 0));
  return z;
}

/**
 * The logits of the benign rows of a channel, each text once: a text that two sources share, or
 * a row that quotes another whole (a prompt of 80 characters or more pasted into a wrapper), is
 * one sample, not two. Left in twice, one mislabelled row (a real jailbreak a legitimate account
 * sent) fills two or three of the few places above a 0.4% threshold.
 */
function benignScores(m, rows, channel) {
  const texts = [...new Set(rows.filter((r) => r.channel === channel && r.label === 0).map((r) => r.text))];
  const byLength = [...texts].sort((a, b) => a.length - b.length);
  const quoted = new Set();
  for (let i = 0; i < byLength.length; i++) {
    const t = byLength[i];
    if (t.length < 80) continue;
    for (let j = i + 1; j < byLength.length; j++) if (byLength[j].includes(t)) quoted.add(byLength[j]);
  }
  const rowOf = new Map(rows.map((r) => [r.text, r]));
  return texts.filter((t) => !quoted.has(t)).map((t) => rowLogit(m, rowOf.get(t)));
}

/**
 * The offset that puts the threshold at the target false-positive rate of held-back benign rows:
 * their (1 - target) quantile, read off an exponential tail fitted to the top tenth of their
 * scores (quantile.mjs) rather than taken as one order statistic (at 0.4% of ~670 rows, the
 * 3rd-highest score), so that no single row sets the threshold. `--inspect` prints both, with
 * their spread over bootstrap resamples of the calibration rows.
 */
function calibrate(m, rows, channel) {
  const z = benignScores(m, rows, channel);
  if (z.length === 0) return 0;
  return exponentialTailQuantile(z, 1 - TARGET_FPR[channel], TAIL_BASE);
}

/** The screen's features of a text, computed once per text. */
const screenCache = new Map();
function screenOf(text) {
  let s = screenCache.get(text);
  if (s === undefined) screenCache.set(text, (s = injectionScreenFeatures(text)));
  return s;
}

/** Whether the screen passes a row on to the full model (always, without a screen). */
function screenPasses(screen, row) {
  return !screen || screenRowLogit(screen.model, screenOf(row.text)) >= screen.threshold[row.channel];
}

/**
 * Per source: the share flagged by the full model alone, and by the shield as it runs (the screen,
 * then the full model on what it passes); for benign rows also the share the screen passes on.
 */
function rates(m, offset, rows, screen) {
  const by = new Map();
  for (const r of rows) {
    const key = `${r.source} (${r.channel}${r.label ? ', attacks' : ''})`;
    if (!by.has(key)) by.set(key, { n: 0, hit: 0, shield: 0, passed: 0, label: r.label });
    const e = by.get(key);
    e.n++;
    const flagged = rowLogit(m, r) - offset[r.channel] >= 0;
    const passed = screenPasses(screen, r);
    if (flagged) e.hit++;
    if (passed) e.passed++;
    if (flagged && passed) e.shield++;
    if (args.includes('--inspect') && flagged && !passed && r.label === 1) console.log(`  the screen clears a flagged attack: ${r.source} ${JSON.stringify(r.text.slice(0, 140))}`);
  }
  return by;
}

function printRates(title, by) {
  console.log(title);
  console.log(`  ${'source'.padEnd(44)} rate, full model alone (n)     rate with the screen   passed by the screen`);
  for (const [source, e] of [...by].sort()) {
    const pct = (x) => (x / e.n).toFixed(3);
    console.log(`  ${source.padEnd(44)} ${e.label ? 'TPR' : 'FPR'} ${pct(e.hit)} (${e.hit}/${e.n})`.padEnd(80) + `${pct(e.shield).padEnd(22)} ${pct(e.passed)}`);
  }
}

/** The rows and segments the screen trains on: each with the full model's calibrated margin. */
function screenRows(rows, q, offset, weightOf) {
  return rows.map((r) => {
    r.units ??= unitsOf(r);
    const row = { text: r.text, label: r.label, channel: r.channel, weight: weightOf(r), fullMargin: rowLogit(q.model, r) - offset[r.channel], synthetic: r.source.startsWith('synthetic') };
    if (r.channel === 'document' && r.units.length > 1) {
      const segs = injectionSegments(r.text);
      row.segments = segs.map((text, i) => ({ text, label: r.units[i + 1].label, f: r.units[i + 1].f }));
    }
    return row;
  });
}

// ---- weights ---------------------------------------------------------------------------------
/** Whether a row was written by this directory's generators rather than taken from a real source. */
function isGenerated(row) {
  return row.source.startsWith('synthetic');
}

/**
 * A row's weight before balancing: each source weighs at most as much as 800 rows. With `split` or
 * `user` weighting and REAL_SOURCES `equal` or `sqrt`, a real attack source weighs the same as
 * every other (or by the square root of its rows): they are different kinds of attack, and
 * HackAPrompt's 366 training rows are about half of the real attack weight by count.
 */
function rowWeight(row, count) {
  if (WEIGHTING !== 'joint' && REAL_SOURCES !== 'count' && !isGenerated(row) && row.label === 1) {
    const n = count.get(`${row.source} attacks`);
    return REAL_SOURCES === 'sqrt' ? 10 / Math.sqrt(n) : 100 / n;
  }
  return Math.min(1, 800 / count.get(row.source));
}

/**
 * Sets the units' weights in place: attacks at half the benign weight of their group. `joint`: one
 * group, so every generated attack lowers the weight of every real one (the real attacks are a
 * ninth of the attack weight: `--counts` prints the four totals). `split`: real and generated
 * rows, the generated group then scaled to GENERATED_SHARE times the real group's total if set.
 * `user`: real user-channel rows, generated user-channel rows, and all documents.
 */
function balanceWeights(units) {
  const half = (group) => {
    let pos = 0;
    let neg = 0;
    for (const u of group) u.label ? (pos += u.w) : (neg += u.w);
    if (pos > 0) for (const u of group) if (u.label) u.w *= neg / (2 * pos);
    return neg * 1.5;
  };
  if (WEIGHTING === 'joint') return void half(units);
  if (WEIGHTING === 'user') {
    half(units.filter((u) => u.channel === 'user' && !u.generated));
    half(units.filter((u) => u.channel === 'user' && u.generated));
    half(units.filter((u) => u.channel === 'document'));
    return;
  }
  if (WEIGHTING !== 'split') throw new Error(`DG_SHIELD_WEIGHTING: joint, split or user, not ${WEIGHTING}`);
  const real = units.filter((u) => !u.generated);
  const generated = units.filter((u) => u.generated);
  const realTotal = half(real);
  const generatedTotal = half(generated);
  if (GENERATED_SHARE !== undefined && generatedTotal > 0) for (const u of generated) u.w *= (GENERATED_SHARE * realTotal) / generatedTotal;
}

// ---- runs ------------------------------------------------------------------------------------
function experiment(real, held) {
  const excluded = new Set(held);
  const kept = (r) => !excluded.has(groupOf(r.source)) && r.label !== undefined;
  // Benign rows that are mostly a labelled direct attack of the sources trained on
  // (label-conflicts.mjs) are neither trained on nor calibrated on. Direct attacks only: an injected
  // document is mostly its clean host. The attacks' test split is not read for it.
  const conflicts = LABEL_CONFLICTS ? labelConflicts(real.filter((r) => kept(r) && r.label === 1 && r.channel === 'user' && r.split !== 'test').map((r) => r.text), real.filter((r) => kept(r) && r.label === 0)) : new Set();
  if (args.includes('--counts') || args.includes('--inspect')) for (const t of conflicts) console.log(`label conflict, not trained or calibrated on: ${JSON.stringify(t.slice(0, 100))}`);
  const keep = (r) => kept(r) && !conflicts.has(r.text);
  const trainReal = real.filter((r) => keep(r) && r.split === 'train');
  const calibRows = real.filter((r) => keep(r) && r.split === 'calib');
  const unlabelledCalib = real.filter((r) => r.label === undefined && r.split === 'calib' && !excluded.has(groupOf(r.source)));
  // Disguised copies of real attacks for the screen alone (see SCREEN_DISGUISES).
  const disguiseRng = seeded(SEED + 2);
  const disguised = disguiseRng
    .shuffle(trainReal.filter((r) => r.label === 1 && r.channel === 'user'))
    .slice(0, 900)
    .map((r) => ({ text: screenDisguise(disguiseRng, r.text), label: 1, source: 'synthetic-disguised', channel: 'user', split: 'train' }));
  // Bagging over the generated rows: BAGS models, each trained on the real rows and its own draw
  // of the generators (and its own order), averaged before quantizing. One draw alone decided
  // which texts near the threshold fell on which side; the mean of several does not hang on it.
  const sum = { bias: 0, hashed: new Float64Array(HASH_SIZE), dense: undefined };
  let first;
  for (let b = 0; b < BAGS; b++) {
    const shift = 100 * b;
    const synth = excluded.has('synthetic') ? [] : synthetic(trainReal, excluded, shift);
    const trainRows = [...trainReal, ...synth];
    const count = new Map();
    for (const r of trainRows) count.set(r.source, (count.get(r.source) ?? 0) + 1);
    for (const r of trainRows) if (r.label === 1) count.set(`${r.source} attacks`, (count.get(`${r.source} attacks`) ?? 0) + 1);
    const units = [];
    for (const r of trainRows) {
      r.units ??= unitsOf(r);
      const w = rowWeight(r, count);
      for (const u of r.units) units.push({ f: u.f, label: u.label, w: w * u.weight, generated: isGenerated(r), channel: r.channel });
    }
    balanceWeights(units);
    if (args.includes('--counts') && b === 0) {
      const c = new Map();
      for (const r of trainRows) c.set(`${r.source} ${r.label ? 'attack' : 'benign'} ${r.channel}`, (c.get(`${r.source} ${r.label ? 'attack' : 'benign'} ${r.channel}`) ?? 0) + 1);
      console.log(`training rows (one of ${BAGS} bags):`);
      for (const [k, n] of [...c].sort()) console.log(`  ${k.padEnd(48)} ${n}`);
      console.log(`  calibration rows ${calibRows.length}; training units ${units.length}`);
      const total = (gen, label) => units.filter((u) => u.generated === gen && u.label === label).reduce((a, u) => a + u.w, 0).toFixed(0);
      console.log(`  weight (${WEIGHTING}): real attacks ${total(false, 1)}, real benign ${total(false, 0)}, generated attacks ${total(true, 1)}, generated benign ${total(true, 0)}`);
    }
    const m = train(units, units[0].f.dense.length, shift);
    sum.bias += m.bias / BAGS;
    for (let i = 0; i < HASH_SIZE; i++) sum.hashed[i] += m.hashed[i] / BAGS;
    sum.dense ??= new Float64Array(m.dense.length);
    for (let j = 0; j < m.dense.length; j++) sum.dense[j] += m.dense[j] / BAGS;
    if (b === 0) first = { trainRows, count, names: units[0].f.names };
    else for (const r of synth) r.units = undefined;
  }
  const { trainRows, count } = first;
  for (const r of calibRows) r.units ??= unitsOf(r);
  const q = quantize(sum);
  const offset = { user: calibrate(q.model, calibRows, 'user'), document: calibrate(q.model, calibRows, 'document') };
  const weightOf = (r) => Math.min(1, 800 / (count.get(r.source) ?? 800));
  const screen = trainScreen(screenRows([...trainRows, ...disguised], q, offset, weightOf), screenRows([...calibRows, ...unlabelledCalib], q, offset, () => 1), screenOf, (seg) => logit(q.model, seg.f) - offset.document);
  return { q, offset, calibRows, names: first.names, screen };
}

const real = loadReal();
plantedLines(real);

if (args.includes('--holdouts') || arg('--holdout')) {
  const sets = arg('--holdout')
    ? [arg('--holdout').split(',')]
    : [['hackaprompt'], ['jailbreak-in-the-wild'], ['bipia'], ['project-fixtures'], ['wildguard-benign', 'notinject'], ['xstest-safe', 'gpteacher-roleplay'], ['sharegpt', 'detection-dev-chat'], ['synthetic']];
  for (const held of sets) {
    const t0 = Date.now();
    const { q, offset, screen } = experiment(real, held);
    const heldRows = real.filter((r) => held.includes(groupOf(r.source)));
    for (const r of heldRows) r.units ??= unitsOf(r);
    printRates(`held out: ${held.join(' + ')} (trained without it; ${((Date.now() - t0) / 1000).toFixed(0)} s)`, rates(q.model, offset, held.includes('synthetic') ? real.filter((r) => r.split === 'calib') : heldRows, screen));
  }
} else {
  const { q, offset, calibRows, names, screen } = experiment(real, []);
  printRates('calibration split (a fifth of every source; the thresholds are set on its benign rows)', rates(q.model, offset, calibRows, screen));
  if (args.includes('--inspect')) {
    // The calibration rows nearest the threshold: the highest benign rows and the missed attacks, with their decisive piece.
    const best = (r) => r.units.reduce((b, u, i) => { const z = logit(q.model, u.f) - (u.margin ?? 0); return z > b.z ? { z, i } : b; }, { z: -Infinity, i: 0 });
    const show = (r) => { const b = best(r); const piece = b.i === 0 ? r.text : r.channel === 'user' ? r.units[b.i].text : injectionSegments(r.text)[b.i - 1]; console.log(`  ${(b.z - offset[r.channel]).toFixed(2)} ${r.source} (${r.text.length} chars) ${JSON.stringify(piece.slice(0, 160))}`); };
    for (const ch of ['user', 'document']) {
      // How much each estimate of the threshold moves when the calibration rows are resampled.
      const z = benignScores(q.model, calibRows, ch);
      const order = (xs) => [...xs].sort((a, b) => b - a)[Math.floor(TARGET_FPR[ch] * xs.length)];
      const rng = seeded(SEED + 3);
      const spread = (f) => {
        const v = Array.from({ length: 200 }, () => f(z.map(() => z[rng.int(z.length)])));
        const mean = v.reduce((a, b) => a + b, 0) / v.length;
        return Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
      };
      const hd = (x) => harrellDavis(x, 1 - TARGET_FPR[ch]);
      const tail = (x) => exponentialTailQuantile(x, 1 - TARGET_FPR[ch], TAIL_BASE);
      console.log(`threshold (${ch}, ${z.length} benign rows; bootstrap sd over 200 resamples): one order statistic ${order(z).toFixed(3)} (sd ${spread(order).toFixed(3)}), Harrell-Davis ${hd(z).toFixed(3)} (sd ${spread(hd).toFixed(3)}), exponential tail ${tail(z).toFixed(3)} (sd ${spread(tail).toFixed(3)}); offset ${offset[ch].toFixed(3)}`);
      console.log(`highest benign (${ch}):`);
      calibRows.filter((r) => r.channel === ch && !r.label).sort((a, b) => best(b).z - best(a).z).slice(0, 12).forEach(show);
      console.log(`missed attacks (${ch}):`);
      calibRows.filter((r) => r.channel === ch && r.label && best(r).z < offset[ch]).slice(0, 12).forEach(show);
    }
  }
  if (args.includes('--test')) {
    const testRows = real.filter((r) => r.split === 'test');
    for (const r of testRows) r.units ??= unitsOf(r);
    printRates('test split (a tenth of every source, read by neither training nor calibration)', rates(q.model, offset, testRows, screen));
  }
  const b64 = Buffer.from(q.q.buffer).toString('base64');
  const counts = new Map();
  for (const r of real) counts.set(`${r.file} ${r.source} ${r.label ? 'attack' : 'benign'} ${r.channel}`, (counts.get(`${r.file} ${r.source} ${r.label ? 'attack' : 'benign'} ${r.channel}`) ?? 0) + 1);
  const file = new URL('../../src/shield/learned/model-weights.ts', import.meta.url);
  const round = (x) => Math.round(x * 1e6) / 1e6;
  writeFileSync(
    file,
    `// Generated by packages/core/scripts/train-shield/train.mjs (seed ${SEED}): do not edit by hand.\n` +
      `// Trained on the rows listed in packages/core/scripts/train-shield/README.md; int8 hashed weights, base64.\n` +
      `export const MODEL_WEIGHTS = {\n  version: 1,\n  hashBits: ${HASH_BITS},\n  hashScale: ${round(q.scale)},\n  bias: ${round(q.model.bias)},\n` +
      `  offset: { user: ${round(offset.user)}, document: ${round(offset.document)} },\n` +
      `  denseNames: ${JSON.stringify(names)} as string[],\n  dense: ${JSON.stringify([...q.model.dense].map(round))} as number[],\n` +
      `  hashed:\n    '${b64}',\n};\n`,
  );
  const screenFile = new URL('../../src/shield/learned/screen-weights.ts', import.meta.url);
  const screenB64 = Buffer.from(screen.q.buffer).toString('base64');
  writeFileSync(
    screenFile,
    `// Generated by packages/core/scripts/train-shield/train.mjs (seed ${SEED}): do not edit by hand.\n` +
      `// The shield's screen (learned/screen.ts): int8 hashed weights, base64; thresholds pass ${SCREEN_MARGIN} logit below the full model's.\n` +
      `export const SCREEN_WEIGHTS = {\n  version: 1,\n  bits: ${SCREEN_BITS},\n  scale: ${screen.scale},\n  bias: ${screen.bias},\n` +
      `  threshold: { user: ${screen.threshold.user}, document: ${screen.threshold.document} },\n  hashed:\n    '${screenB64}',\n};\n`,
  );
  console.log(`wrote the screen (${(screenB64.length / 1024).toFixed(0)} KiB); thresholds user ${screen.threshold.user.toFixed(3)}, document ${screen.threshold.document.toFixed(3)}`);
  console.log(`\nwrote ${file.pathname.split('/packages/')[1]} (${(b64.length / 1024).toFixed(0)} KiB); offsets user ${offset.user.toFixed(3)}, document ${offset.document.toFixed(3)}`);
  console.log('dense weights:', names.map((n, i) => `${n}=${q.model.dense[i].toFixed(2)}`).join(' '));
  if (args.includes('--eval')) {
    // One command from data to figures: build core with the new weights, then the benchmark.
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    const run = (cmd, argv) => {
      const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit' });
      if (r.status !== 0) process.exit(r.status ?? 1);
    };
    run('pnpm', ['--filter', '@distill-guard/core', 'build']);
    run(process.execPath, ['bench/shield-eval.mjs']);
    run(process.execPath, ['bench/shield-attacks.mjs']);
    run(process.execPath, ['bench/shield-documents.mjs']);
    run(process.execPath, ['bench/shield-unseen.mjs']);
    run(process.execPath, ['bench/shield-unseen2.mjs']);
    run(process.execPath, ['bench/shield-unseen3.mjs']);
    run(process.execPath, ['bench/shield-unseen4.mjs']);
  }
}
