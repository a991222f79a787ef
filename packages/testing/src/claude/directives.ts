import { invalid } from './errors.js';

/**
 * Scripting instructions a test puts in the last user message, for tests that reach the
 * server through a proxy and so cannot call `failNext`. The `[[mock:` prefix keeps real
 * prompts from triggering them by accident.
 */
export interface Directives {
  /** `[[mock:status=429]]`: answer with this error status. */
  status?: number;
  /** `[[mock:retry-after=N]]`: seconds for the `retry-after` header of a status directive. */
  retryAfter?: number;
  /** `[[mock:say=TEXT]]`: reply with exactly TEXT. */
  say?: string;
  /** `[[mock:echo-system]]`: reply with the system prompt verbatim. */
  echoSystem: boolean;
  /** `[[mock:slow]]`: use the slow timing. */
  slow: boolean;
  /** `[[mock:midstream-error]]`: a stream fails with `event: error` after a few deltas. */
  midstreamError: boolean;
  /** `[[mock:long]]`: a long reply (about 2,000 tokens, truncated by `max_tokens`). */
  long: boolean;
  /**
   * `[[mock:hold-end]]`: a stream sends every content block, then holds `message_delta` and
   * `message_stop` until the client leaves (a client that closes right after the last delta).
   */
  holdEnd: boolean;
}

const DIRECTIVE = /\[\[mock:([a-z-]+)(?:=([\s\S]*?))?\]\]/g;

const NAMES = ['status', 'retry-after', 'say', 'echo-system', 'slow', 'midstream-error', 'long', 'hold-end'];

function parseInteger(name: string, value: string | undefined, min: number, max: number): number {
  const number = Number(value);
  if (value === undefined || !Number.isInteger(number) || number < min || number > max) {
    throw invalid(`[[mock:${name}=...]] needs an integer between ${min} and ${max}`);
  }
  return number;
}

/**
 * Reads the `[[mock:...]]` directives in `text` and returns them with the text left once
 * they are removed. An unknown directive is a 400, so a typo fails loudly.
 *
 * @example
 * parseDirectives('Hi [[mock:status=529]]').directives.status; // 529
 */
export function parseDirectives(text: string): { directives: Directives; rest: string } {
  const directives: Directives = { echoSystem: false, slow: false, midstreamError: false, long: false, holdEnd: false };
  for (const match of text.matchAll(DIRECTIVE)) {
    const name = match[1] as string;
    const value = match[2];
    switch (name) {
      case 'status':
        directives.status = parseInteger(name, value, 400, 599);
        break;
      case 'retry-after':
        directives.retryAfter = parseInteger(name, value, 0, 86_400);
        break;
      case 'say':
        directives.say = value ?? '';
        break;
      case 'echo-system':
        directives.echoSystem = true;
        break;
      case 'slow':
        directives.slow = true;
        break;
      case 'midstream-error':
        directives.midstreamError = true;
        break;
      case 'long':
        directives.long = true;
        break;
      case 'hold-end':
        directives.holdEnd = true;
        break;
      default:
        throw invalid(`unknown directive [[mock:${name}]]; known: ${NAMES.join(', ')}`);
    }
  }
  return { directives, rest: text.replace(DIRECTIVE, '').trim() };
}
