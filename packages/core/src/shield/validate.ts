import { InvalidRequestError } from '../errors/index.js';
import { describe, isPlainObject } from '../options/validate.js';
import { checkBodyShape, type MessagesBody } from '../request/index.js';
import { BLOCK_TYPES, SHIELD_DEFAULTS, type BlockType, type RequestRules } from './options.js';

/** The rules applied when none are given: `parseShieldOptions({}).request`. */
export const DEFAULT_REQUEST_RULES: RequestRules = Object.freeze({
  maxTokens: SHIELD_DEFAULTS.maxTokens,
  onMaxTokens: 'clamp',
  maxInputChars: SHIELD_DEFAULTS.maxInputChars,
  maxInputTokens: SHIELD_DEFAULTS.maxInputTokens,
  maxMessages: SHIELD_DEFAULTS.maxMessages,
  alternation: 'lenient',
  maxBlocks: SHIELD_DEFAULTS.maxBlocks,
  maxAttachmentBytes: SHIELD_DEFAULTS.maxAttachmentBytes,
  system: 'replace',
  tools: Object.freeze([]) as readonly string[],
  blockTypes: BLOCK_TYPES,
}) as RequestRules;

/** A change the validator made to a valid request. */
export type BodyChange = 'max_tokens-clamped' | 'system-replaced' | 'system-removed' | 'system-added' | 'thinking-budget-clamped';

/** A validated request body and what was changed in it. */
export interface ValidatedBody {
  body: MessagesBody;
  changes: BodyChange[];
  /** Characters of text input counted against `maxInputChars`. */
  inputChars: number;
  /** Estimated input tokens counted against `maxInputTokens`. */
  inputTokens: number;
}

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
const MESSAGE_KEYS = new Set(['role', 'content']);
const CACHE_TTLS = ['5m', '1h'];
/** Tokens Claude bills for one image at most (about 1.15 megapixels / 750). */
const IMAGE_TOKENS = 1_600;
const CHARS_PER_TOKEN = 3.5;

function fail(param: string, message: string): never {
  throw new InvalidRequestError(`${param}: ${message}`, { param });
}

function expectText(param: string, value: unknown, what = 'a non-empty string'): string {
  if (typeof value !== 'string') fail(param, `must be ${what}, got ${describe(value)}.`);
  if (value.length === 0) fail(param, `must be ${what}, got an empty string.`);
  return value;
}

function base64Bytes(data: string): number {
  let pad = 0;
  if (data.endsWith('==')) pad = 2;
  else if (data.endsWith('=')) pad = 1;
  return Math.floor((data.length * 3) / 4) - pad;
}

class Checker {
  chars = 0;
  extraTokens = 0;
  constructor(private readonly rules: RequestRules) {}

  cacheControl(param: string, value: unknown): void {
    if (value === undefined || value === null) return;
    if (!isPlainObject(value) || value.type !== 'ephemeral') fail(param, 'must be {"type": "ephemeral"} (optionally with "ttl": "5m" or "1h").');
    if (value.ttl !== undefined && !CACHE_TTLS.includes(value.ttl as string)) fail(`${param}.ttl`, `must be "5m" or "1h", got ${describe(value.ttl)}.`);
  }

  attachment(param: string, source: unknown, kind: 'image' | 'document'): void {
    if (!isPlainObject(source)) fail(param, `must be an object describing the ${kind} (type "base64", "url"${kind === 'document' ? ', "text", "content"' : ''} or "file"), got ${describe(source)}.`);
    const type = source.type;
    if (type === 'base64') {
      const media = source.media_type;
      const allowed = kind === 'image' ? IMAGE_TYPES : ['application/pdf'];
      if (typeof media !== 'string' || !allowed.includes(media)) fail(`${param}.media_type`, `must be one of ${allowed.map((m) => `"${m}"`).join(', ')}, got ${describe(media)}.`);
      const data = expectText(`${param}.data`, source.data, 'a non-empty base64 string');
      const bytes = base64Bytes(data);
      if (bytes > this.rules.maxAttachmentBytes) {
        fail(`${param}.data`, `the ${kind} is ${bytes.toLocaleString('en-US')} bytes; this endpoint accepts at most ${this.rules.maxAttachmentBytes.toLocaleString('en-US')}.`);
      }
      this.extraTokens += kind === 'image' ? IMAGE_TOKENS : Math.ceil(bytes / 30);
    } else if (type === 'url') {
      const url = expectText(`${param}.url`, source.url, 'an https URL');
      if (!/^https?:\/\//i.test(url)) fail(`${param}.url`, `must be an http(s) URL, got ${describe(url)}.`);
      this.extraTokens += IMAGE_TOKENS;
    } else if (type === 'file') {
      expectText(`${param}.file_id`, source.file_id, 'a file id string');
      this.extraTokens += IMAGE_TOKENS;
    } else if (kind === 'document' && type === 'text') {
      if (source.media_type !== 'text/plain') fail(`${param}.media_type`, `must be "text/plain" for a text document, got ${describe(source.media_type)}.`);
      if (typeof source.data !== 'string') fail(`${param}.data`, `must be a string, got ${describe(source.data)}.`);
      this.chars += source.data.length;
    } else if (kind === 'document' && type === 'content') {
      this.blocks(`${param}.content`, source.content, 'user', ['text', 'image'], true);
    } else {
      const types = kind === 'image' ? '"base64", "url" or "file"' : '"base64", "url", "text", "content" or "file"';
      fail(`${param}.type`, `must be ${types}, got ${describe(type)}.`);
    }
  }

  block(param: string, block: unknown, role: 'user' | 'assistant', allowed: readonly string[]): void {
    if (!isPlainObject(block)) fail(param, `must be a content block object with a "type", got ${describe(block)}.`);
    const type = block.type;
    if (typeof type !== 'string' || !(BLOCK_TYPES as readonly string[]).includes(type)) {
      fail(`${param}.type`, `must be one of ${allowed.map((t) => `"${t}"`).join(', ')}, got ${describe(type)}.`);
    }
    if (!allowed.includes(type) || !this.rules.blockTypes.includes(type as BlockType)) {
      fail(`${param}.type`, `"${type}" blocks are not accepted here; use ${allowed.filter((t) => this.rules.blockTypes.includes(t as BlockType)).map((t) => `"${t}"`).join(', ')}.`);
    }
    this.cacheControl(`${param}.cache_control`, block.cache_control);
    switch (type) {
      case 'text':
        this.chars += expectText(`${param}.text`, block.text).length;
        break;
      case 'image':
        this.attachment(`${param}.source`, block.source, 'image');
        break;
      case 'document':
        this.attachment(`${param}.source`, block.source, 'document');
        if (block.title !== undefined && block.title !== null && typeof block.title !== 'string') fail(`${param}.title`, `must be a string, got ${describe(block.title)}.`);
        if (typeof block.context === 'string') this.chars += block.context.length;
        break;
      case 'tool_use': {
        if (role !== 'assistant') fail(`${param}.type`, '"tool_use" blocks belong in assistant messages.');
        expectText(`${param}.id`, block.id, 'a tool use id string');
        this.toolName(`${param}.name`, expectText(`${param}.name`, block.name, 'a tool name'));
        if (!isPlainObject(block.input)) fail(`${param}.input`, `must be an object of tool arguments, got ${describe(block.input)}.`);
        this.chars += JSON.stringify(block.input).length;
        break;
      }
      case 'tool_result':
        if (role !== 'user') fail(`${param}.type`, '"tool_result" blocks belong in user messages.');
        expectText(`${param}.tool_use_id`, block.tool_use_id, 'the id of the tool_use it answers');
        if (block.is_error !== undefined && typeof block.is_error !== 'boolean') fail(`${param}.is_error`, `must be true or false, got ${describe(block.is_error)}.`);
        if (typeof block.content === 'string') this.chars += block.content.length;
        else if (block.content !== undefined) this.blocks(`${param}.content`, block.content, 'user', ['text', 'image', 'document'], true);
        break;
      case 'thinking':
        if (role !== 'assistant') fail(`${param}.type`, '"thinking" blocks belong in assistant messages.');
        if (typeof block.thinking !== 'string') fail(`${param}.thinking`, `must be a string, got ${describe(block.thinking)}.`);
        expectText(`${param}.signature`, block.signature, 'the signature string returned with the thinking block');
        this.chars += block.thinking.length;
        break;
      case 'redacted_thinking':
        if (role !== 'assistant') fail(`${param}.type`, '"redacted_thinking" blocks belong in assistant messages.');
        expectText(`${param}.data`, block.data, 'the data string returned with the block');
        break;
    }
  }

  blocks(param: string, content: unknown, role: 'user' | 'assistant', allowed: readonly string[], allowEmpty = false): void {
    if (!Array.isArray(content)) fail(param, `must be a string or an array of content blocks, got ${describe(content)}.`);
    if (content.length === 0 && !allowEmpty) fail(param, 'must not be an empty array; send at least one content block.');
    if (content.length > this.rules.maxBlocks) fail(param, `has ${content.length} content blocks; at most ${this.rules.maxBlocks} are accepted.`);
    content.forEach((b, i) => this.block(`${param}.${i}`, b, role, allowed));
  }

  toolName(param: string, name: string): void {
    const { tools } = this.rules;
    if (tools === 'any' || tools.includes(name)) return;
    fail(param, tools.length === 0 ? 'this endpoint does not accept tools.' : `tool "${name}" is not allowed; allowed tools: ${tools.map((t) => `"${t}"`).join(', ')}.`);
  }
}

function messageContentTypes(role: 'user' | 'assistant'): readonly string[] {
  return role === 'user' ? ['text', 'image', 'document', 'tool_result'] : ['text', 'tool_use', 'thinking', 'redacted_thinking'];
}

function validateSystem(value: unknown, checker: Checker): void {
  if (typeof value === 'string') {
    checker.chars += value.length;
    return;
  }
  if (!Array.isArray(value)) fail('system', `must be a string or an array of text blocks, got ${describe(value)}.`);
  value.forEach((b, i) => {
    if (!isPlainObject(b) || b.type !== 'text') fail(`system.${i}`, `must be a text block {"type": "text", "text": "..."}, got ${describe(b)}.`);
    checker.chars += expectText(`system.${i}.text`, b.text).length;
    checker.cacheControl(`system.${i}.cache_control`, b.cache_control);
  });
}

function validateTools(value: unknown, checker: Checker): string[] {
  if (!Array.isArray(value)) fail('tools', `must be an array of tool definitions, got ${describe(value)}.`);
  const names: string[] = [];
  value.forEach((t, i) => {
    if (!isPlainObject(t)) fail(`tools.${i}`, `must be a tool definition object with a "name", got ${describe(t)}.`);
    const name = expectText(`tools.${i}.name`, t.name, 'a tool name');
    checker.toolName(`tools.${i}.name`, name);
    if (t.type === undefined && !isPlainObject(t.input_schema)) fail(`tools.${i}.input_schema`, `must be a JSON Schema object for a custom tool, got ${describe(t.input_schema)}.`);
    names.push(name);
  });
  checker.chars += JSON.stringify(value).length;
  return names;
}

function validateSampling(b: Record<string, unknown>): void {
  const unit = (key: string): void => {
    const v = b[key];
    if (v === undefined) return;
    if (typeof v !== 'number' || Number.isNaN(v) || v < 0 || v > 1) fail(key, `must be a number between 0 and 1, got ${describe(v)}.`);
  };
  unit('temperature');
  unit('top_p');
  if (b.top_k !== undefined && (typeof b.top_k !== 'number' || !Number.isInteger(b.top_k) || b.top_k < 0)) fail('top_k', `must be an integer >= 0, got ${describe(b.top_k)}.`);
  if (b.stream !== undefined && typeof b.stream !== 'boolean') fail('stream', `must be true or false, got ${describe(b.stream)}.`);
  if (b.stop_sequences !== undefined) {
    if (!Array.isArray(b.stop_sequences)) fail('stop_sequences', `must be an array of strings, got ${describe(b.stop_sequences)}.`);
    if (b.stop_sequences.length > 16) fail('stop_sequences', `has ${b.stop_sequences.length} entries; at most 16 are accepted.`);
    b.stop_sequences.forEach((s, i) => expectText(`stop_sequences.${i}`, s));
  }
  if (b.metadata !== undefined) {
    if (!isPlainObject(b.metadata)) fail('metadata', `must be an object, got ${describe(b.metadata)}.`);
    const uid = b.metadata.user_id;
    if (uid !== undefined && uid !== null && (typeof uid !== 'string' || uid.length > 256)) fail('metadata.user_id', 'must be a string of at most 256 characters.');
  }
}

function validateBody(input: unknown, rules: RequestRules): ValidatedBody {
  checkBodyShape(input);
  if (!isPlainObject(input)) {
    throw new InvalidRequestError(`The request body must be a JSON object (an Anthropic Messages request), got ${describe(input)}.`);
  }
  const b = input;
  const changes: BodyChange[] = [];
  const checker = new Checker(rules);

  const model = expectText('model', b.model, 'a model id string');
  if (model.length > 256) fail('model', 'is longer than 256 characters.');
  if (rules.models && !rules.models.includes(model)) {
    fail('model', `"${model}" is not available on this endpoint; use one of ${rules.models.map((m) => `"${m}"`).join(', ')}.`);
  }

  const requested = b.max_tokens;
  if (typeof requested !== 'number' || !Number.isInteger(requested) || requested < 1) fail('max_tokens', `must be an integer >= 1, got ${describe(requested)}.`);
  let maxTokens = requested;
  if (rules.maxTokens !== null && requested > rules.maxTokens) {
    if (rules.onMaxTokens === 'refuse') fail('max_tokens', `${requested} is above this endpoint's limit of ${rules.maxTokens}; ask for ${rules.maxTokens} or fewer.`);
    maxTokens = rules.maxTokens;
    changes.push('max_tokens-clamped');
  }

  if (!Array.isArray(b.messages)) fail('messages', `must be an array of messages, got ${describe(b.messages)}.`);
  if (b.messages.length === 0) fail('messages', 'must contain at least one message.');
  if (b.messages.length > rules.maxMessages) fail('messages', `has ${b.messages.length} messages; at most ${rules.maxMessages} are accepted.`);
  let previous: string | undefined;
  b.messages.forEach((m, i) => {
    const p = `messages.${i}`;
    if (!isPlainObject(m)) fail(p, `must be an object with "role" and "content", got ${describe(m)}.`);
    for (const key of Object.keys(m)) if (!MESSAGE_KEYS.has(key)) fail(`${p}.${key}`, 'is not a message field; a message has only "role" and "content".');
    const role = m.role;
    if (role !== 'user' && role !== 'assistant') fail(`${p}.role`, `must be "user" or "assistant", got ${describe(role)}.`);
    if (i === 0 && role !== 'user') fail(`${p}.role`, 'the first message must be a "user" message.');
    if (role === previous && rules.alternation === 'strict') {
      fail(`${p}.role`, `two "${role}" messages in a row; roles must alternate between "user" and "assistant".`);
    }
    previous = role;
    if (typeof m.content === 'string') {
      if (m.content.length === 0) fail(`${p}.content`, 'must not be empty.');
      checker.chars += m.content.length;
    } else checker.blocks(`${p}.content`, m.content, role, messageContentTypes(role));
  });

  if (b.tools !== undefined) validateTools(b.tools, checker);
  const toolNames = Array.isArray(b.tools) ? (b.tools as Array<{ name: string }>).map((t) => t.name) : [];
  if (b.tool_choice !== undefined) {
    const tc = b.tool_choice;
    if (!isPlainObject(tc) || !['auto', 'any', 'none', 'tool'].includes(tc.type as string)) {
      fail('tool_choice', `must be {"type": "auto" | "any" | "none"} or {"type": "tool", "name": ...}, got ${describe(tc)}.`);
    }
    if (tc.type === 'tool') {
      const name = expectText('tool_choice.name', tc.name, 'a tool name');
      if (!toolNames.includes(name)) fail('tool_choice.name', `"${name}" is not one of the tools in this request.`);
    }
  }
  if (b.mcp_servers !== undefined && b.mcp_servers !== null && rules.tools !== 'any') fail('mcp_servers', 'this endpoint does not accept MCP servers.');

  const out: MessagesBody = { ...(b as MessagesBody), max_tokens: maxTokens };
  const hasSystem = b.system !== undefined && b.system !== null && !(typeof b.system === 'string' && b.system.length === 0);
  if (rules.system === 'allow') {
    if (hasSystem) validateSystem(b.system, checker);
  } else if (rules.system === 'refuse' && hasSystem) {
    fail('system', 'this endpoint sets its own system prompt; remove "system" from the request.');
  }
  if (rules.system !== 'allow' || !hasSystem) {
    if (rules.systemPrompt !== undefined && rules.systemPrompt.length > 0) {
      out.system = rules.systemPrompt;
      changes.push(hasSystem ? 'system-replaced' : 'system-added');
      checker.chars += rules.systemPrompt.length;
    } else if (hasSystem) {
      delete out.system;
      changes.push('system-removed');
    }
  }

  if (b.thinking !== undefined) {
    const t = b.thinking;
    // Adaptive thinking has no budget to check; refusing it would break clients of newer models.
    if (!isPlainObject(t) || (t.type !== 'enabled' && t.type !== 'disabled' && t.type !== 'adaptive')) {
      fail('thinking', `must be {"type": "enabled", "budget_tokens": n}, {"type": "adaptive"} or {"type": "disabled"}, got ${describe(t)}.`);
    }
    if (t.type === 'enabled') {
      const budget = t.budget_tokens;
      if (typeof budget !== 'number' || !Number.isInteger(budget) || budget < 1024) fail('thinking.budget_tokens', `must be an integer >= 1024, got ${describe(budget)}.`);
      if (budget >= maxTokens) {
        if (maxTokens !== requested && maxTokens > 1024) {
          out.thinking = { ...t, budget_tokens: maxTokens - 1 };
          changes.push('thinking-budget-clamped');
        } else fail('thinking.budget_tokens', `${budget} must be less than max_tokens (${maxTokens}).`);
      }
    }
  }
  validateSampling(b);

  const inputTokens = Math.ceil(checker.chars / CHARS_PER_TOKEN) + checker.extraTokens;
  if (checker.chars > rules.maxInputChars) {
    fail('messages', `the input is ${checker.chars.toLocaleString('en-US')} characters; this endpoint accepts at most ${rules.maxInputChars.toLocaleString('en-US')}. Shorten the conversation or the attached text.`);
  }
  if (inputTokens > rules.maxInputTokens) {
    fail('messages', `the input is about ${inputTokens.toLocaleString('en-US')} tokens; this endpoint accepts at most ${rules.maxInputTokens.toLocaleString('en-US')}. Shorten the conversation or send fewer attachments.`);
  }
  return { body: out, changes, inputChars: checker.chars, inputTokens };
}

/**
 * Validates a Messages request body and applies the endpoint's rules, reporting what it
 * changed. Throws {@link InvalidRequestError} (status 400, `param` set to the offending field)
 * for anything invalid; never anything else, whatever JSON value it is given.
 *
 * @example
 * ```ts
 * const { body, changes } = validateRequestBody(req.body, shield.request);
 * if (changes.includes('max_tokens-clamped')) log.info('max_tokens lowered to the cap');
 * ```
 */
export function validateRequestBody(body: unknown, rules: RequestRules = DEFAULT_REQUEST_RULES): ValidatedBody {
  try {
    return validateBody(body, rules);
  } catch (err) {
    if (err instanceof InvalidRequestError) throw err;
    // A JSON value cannot get here; anything else (a getter, a cyclic object) is still a 400.
    throw new InvalidRequestError('The request body could not be validated; send a JSON Messages request.', { cause: err });
  }
}

/**
 * Checks a Messages request body against its schema (roles and their alternation, content
 * strings and blocks, block types and fields, sizes) and the endpoint's rules (input limit in
 * characters and estimated tokens, model allowlist, `max_tokens` cap, system-prompt policy,
 * tools allowlist). Returns the body to send upstream: a copy with `max_tokens` clamped and the
 * server's system prompt in place, unknown top-level fields kept. Throws
 * {@link InvalidRequestError} with `param` (`messages.2.content.0.text`) and a message that
 * says what was wrong and what is expected.
 *
 * @example
 * ```ts
 * try {
 *   const body = validateMessagesBody(req.body, parseShieldOptions(options.shield).request);
 *   await client.messages.create(body);
 * } catch (err) {
 *   if (err instanceof InvalidRequestError) res.status(err.status).json(anthropicErrorBody(err.status, err.message));
 * }
 * ```
 */
export function validateMessagesBody(body: unknown, rules: RequestRules = DEFAULT_REQUEST_RULES): MessagesBody {
  return validateRequestBody(body, rules).body;
}
