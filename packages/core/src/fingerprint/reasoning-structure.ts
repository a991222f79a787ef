import { firstChars, isCjk, isNumeral, mayStart } from './cjk.js';
import { lexKey } from './lexicon.js';
import { Cue } from './reasoning-cues.js';
import { ANSWER_KEYS, CJK_ANSWER_KEYS, CJK_REASON_KEYS, CJK_STEP_PREFIXES, FORMAT_WORDS, REASON_KEYS, REASON_TAGS, STEP_LABELS } from './reasoning-words.js';
import { Tok, TokFlag, type ScannedText } from './text.js';

/**
 * Structured reasoning asks: the shapes a harvester uses to get reasoning back in a parseable
 * form, whatever the language of the surrounding words. A JSON or YAML template whose keys hold
 * reasoning (`{"reasoning": "...", "answer": ...}`, `rationale:`), a fill-in scaffold of numbered
 * steps closed by an answer slot (`Step 1: …\nStep 2: …\nFinal answer:`), and reasoning tags
 * (`<thinking>`, `<scratchpad>`). Read from the scanner's tokens: one pass, no regex.
 */

/** Most words after a step label for the line to still be a slot to fill ("Step 1: …", "1. Restate the problem"). */
const SLOT_WORDS = 5;
/** The same for Chinese/Japanese labels, in characters ("第一步：理解题意"). */
const SLOT_CJK_CHARS = 16;
const CJK_TAGS = ['思考', '推理', '思维', '思考过程', '推論', '思考過程'];
const LABEL_START = firstChars(CJK_REASON_KEYS, CJK_ANSWER_KEYS, CJK_STEP_PREFIXES, CJK_TAGS);

/** Sets the structure cues of one scanned text in `fired`. */
export function structureCues(scan: ScannedText, fired: Uint8Array): void {
  const { kind, flags, hash, start, end, text, lineStart } = scan;
  let reasonSlot = false;
  let answerSlot = false;
  let quotedReason = false;
  let quotedAnswer = false;
  let format = false;

  for (let t = 0; t < scan.count; t++) {
    const k = kind[t]!;
    if (k === Tok.Markup) {
      if (REASON_TAGS.has(lexKey(hash[t]!))) fired[Cue.ThinkingTags] = 1;
    } else if (k === Tok.Word) {
      const h = lexKey(hash[t]!);
      if (flags[t]! & TokFlag.Quoted) {
        if (REASON_KEYS.has(h)) quotedReason = true;
        else if (ANSWER_KEYS.has(h)) quotedAnswer = true;
      }
      if (FORMAT_WORDS.has(h)) format = true;
      // `<思考>`: the scanner only reads ASCII tag names, so a CJK tag arrives as a word between brackets.
      const s = start[t]!;
      if (s > 0 && text.charCodeAt(s - 1) === 60 && text.charCodeAt(end[t]!) === 62 && isCjk(text.charCodeAt(s)) && equalsAny(text, s, end[t]!, CJK_TAGS)) fired[Cue.ThinkingTags] = 1;
    } else if (k === Tok.Colon && t > 0 && kind[t - 1] === Tok.Word && flags[t - 1]! & TokFlag.Quoted) {
      // A JSON key: `"reasoning": …`, `"final_answer": …`, `"thought_process": …`, `"推理": …`.
      const role = keyRole(scan, t - 1);
      if (role === 1) reasonSlot = true;
      else if (role === 2) answerSlot = true;
    }
  }

  // Labels (`Rationale:`, `Final answer:`, `思考过程：`) and numbered step slots, read where a line
  // or a sentence starts: text put before a label on its line cannot hide it.
  let stepSlots = 0;
  let answerAfterSteps = false;
  let line = 0;
  let lineEnd = 0;
  let segment = true;
  for (let t = 0; t < scan.count; t++) {
    if (line < lineStart.length && lineStart[line] === t) {
      line++;
      lineEnd = line < lineStart.length ? lineStart[line]! : scan.count;
      segment = true;
    } else if (t > 0 && (kind[t - 1] === Tok.Question || sentenceEnd(text, end[t - 1]!, start[t]!))) segment = true;
    const k = kind[t]!;
    if (k === Tok.Hash || k === Tok.Markup || k === Tok.Separator) continue;
    if (!segment) continue;
    segment = false;
    const f = t;
    let role = 0;
    let slot = false;
    if (kind[f] === Tok.Number) {
      slot = wordsFrom(scan, f + 1, lineEnd) <= SLOT_WORDS;
    } else if (kind[f] === Tok.Word && isCjk(text.charCodeAt(start[f]!))) {
      const s = start[f]!;
      if (!mayStart(LABEL_START, text.charCodeAt(s))) continue;
      if (cjkStepLabel(text, s)) slot = textLength(scan, f, lineEnd) <= SLOT_CJK_CHARS + 4;
      else role = cjkKeyRole(text, s);
    } else if (kind[f] === Tok.Word) {
      if (STEP_LABELS.has(lexKey(hash[f]!)) && kind[f + 1] === Tok.Number) slot = wordsFrom(scan, f + 2, lineEnd) <= SLOT_WORDS;
      else if (kind[f + 1] === Tok.Colon) role = keyRole(scan, f);
      else if (kind[f + 1] === Tok.Word && kind[f + 2] === Tok.Colon) role = keyRole(scan, f + 1);
    }
    if (slot) stepSlots++;
    if (role === 1) reasonSlot = true;
    else if (role === 2) {
      answerSlot = true;
      if (stepSlots >= 2) answerAfterSteps = true;
    }
  }

  if (reasonSlot || (quotedReason && format)) fired[Cue.ReasoningSlot] = 1;
  if ((reasonSlot && answerSlot) || (quotedReason && quotedAnswer && format)) fired[Cue.FinalAnswer] = 1;
  if (answerAfterSteps) {
    fired[Cue.StepScaffold] = 1;
    fired[Cue.FinalAnswer] = 1;
  }
}

/** 1 if the key ending at word `t` holds reasoning, 2 if it holds the answer, else 0. Two-word keys (`final answer`, `thought_process`) count by either word. */
function keyRole(scan: ScannedText, t: number): number {
  const { hash, kind, start, end, text } = scan;
  if (isCjk(text.charCodeAt(start[t]!))) return equalsAny(text, start[t]!, end[t]!, CJK_REASON_KEYS) ? 1 : equalsAny(text, start[t]!, end[t]!, CJK_ANSWER_KEYS) ? 2 : 0;
  const h = lexKey(hash[t]!);
  if (REASON_KEYS.has(h)) return 1;
  const joined = t > 0 && kind[t - 1] === Tok.Word && start[t]! - end[t - 1]! <= 1;
  if (joined && REASON_KEYS.has(lexKey(hash[t - 1]!))) return 1;
  if (ANSWER_KEYS.has(h)) return 2;
  return 0;
}

/** A Chinese/Japanese label at `s` followed by a colon (`推理：`, `答え:`). */
function cjkKeyRole(text: string, s: number): number {
  for (const key of CJK_REASON_KEYS) if (text.startsWith(key, s) && isColon(text.charCodeAt(s + key.length))) return 1;
  for (const key of CJK_ANSWER_KEYS) if (text.startsWith(key, s) && isColon(text.charCodeAt(s + key.length))) return 2;
  return 0;
}

/** `第1步`, `第一步`, `步骤2`, `ステップ3`, `手順4`. */
function cjkStepLabel(text: string, s: number): boolean {
  for (const p of CJK_STEP_PREFIXES) {
    if (!text.startsWith(p, s)) continue;
    return isNumeral(text.charCodeAt(s + p.length));
  }
  return false;
}

/** Sentence-closing punctuation between two tokens (`.`, `!`, `。`). A colon is a token of its own. */
function sentenceEnd(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 0x3002 || c === 0xff01) return true;
  }
  return false;
}

function isColon(c: number): boolean {
  return c === 58 || c === 0xff1a;
}

function equalsAny(text: string, s: number, e: number, list: readonly string[]): boolean {
  for (const w of list) if (w.length === e - s && text.startsWith(w, s)) return true;
  return false;
}

function wordsFrom(scan: ScannedText, from: number, to: number): number {
  let n = 0;
  for (let t = from; t < to; t++) if (scan.kind[t] === Tok.Word) n++;
  return n;
}

function textLength(scan: ScannedText, from: number, to: number): number {
  return to > from ? scan.end[to - 1]! - scan.start[from]! : 0;
}
