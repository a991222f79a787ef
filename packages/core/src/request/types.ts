/** A text content block of the Anthropic Messages API. */
export interface TextBlock {
  type: 'text';
  text: string;
  [key: string]: unknown;
}

/** Any content block; only `text` blocks are read by the guard, the rest are passed through. */
export type ContentBlock = TextBlock | { type: string; [key: string]: unknown };

/** One turn of a Messages request. */
export interface MessageParam {
  role: 'user' | 'assistant';
  content: string | ContentBlock[];
}

/**
 * The Anthropic Messages request body as the guard sees it after validation.
 * Unknown fields are kept so that they reach the upstream API unchanged.
 */
export interface MessagesBody {
  model: string;
  max_tokens: number;
  messages: MessageParam[];
  system?: string | TextBlock[];
  stream?: boolean;
  temperature?: number;
  tools?: Array<{ name: string; [key: string]: unknown }>;
  [key: string]: unknown;
}

/** Header values as adapters hand them over: lower-case names, in arrival order. */
export type GuardHeaders = Readonly<Record<string, string | undefined>>;

/**
 * A framework-independent request, built by an adapter (or by `replay` from a log line).
 *
 * @example
 * ```ts
 * const decision = await guard.check({
 *   ip: '203.0.113.9', method: 'POST', path: '/api/chat',
 *   headers: { 'user-agent': 'my-app/1.0' },
 *   user: 'u_1842',
 *   body: { model: 'claude-haiku-5-5', max_tokens: 512, messages: [{ role: 'user', content: 'Hi' }] },
 * });
 * ```
 */
export interface GuardRequest {
  /** Peer address of the connection. Forwarded headers are honoured only under `trustProxy`. */
  ip: string;
  method: string;
  path: string;
  headers: GuardHeaders;
  /** The authenticated account the application attached to the request, if any. */
  user?: string;
  /** The parsed JSON body (an Anthropic Messages request). Validated by the guard. */
  body?: unknown;
  /** When the request arrived, in ms since the epoch. Defaults to the guard's clock. */
  timestamp?: number;
  /** A request id to reuse (for example from `x-request-id`); one is generated otherwise. */
  id?: string;
}
