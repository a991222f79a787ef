import { BoundedMap, sha256Base64 } from '../cache/index.js';
import { lastUserText, messageText, systemText, type GuardHeaders, type MessageDigests, type MessagesBody } from '../request/index.js';
import { continuedAnswer } from './answer-digest.js';
import { clientFingerprint, type ClientFingerprint } from './client.js';
import { contentHashes, skeletonOf, type ContentHashes } from './content.js';
import { hash32 } from './hash.js';
import { instructionStyle, type InstructionStyle } from './instruction.js';
import { networkGroups, type NetworkGroups } from './network.js';
import { reasoningElicitation } from './reasoning.js';
import { SeenOnce } from './seen-once.js';
import { scanText, scanTextLent } from './text.js';

/**
 * Everything the fingerprints say about the prompt of one request. Holds no text (its skeleton's
 * text is {@link promptSkeleton}), so the prompt cache's bound is in bytes as well as in prompts.
 */
export interface PromptFingerprint extends ContentHashes {
  /** Probability that the prompt (or the system prompt) elicits reasoning traces or rubric grading. */
  reasoning: number;
  reasoningCues: string[];
  style: InstructionStyle;
}

/** What is kept of a conversation's opening prompt: its frame, which a follow-up links accounts by. */
export type OpenerFingerprint = Pick<PromptFingerprint, 'templated' | 'words' | 'prefix' | 'suffix' | 'frameMarked' | 'template'>;

/** The fingerprints of one request. */
export interface RequestFingerprint {
  client: ClientFingerprint;
  network: NetworkGroups;
  prompt: PromptFingerprint;
  /** Hash of the system prompt, 0 when there is none. */
  system: number;
  /** Reasoning elicitation of the request: the stronger of the prompt's and the system prompt's. */
  reasoning: number;
  /** Number of messages (history depth including this turn). */
  turns: number;
  /** For a conversation of several turns, the frame of its opening prompt (the task it continues). */
  opener?: OpenerFingerprint;
  /** Digest of the assistant turn the request continues (`continuedAnswer`), 0 when none or not checkable. */
  continued: number;
  maxTokens: number;
  model: string;
}

/**
 * Prompt fingerprints are pure functions of the text, and real traffic repeats texts (retries,
 * shared follow-ups, a harvester's corpus), so a small two-generation cache skips the rescans.
 * Nothing in it refers to a prompt's text: it is keyed by a digest of the text, never the text
 * itself, and a fingerprint holds hashes, numbers and short cue names only (the skeleton's text,
 * which would need the prompt, is {@link promptSkeleton}). 32,768 prompts of 16 KB each would
 * otherwise hold 512 MB, and a client chooses its prompts; an entry is a few hundred bytes whatever
 * the prompt's length. SHA-256 cannot be made to collide, so no prompt can be given another one's
 * fingerprint.
 */
class PromptCache {
  private young = new Map<PromptKey, PromptFingerprint>();
  private old = new Map<PromptKey, PromptFingerprint>();
  constructor(private readonly size: number) {}

  get(key: PromptKey): PromptFingerprint | undefined {
    const hit = this.young.get(key);
    if (hit) return hit;
    const older = this.old.get(key);
    if (older) this.put(key, older);
    return older;
  }

  put(key: PromptKey, value: PromptFingerprint): void {
    if (this.young.size >= this.size) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}

/**
 * A prompt's key in the caches: its SHA-256 (a string), or, for a message of a request the guard
 * digested, the message's {@link MessageDigests} key (a number, never equal to a string). The
 * digest is the guard's one reading of the request's texts, shared with the token estimates'
 * memory; a chance collision of two prompts (about one in 2^53 per pair, seeds per process) only
 * hands one of them the other's fingerprint.
 */
type PromptKey = string | number;

/**
 * A cache key for a text: its SHA-256 in base64, whole. A 22-character slice of it (what the key
 * was) is a second string that keeps the first alive in V8, so it cost memory and an allocation.
 */
function textKey(text: string): string {
  return sha256Base64(text);
}

const promptCache = new PromptCache(16384);
const systemCache = new Map<string, { hash: number; reasoning: number }>();

/**
 * Fingerprints a prompt: content hashes, template hash, reasoning elicitation, instruction style.
 *
 * @example
 * ```ts
 * const p = promptFingerprint('### Task\nName three rivers.\n### Answer');
 * p.template === promptFingerprint('### Task\nWrite a haiku.\n### Answer').template; // true
 * ```
 */
export function promptFingerprint(text: string): PromptFingerprint {
  return keyedPromptFingerprint(text, textKey(text));
}

/** The fingerprint of `text` under `key`, from the cache or made and cached. */
function keyedPromptFingerprint(text: string, key: PromptKey): PromptFingerprint {
  const hit = promptCache.get(key);
  if (hit) return hit;
  const fp = makePromptFingerprint(text);
  promptCache.put(key, fp);
  return fp;
}

/** The fingerprint of `text`, made (the caches' work, without them). */
function makePromptFingerprint(text: string): PromptFingerprint {
  const scan = scanTextLent(text);
  const r = reasoningElicitation(text, scan);
  const h = contentHashes(scan);
  // Written out rather than spread (`{ ...h, … }`): V8 copies a spread's source property by
  // property and adds the rest one by one, which cost more than the hashes' own work. Same fields,
  // same order.
  const fp: PromptFingerprint = {
    exact: h.exact,
    simhash: h.simhash,
    template: h.template,
    templated: h.templated,
    prefix: h.prefix,
    suffix: h.suffix,
    words: h.words,
    frameMarked: h.frameMarked,
    reasoning: r.probability,
    reasoningCues: r.cues,
    style: instructionStyle(scan),
  };
  return fp;
}

/**
 * The newest turns the prompt cache has seen once and not kept. A chat's every follow-up is new,
 * and a follow-up is not asked for again unless it repeats (a retry, a corpus sent twice, one
 * text from many accounts): cached at first sight, each took an entry of about 1 KB that the
 * garbage collector promoted and marked until the cache's generations let it go, and pushed
 * texts that do repeat out of the cache. So a follow-up is cached from its second sighting on;
 * a first message always is (it comes back as every follow-up's opener). 256 KB.
 */
const seenTurns = new SeenOnce(1 << 16);

/**
 * The template skeleton of a prompt: its frame with the variable part replaced by `…`, for
 * explanations (the prompt fingerprint keeps its hash, `template`).
 *
 * @example
 * ```ts
 * promptSkeleton('### Task\nName three rivers.\n### Answer'); // '# task ⏎ … ⏎ # answer'
 * ```
 */
export function promptSkeleton(text: string): string {
  return skeletonOf(scanText(text)).skeleton;
}

/**
 * Fingerprints one request: client, network, prompt and conversation shape.
 *
 * @example
 * ```ts
 * const f = fingerprintRequest({ ip: '203.0.113.9', headers: { 'user-agent': 'curl/8.5.0' }, body });
 * f.client.kind; // 'scripted'
 * ```
 */
export function fingerprintRequest(input: { ip: string; headers: GuardHeaders; body: MessagesBody; digests?: MessageDigests | undefined }): RequestFingerprint {
  const { body, digests } = input;
  const prompt = newestPromptFingerprint(body, digests);
  let system = 0;
  let reasoning = prompt.reasoning;
  if (body.system) {
    const text = systemText(body);
    const key = textKey(text);
    let s = systemCache.get(key);
    if (!s) {
      s = { hash: hash32(text.trim().toLowerCase(), 3) || 1, reasoning: reasoningElicitation(text).probability };
      if (systemCache.size > 1000) systemCache.clear();
      systemCache.set(key, s);
    }
    system = s.hash;
    if (s.reasoning > reasoning) reasoning = s.reasoning;
  }
  const client = clientFingerprint(input.headers);
  const network = networkGroups(input.ip);
  const turns = body.messages.length;
  // Two literals rather than a conditional spread of `opener` (see makePromptFingerprint); the
  // same fields in the same order.
  if (turns > 1) {
    const opener = openerOf(body, digests);
    return { client, network, prompt, reasoning, opener, system, turns, continued: continuedAnswer(body), maxTokens: body.max_tokens, model: body.model };
  }
  return { client, network, prompt, reasoning, system, turns, continued: 0, maxTokens: body.max_tokens, model: body.model };
}


/**
 * Every follow-up of a conversation resends its opening prompt. Its frame is remembered apart
 * from the prompt cache, in a small record per conversation: the prompt cache churns with every
 * new turn of every conversation (16,384 prompts a generation), so with more than about 8,000
 * conversations in flight an opener fell out of it between two turns and was fingerprinted
 * again on each. Keyed by the opener's digest like the prompt cache (no opener can be given
 * another one's frame); filled by follow-ups only, so one-turn traffic never fills it. At most
 * 32,768 openers (a record of six small fields and its key), oldest out first: more
 * conversations than the token memory keeps.
 */
const openers = new BoundedMap<OpenerFingerprint, PromptKey>(32_768, () => 1);

function openerOf(body: MessagesBody, digests: MessageDigests | undefined): OpenerFingerprint | undefined {
  const first = body.messages[0];
  if (!first || first.role !== 'user') return undefined;
  const text = messageText(first);
  const key = digests !== undefined && digests.has(0) ? digests.key(0) : textKey(text);
  let opener = openers.get(key);
  if (opener === undefined) {
    const p = keyedPromptFingerprint(text, key);
    opener = { templated: p.templated, words: p.words, prefix: p.prefix, suffix: p.suffix, frameMarked: p.frameMarked, template: p.template };
    openers.set(key, opener);
  }
  return opener;
}

/**
 * The fingerprint of the request's newest user turn (the prompt it asks), keyed by its digest when
 * the guard digested the request's messages and the turn is a plain string.
 */
function newestPromptFingerprint(body: MessagesBody, digests: MessageDigests | undefined): PromptFingerprint {
  const messages = body.messages;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'user') continue;
    if (digests !== undefined && typeof m.content === 'string' && digests.has(i)) {
      const key = digests.key(i);
      // A follow-up turn at its first sighting is made without a look in the cache: it is only
      // cached from its second (see seenTurns), so the look (two map probes of a large cache) would
      // almost always miss. The fingerprint is a function of the text alone, so it is the same.
      if (i === 0 || seenTurns.seen(key)) return keyedPromptFingerprint(m.content, key);
      return makePromptFingerprint(m.content);
    }
    break;
  }
  return promptFingerprint(lastUserText(body));
}
