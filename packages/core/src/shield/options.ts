import { OptionsError } from '../errors/index.js';
import {
  expectArray,
  expectBoolean,
  expectFunction,
  expectNumber,
  expectObject,
  expectOneOf,
  expectString,
  expectStringArray,
  join,
  optional,
} from '../options/validate.js';
import { createCanary, isCanary } from './canary.js';
import type { InjectionClassifier } from './classifiers.js';
import type { Channel } from './learned/index.js';
import { DEFAULT_MAX_CONVERSATION_CHARS, DEFAULT_MAX_SCAN_CHARS, DEFAULT_THRESHOLD, DEFAULT_UNCERTAIN_BAND } from './scan.js';

/** Content block types a Messages request may carry. */
export const BLOCK_TYPES = ['text', 'image', 'document', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking'] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];

/** What to do with a client-supplied `system`. */
export type SystemPolicy = 'replace' | 'refuse' | 'allow';
/** What the guard does with a request the prompt-attack scan calls an injection. */
export type InjectionPolicy = 'block' | 'flag' | 'off';

/** Rules of {@link validateMessagesBody}. */
export interface RequestRulesOptions {
  /** Model ids clients may ask for. Default: any model. */
  models?: readonly string[];
  /** Cap on `max_tokens`. Default 4096; `null` for no cap (the guard then warns `DG_NO_MAX_TOKENS_CAP`). */
  maxTokens?: number | null;
  /** `'clamp'` lowers a larger `max_tokens` to the cap (default); `'refuse'` answers 400. */
  onMaxTokens?: 'clamp' | 'refuse';
  /** Characters of input (all text of system, messages and tool definitions). Default 200,000. */
  maxInputChars?: number;
  /** Estimated input tokens (text at ~3.5 characters a token, images ~1,600). Default 50,000. */
  maxInputTokens?: number;
  /** Messages in one request. Default 500. */
  maxMessages?: number;
  /**
   * `'lenient'` (default) accepts consecutive messages of the same role, which the Messages API
   * combines into one turn; `'strict'` refuses them. The first message must be a user message either way.
   */
  alternation?: 'strict' | 'lenient';
  /** Content blocks in one message. Default 100. */
  maxBlocks?: number;
  /** Bytes of one base64 image or document (decoded size). Default 5 MB. */
  maxAttachmentBytes?: number;
  /**
   * A client-supplied `system`: `'replace'` it with {@link systemPrompt} (default: clients cannot
   * reprogram your assistant), `'refuse'` the request, or `'allow'` it through.
   */
  system?: SystemPolicy;
  /** The server's system prompt, used by `system: 'replace'` (and absent `system` too). */
  systemPrompt?: string;
  /** Tool names clients may define or call; `'any'` allows all. Default `[]`: no tools. */
  tools?: readonly string[] | 'any';
  /** Content block types accepted. Default every type of {@link BLOCK_TYPES}. */
  blockTypes?: readonly BlockType[];
}

/** Prompt-attack detection. */
export interface InjectionOptions {
  /**
   * `'flag'` (default) serves the request and records the scan (decision signals, audit log,
   * metrics, the detector's prompt-attack signal); `'block'` refuses it (400); `'off'` skips the
   * scan. Flag is the default because about 1-2% of real users' prompts look like attacks (pasted
   * role-play and "ignore previous instructions, act as…" prompts); output protection, which
   * cuts actual leaks, is on by default either way.
   */
  policy?: InjectionPolicy;
  /** Score at or above which a request is an injection. Default 0.5. */
  threshold?: number;
  /** Characters scanned per text (longer texts are sampled). Default 16,384. */
  maxScanChars?: number;
  /** Characters scanned per request, newest messages first. Default 65,536. */
  maxConversationChars?: number;
  /**
   * Per channel: `user` (what the user typed) and `document` (tool results, document blocks,
   * search results, text in `contextTags`), each with its own threshold and policy. A channel
   * not listed follows `threshold` and `policy`; `policy: 'off'` does not scan it.
   */
  channels?: Partial<Record<Channel, { threshold?: number; policy?: InjectionPolicy }>>;
  /** XML tags (`['context']`) in which the app wraps retrieved text inside user messages: scanned as documents too. */
  contextTags?: readonly string[];
  /**
   * Classifiers you supply (an ONNX model, a hosted guard API), asked only for texts whose own
   * score is uncertain, each within its time budget; see docs/shield.md. Used by `shield.scanAsync`.
   */
  classifiers?: readonly InjectionClassifier[];
  /** The band of the shield's own scores in which classifiers are asked. Default `[0.1, 0.9]`. */
  uncertain?: readonly [number, number];
  /**
   * `true` runs a cheap first pass (the screen) that clears texts which plainly are not attacks, so
   * only the rest are scored in full: on chat traffic over nine texts in ten, and the shield costs
   * a half to a quarter as much. The price is recall on attack styles the training data lack
   * (about a sixth of what the full scorer catches of an unseen style), and a linear model an
   * attacker who reads it can write around. Default `false` (every text scored in full); see
   * docs/shield.md, "The screen". Thresholds below 0.27 always score in full.
   */
  screen?: boolean;
}

/** Output protection: canary, system-prompt leaks, secret and PII redaction. */
export interface OutputOptions {
  /** `true` (default) makes a random canary for this deployment; a string uses that canary; `false` none. */
  canary?: boolean | string;
  /** Verbatim characters of the system prompt (whitespace normalised) that count as a leak. Default 80. */
  minLeakChars?: number;
  /** Redact API keys, private keys and tokens in replies. Default true. */
  secrets?: boolean;
  /** Redact personal data in replies. Default off; `true` turns on all three. */
  pii?: boolean | { emails?: boolean; phones?: boolean; cards?: boolean };
}

/**
 * Options of the shield (`createGuard({ shield })`, `claudeRoute`). Every key is optional.
 *
 * @example
 * ```ts
 * const shield: ShieldOptions = {
 *   request: { models: ['claude-haiku-5-5'], maxTokens: 2048, systemPrompt: 'You are Acme support.' },
 *   injection: { policy: 'flag', threshold: 0.6 },
 *   output: { pii: { emails: true } },
 * };
 * ```
 */
export interface ShieldOptions {
  /** Request validation rules. */
  request?: RequestRulesOptions;
  /** Prompt-attack detection, or just its policy. */
  injection?: InjectionOptions | InjectionPolicy;
  /** Output protection; `false` turns it off. */
  output?: OutputOptions | false;
}

/** {@link RequestRulesOptions} with defaults applied. */
export interface RequestRules {
  models?: readonly string[];
  maxTokens: number | null;
  onMaxTokens: 'clamp' | 'refuse';
  maxInputChars: number;
  maxInputTokens: number;
  maxMessages: number;
  alternation: 'strict' | 'lenient';
  maxBlocks: number;
  maxAttachmentBytes: number;
  system: SystemPolicy;
  systemPrompt?: string;
  tools: readonly string[] | 'any';
  blockTypes: readonly BlockType[];
}

/** Resolved output options (`false` when output protection is off). */
export interface ResolvedOutputOptions {
  canary?: string;
  minLeakChars: number;
  secrets: boolean;
  pii: { emails: boolean; phones: boolean; cards: boolean };
}

/** {@link ShieldOptions} with defaults applied, as `parseShieldOptions` returns them. */
export interface ResolvedShieldOptions {
  request: RequestRules;
  injection: {
    policy: InjectionPolicy;
    threshold: number;
    maxScanChars: number;
    maxConversationChars: number;
    channels: Record<Channel, { threshold: number; policy: InjectionPolicy }>;
    contextTags: readonly string[];
    classifiers: readonly InjectionClassifier[];
    uncertain: readonly [number, number];
    screen: boolean;
  };
  output: ResolvedOutputOptions | false;
}

/** The defaults, for docs and tests. */
export const SHIELD_DEFAULTS = {
  maxTokens: 4096,
  maxInputChars: 200_000,
  maxInputTokens: 50_000,
  maxMessages: 500,
  maxBlocks: 100,
  maxAttachmentBytes: 5 * 1024 * 1024,
  minLeakChars: 80,
} as const;

const SHIELD_KEYS = ['request', 'injection', 'output'] as const;
const REQUEST_KEYS = [
  'models', 'maxTokens', 'onMaxTokens', 'maxInputChars', 'maxInputTokens', 'maxMessages', 'alternation', 'maxBlocks',
  'maxAttachmentBytes', 'system', 'systemPrompt', 'tools', 'blockTypes',
] as const;
const INJECTION_KEYS = ['policy', 'threshold', 'maxScanChars', 'maxConversationChars', 'channels', 'contextTags', 'classifiers', 'uncertain', 'screen'] as const;
const CHANNEL_KEYS = ['user', 'document'] as const;
const CHANNEL_OPTION_KEYS = ['threshold', 'policy'] as const;
const CLASSIFIER_KEYS = ['name', 'score', 'timeoutMs', 'onFailure'] as const;
const OUTPUT_KEYS = ['canary', 'minLeakChars', 'secrets', 'pii'] as const;
const PII_KEYS = ['emails', 'phones', 'cards'] as const;
const POLICIES = ['block', 'flag', 'off'] as const;

const count = (path: string, min: number) => (v: unknown) => expectNumber(path, v, { min, integer: true });

function parseRequestRules(input: unknown, path: string): RequestRules {
  const o = expectObject(path, input ?? {}, REQUEST_KEYS);
  const rules: RequestRules = {
    maxTokens:
      o.maxTokens === null ? null : optional(o.maxTokens, SHIELD_DEFAULTS.maxTokens as number, count(join(path, 'maxTokens'), 1)),
    onMaxTokens: optional(o.onMaxTokens, 'clamp' as const, (v) => expectOneOf(join(path, 'onMaxTokens'), v, ['clamp', 'refuse'] as const)),
    maxInputChars: optional(o.maxInputChars, SHIELD_DEFAULTS.maxInputChars as number, count(join(path, 'maxInputChars'), 1)),
    maxInputTokens: optional(o.maxInputTokens, SHIELD_DEFAULTS.maxInputTokens as number, count(join(path, 'maxInputTokens'), 1)),
    maxMessages: optional(o.maxMessages, SHIELD_DEFAULTS.maxMessages as number, count(join(path, 'maxMessages'), 1)),
    alternation: optional(o.alternation, 'lenient' as const, (v) => expectOneOf(join(path, 'alternation'), v, ['strict', 'lenient'] as const)),
    maxBlocks: optional(o.maxBlocks, SHIELD_DEFAULTS.maxBlocks as number, count(join(path, 'maxBlocks'), 1)),
    maxAttachmentBytes: optional(o.maxAttachmentBytes, SHIELD_DEFAULTS.maxAttachmentBytes as number, count(join(path, 'maxAttachmentBytes'), 1)),
    system: optional(o.system, 'replace' as const, (v) => expectOneOf(join(path, 'system'), v, ['replace', 'refuse', 'allow'] as const)),
    tools: optional(o.tools, [] as readonly string[] | 'any', (v) => (v === 'any' ? 'any' : expectStringArray(join(path, 'tools'), v))),
    blockTypes: optional(o.blockTypes, BLOCK_TYPES as readonly BlockType[], (v) =>
      expectArray(join(path, 'blockTypes'), v).map((t, i) => expectOneOf(join(path, `blockTypes.${i}`), t, BLOCK_TYPES)),
    ),
  };
  if (o.models !== undefined) {
    const models = expectStringArray(join(path, 'models'), o.models);
    if (models.length === 0) throw new OptionsError(join(path, 'models'), 'must list at least one model id (omit it to allow any model).');
    rules.models = models;
  }
  if (o.systemPrompt !== undefined) rules.systemPrompt = expectString(join(path, 'systemPrompt'), o.systemPrompt);
  return rules;
}

function parseInjection(input: unknown, path: string): ResolvedShieldOptions['injection'] {
  const o = typeof input === 'string' ? { policy: input } : expectObject(path, input ?? {}, INJECTION_KEYS);
  const policyPath = typeof input === 'string' ? path : join(path, 'policy');
  const policy = optional(o.policy, 'flag' as InjectionPolicy, (v) => expectOneOf(policyPath, v, POLICIES));
  const threshold = optional(o.threshold, DEFAULT_THRESHOLD, (v) => expectNumber(join(path, 'threshold'), v, { min: 0, max: 1 }));
  const channelsIn = expectObject(join(path, 'channels'), o.channels ?? {}, CHANNEL_KEYS);
  const channels = {} as Record<Channel, { threshold: number; policy: InjectionPolicy }>;
  for (const c of CHANNEL_KEYS) {
    const p = join(join(path, 'channels'), c);
    const co = expectObject(p, channelsIn[c] ?? {}, CHANNEL_OPTION_KEYS);
    channels[c] = {
      threshold: optional(co.threshold, threshold, (v) => expectNumber(join(p, 'threshold'), v, { min: 0, max: 1 })),
      policy: optional(co.policy, policy, (v) => expectOneOf(join(p, 'policy'), v, POLICIES)),
    };
  }
  const classifiers = optional(o.classifiers, [] as InjectionClassifier[], (v) =>
    expectArray(join(path, 'classifiers'), v).map((c, i) => {
      const cp = join(join(path, 'classifiers'), String(i));
      // A classifier may be an instance of the app's own class, with fields of its own: only its four keys are read.
      if (c === null || typeof c !== 'object') throw new OptionsError(cp, 'must be an object with a name and a score function.');
      const co = c as Record<(typeof CLASSIFIER_KEYS)[number], unknown>;
      expectString(join(cp, 'name'), co.name, { nonEmpty: true });
      expectFunction(join(cp, 'score'), co.score);
      if (co.timeoutMs !== undefined) expectNumber(join(cp, 'timeoutMs'), co.timeoutMs, { min: 1 });
      if (co.onFailure !== undefined) expectOneOf(join(cp, 'onFailure'), co.onFailure, ['open', 'closed'] as const);
      return c as InjectionClassifier;
    }),
  );
  const uncertain = optional(o.uncertain, DEFAULT_UNCERTAIN_BAND, (v) => {
    const a = expectArray(join(path, 'uncertain'), v);
    const band = a.map((x, i) => expectNumber(join(join(path, 'uncertain'), String(i)), x, { min: 0, max: 1 }));
    if (band.length !== 2 || band[0]! > band[1]!) throw new OptionsError(join(path, 'uncertain'), 'must be [low, high] with low <= high.');
    return [band[0]!, band[1]!] as const;
  });
  return {
    policy,
    threshold,
    maxScanChars: optional(o.maxScanChars, DEFAULT_MAX_SCAN_CHARS, (v) => expectNumber(join(path, 'maxScanChars'), v, { min: 256, integer: true })),
    maxConversationChars: optional(o.maxConversationChars, DEFAULT_MAX_CONVERSATION_CHARS, (v) =>
      expectNumber(join(path, 'maxConversationChars'), v, { min: 256, integer: true }),
    ),
    channels,
    contextTags: optional(o.contextTags, [] as readonly string[], (v) => {
      const tags = expectStringArray(join(path, 'contextTags'), v);
      for (const t of tags) if (!/^[A-Za-z][\w.-]{0,63}$/.test(t)) throw new OptionsError(join(path, 'contextTags'), `${JSON.stringify(t)} is not an XML tag name.`);
      return tags;
    }),
    classifiers,
    uncertain,
    screen: optional(o.screen, false, (v) => expectBoolean(join(path, 'screen'), v)),
  };
}

function parsePii(input: unknown, path: string): ResolvedOutputOptions['pii'] {
  if (input === undefined || input === false) return { emails: false, phones: false, cards: false };
  if (input === true) return { emails: true, phones: true, cards: true };
  const o = expectObject(path, input, PII_KEYS);
  const flag = (k: (typeof PII_KEYS)[number]) => optional(o[k], false, (v) => expectBoolean(join(path, k), v));
  return { emails: flag('emails'), phones: flag('phones'), cards: flag('cards') };
}

function parseOutput(input: unknown, path: string): ResolvedOutputOptions | false {
  if (input === false) return false;
  const o = expectObject(path, input ?? {}, OUTPUT_KEYS);
  const out: ResolvedOutputOptions = {
    minLeakChars: optional(o.minLeakChars, SHIELD_DEFAULTS.minLeakChars as number, (v) =>
      expectNumber(join(path, 'minLeakChars'), v, { min: 20, max: 10_000, integer: true }),
    ),
    secrets: optional(o.secrets, true, (v) => expectBoolean(join(path, 'secrets'), v)),
    pii: parsePii(o.pii, join(path, 'pii')),
  };
  const canary = o.canary ?? true;
  if (canary === true) out.canary = createCanary();
  else if (typeof canary === 'string') {
    if (!isCanary(canary)) throw new OptionsError(join(path, 'canary'), 'must look like `dg-canary-` followed by at least 16 hex digits (use createCanary()).');
    out.canary = canary;
  } else if (canary !== false) throw new OptionsError(join(path, 'canary'), 'must be true, false or a canary string from createCanary().');
  return out;
}

/**
 * Validates the shield's options once, at start-up: an unknown or mistyped option throws an
 * `OptionsError` naming its dotted path (`shield.request.maxTokens`). Defaults: any model,
 * `max_tokens` clamped to 4096, 200,000 characters / 50,000 estimated tokens of input, a client
 * `system` replaced by the server's, no client tools, injections blocked at score 0.5, a random
 * canary, secrets redacted, PII left alone.
 *
 * @example
 * ```ts
 * const shield = parseShieldOptions({ request: { models: ['claude-sonnet-5-5'] }, injection: 'flag' }, 'shield');
 * shield.request.maxTokens; // 4096
 * shield.injection.policy;  // 'flag'
 * ```
 */
export function parseShieldOptions(input: unknown, path = 'shield'): ResolvedShieldOptions {
  const o = expectObject(path, input ?? {}, SHIELD_KEYS);
  return {
    request: parseRequestRules(o.request, join(path, 'request')),
    injection: parseInjection(o.injection, join(path, 'injection')),
    output: parseOutput(o.output, join(path, 'output')),
  };
}
