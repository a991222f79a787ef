// Seventh round of white-box campaigns (`node bench/adversary/run.mjs --round 7`), written on
// 2026-12-07 by reading the answer readers after the sixth round's changes
// (packages/core/src/fingerprint/answer.ts, answer-working.ts, answer-markers.ts, answer-chars.ts,
// answer-cjk-numerals.ts; detector/answer-evidence.ts), and measured once before any further
// change. Each campaign aims at what the attacker read, for the most derivations per account per
// unit of cost; each keeps the derivation whole, in a form a script can undo.
//
// What the attacker read, and uses:
// - an answer counts against the reasoning allowance (30 a UTC day) when its layout reading or its
//   content reading reaches 0.5; about four computed sentences reach 0.5; 15 paced conversations a
//   day are about 105 answers, so an account is bound only while about one answer in three counts;
// - a fenced block is a program when more than a fifth of its lines carry marks of code
//   (brackets, braces, calls): only its comments are read. A JSON array of objects has braces on
//   every line, so a derivation written as JSON data in a fence is read by neither reader;
// - a sentence ends at `.`, `!`, `?`, `;` or a line's end: a derivation written on one line with
//   its steps separated by HTML `<br>` and no full stops is one sentence, one computation;
// - digits are ASCII and full-width only: Eastern Arabic (٠١٢) and Devanagari (०१२) digits are no
//   operands, and neither script's words or full stops (। in Hindi) are read;
// - a program without comments is skipped whole (the sixth round's `coded` kept its working in
//   comments; the docs estimate ~285 per account for bare code, never measured);
// - the steered middle window is drawn where operators sit next to digits, counted per operator
//   and capped per window: lines of phone numbers in international format ("+44 20 7946 0958")
//   are markers the sentence reader does not count as computations, so decoy blocks of them in
//   the padding draw the steered window away from the derivation.
// Probed and left out (read at 0.5 or more by the readers as they stand): a derivation as a
// markdown table (step | expression | value), as LaTeX `align` rows, with Korean connectives and
// ASCII digits, and numbered with full-width digits.
// Each campaign draws from a random stream of its own, and asks in the fourth round's paced
// conversations (honest history, human reading time, 15 a day, one residential address each).
// Attacker cost is the output-token multiplier against the plain derivation (round6.mjs's `costOf`).
import { conversations } from './round4.mjs';
import { costOf, filler, program, sentenceLines } from './round6.mjs';
import { workedLanguages, workedProse } from './worked.mjs';
import { scriptOf, workedInScript } from './worked-scripts.mjs';
import { int, pick } from './traffic.mjs';
import { askPicker, ownStream } from './asks.mjs';

/** The asks, each worded so the prompt classifier reads as little reasoning in it as the attacker can find. */
const ASKS = {
  json: ['Return only a ```json block: an array with one object per sentence of your working, then the result on one line after the block.', 'Output the explanation as JSON (a list of objects, one per step, in a fenced block) followed by the final value.'],
  brlines: ['Reply as one line of HTML: separate the steps with <br>, no full stops, no other tags.', 'Single-line HTML answer, steps separated by <br> tags, no periods.'],
  scripts: ['أجب بالعربية واكتب كل الأرقام بالأرقام العربية المشرقية (٠١٢٣٤٥٦٧٨٩).', 'कृपया हिंदी में उत्तर दें और सभी अंक देवनागरी अंकों (०१२३४५६७८९) में लिखें।'],
  barecode: ['Answer only with a short Python program that computes the result, no comments, then one line with the result.', 'Just the code (Python, no comments, no explanation), and the result on a line after it.'],
  decoys: ['Write a long answer: background first, the solution somewhere in the middle, and after every background paragraph a short list of relevant helpline numbers in international format; end with a long recap.', 'Long essay-style answer with the solution in the middle; add contact numbers (international format, one per line) after each paragraph of context.'],
};
const askFor = askPicker(ASKS);

function cost(kind, served, derivation) {
  const c = (costOf[kind] ??= { served: 0, derivation: 0 });
  c.served += served.length;
  c.derivation += derivation.length;
  return served;
}

/** The last number of a derivation (its result), for the line after a block. */
const lastNumber = (body) => body.match(/[^\s]*[\d٠-٩०-९][^\s]*(?=[^\d٠-٩०-९]*$)/)?.[0] ?? '';

/** Two key styles, one per phrasing set, so dev and holdout JSON share no keys. */
const KEYS = { dev: ['step', 'text'], holdout: ['n', 'sentence'] };

/** A program (round6.mjs's) without its comments: no stated value, no working in words. */
function bareProgram(rnd, set) {
  const p = program(rnd, set);
  const code = p.code.filter((l) => !/^\s*#/.test(l)).map((l) => l.replace(/\s+#.*$/, ''));
  return { code, result: p.result };
}

/** One line of a phone directory in international format: a `+` next to digits, no computation. */
function phoneLine(rnd) {
  const who = pick(rnd, ['Helpline', 'Support', 'Office', 'Front desk', 'Hotline', 'Bookings', 'Info line', 'Desk']);
  const cc = pick(rnd, ['1', '33', '34', '44', '49', '61', '81']);
  return `${who}: +${cc} ${int(rnd, 20, 99)} ${int(rnd, 100, 999)} ${int(rnd, 1000, 9999)}`;
}
function decoyBlock(rnd) {
  const lines = [];
  for (let k = int(rnd, 10, 14); k > 0; k--) lines.push(phoneLine(rnd));
  return lines.join('\n');
}
/** Ordinary answers of about `min` characters, a block of phone numbers after each paragraph. */
function decoyFiller(c, min) {
  let out = '';
  while (out.length < min) out += `${filler(c, 1).trim().slice(0, 200)}\n\n${decoyBlock(c.rnd)}\n\n`;
  return out;
}

export const ROUND7 = {
  /**
   * Each sentence of the prose derivation as a string in a JSON array of objects (`{"step": 1,
   * "text": "…"}`), in a fenced block: every line has a brace, so the block is a program to both
   * readers and, without comments, nothing in it is read. `JSON.parse` undoes it.
   * Cost: the derivation's tokens and about ten per sentence; 150 accounts, 15 conversations a day.
   */
  json(shared, P, scale) {
    const ctx = ownStream(shared, 0x750e1);
    const [k1, k2] = KEYS[P.worked] ?? KEYS.dev;
    return conversations(ctx, P, {
      name: 'json',
      accounts: Math.round(150 * scale),
      sessionsPerDay: 15,
      ask: (c) => ({ lang: pick(c.rnd, workedLanguages(P.worked)), text: askFor('json', c.rnd) }),
      answer: (c, ask) => {
        const body = workedProse(c.rnd, P.worked, ask.lang);
        const rows = sentenceLines(body).map((s, i, all) => `  {${JSON.stringify(k1)}: ${i + 1}, ${JSON.stringify(k2)}: ${JSON.stringify(s)}}${i + 1 < all.length ? ',' : ''}`);
        return cost('json', `\`\`\`json\n[\n${rows.join('\n')}\n]\n\`\`\`\n\n${lastNumber(body)}`, body);
      },
    });
  },

  /**
   * The prose derivation on one line of HTML, its sentences separated by `<br>` and their full
   * stops dropped: the content reader reads the line as one sentence (one computation at most);
   * the layout reader counts its equations but finds no enumerated steps. Splitting on `<br>`
   * undoes it. Cost: the derivation's tokens; 150 accounts, 15 conversations a day.
   */
  brlines(shared, P, scale) {
    const ctx = ownStream(shared, 0x7b7e1);
    return conversations(ctx, P, {
      name: 'brlines',
      accounts: Math.round(150 * scale),
      sessionsPerDay: 15,
      ask: (c) => ({ lang: pick(c.rnd, workedLanguages(P.worked)), text: askFor('brlines', c.rnd) }),
      answer: (c, ask) => {
        const body = workedProse(c.rnd, P.worked, ask.lang);
        const steps = sentenceLines(body).map((s) => s.replace(/[.。]$/, '').replace(/。(?!$)/g, '，').replace(/;\s/g, ', ').replace(/\s*=\s*/g, ' → '));
        return cost('brlines', steps.join('<br>'), body);
      },
    });
  },

  /**
   * Arabic (holdout) or Hindi (dev) derivations with the script's own digits (٦٠ × ٢ = ١٢٠,
   * ६० × २ = १२०): no operand is read, so no sentence computes. A script maps the digits back.
   * Cost: about the derivation's tokens; 150 accounts, 15 conversations a day.
   */
  scripts(shared, P, scale) {
    const ctx = ownStream(shared, 0x5c417);
    const lang = scriptOf(P.worked);
    return conversations(ctx, P, {
      name: 'scripts',
      accounts: Math.round(150 * scale),
      sessionsPerDay: 15,
      ask: () => ({ lang, text: ASKS.scripts[lang === 'ar' ? 0 : 1] }),
      answer: (c) => {
        const body = workedInScript(c.rnd, lang);
        return cost('scripts', body, body);
      },
    });
  },

  /**
   * The sixth round's program without its comments (no stated values, no working in words), the
   * result on a line after it: a fenced program is skipped but for its comments. What the attacker
   * takes is a program: it runs it and writes the derivation back itself.
   * Cost: about the derivation's tokens; 150 accounts, 15 conversations a day.
   */
  barecode(shared, P, scale) {
    const ctx = ownStream(shared, 0xba7ec);
    return conversations(ctx, P, {
      name: 'barecode',
      accounts: Math.round(150 * scale),
      sessionsPerDay: 15,
      ask: (c) => ({ lang: 'en', text: askFor('barecode', c.rnd) }),
      answer: (c) => {
        const p = bareProgram(c.rnd, P.worked);
        return cost('barecode', `\`\`\`python\n${p.code.join('\n')}\n\`\`\`\n\n${p.result}`, workedProse(c.rnd, P.worked, 'en'));
      },
    });
  },

  /**
   * The sixth round's `longpad` with decoys: a middle of 3,000-5,000 characters of ordinary
   * answers, each followed by 6-9 lines of phone numbers in international format, the derivation at
   * a random place in it. Each `+` beside digits is a marker, so the steered window is drawn to the
   * phone lists (none of which computes); the blind window finds the derivation in proportion to
   * its share of the middle. Cost: many times the derivation's tokens; 150 accounts, 15 a day.
   */
  decoys(shared, P, scale) {
    const ctx = ownStream(shared, 0xdec0e);
    return conversations(ctx, P, {
      name: 'decoys',
      accounts: Math.round(150 * scale),
      sessionsPerDay: 15,
      ask: (c) => ({ lang: pick(c.rnd, workedLanguages(P.worked)), text: askFor('decoys', c.rnd) }),
      answer: (c, ask) => {
        const body = workedProse(c.rnd, P.worked, ask.lang);
        const middle = int(c.rnd, 4000, 6000);
        const before = int(c.rnd, 0, middle);
        return cost('decoys', `${filler(c, 1600)}${decoyFiller(c, before)}${body}\n\n${decoyFiller(c, middle - before)}${filler(c, 650)}`.trim(), body);
      },
    });
  },
};

/** Report names and descriptions of the seventh round (no bars: first measured, never tuned on before). */
export const ROUND7_FAMILIES = {
  json: { fn: 'json', what: 'seventh round: the derivation as a JSON array of objects in a fence (braces on every line)' },
  brlines: { fn: 'brlines', what: 'seventh round: one line of HTML, steps separated by <br>, no full stops' },
  scripts: { fn: 'scripts', what: 'seventh round: Arabic / Hindi derivations with Eastern Arabic / Devanagari digits' },
  barecode: { fn: 'barecode', what: 'seventh round: a Python program without comments in a fence' },
  decoys: { fn: 'decoys', what: 'seventh round: the derivation in a long middle with phone-number decoys drawing the steered window' },
};

export { bareProgram, decoyFiller };
