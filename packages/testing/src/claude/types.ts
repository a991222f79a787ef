/** A content block as the Messages API accepts it. Only the fields this server reads are typed. */
export interface ContentBlockParam {
  type: string;
  text?: string;
  cache_control?: { type: string; ttl?: string } | null;
  [key: string]: unknown;
}

/** One turn of the conversation. */
export interface MessageParam {
  role: 'user' | 'assistant';
  content: string | ContentBlockParam[];
}

/** A validated `POST /v1/messages/count_tokens` body: the prompt without generation settings. */
export interface CountTokensRequestBody {
  model: string;
  messages: MessageParam[];
  system?: string | ContentBlockParam[];
  thinking?: { type: 'enabled'; budget_tokens: number } | { type: 'disabled' } | { type: 'adaptive' };
  tools?: Array<Record<string, unknown>>;
  tool_choice?: Record<string, unknown>;
  /** Automatic caching: a breakpoint on the last block. */
  cache_control?: { type: string; ttl?: string } | null;
  [key: string]: unknown;
}

/** A validated `POST /v1/messages` body. */
export interface MessagesRequestBody extends CountTokensRequestBody {
  max_tokens: number;
  stream?: boolean;
  stop_sequences?: string[];
  temperature?: number;
  top_p?: number;
  top_k?: number;
  metadata?: Record<string, unknown>;
}

/** Token usage exactly as the API reports it. */
export interface Usage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  output_tokens: number;
  service_tier: 'standard';
}

/** The error types the API uses in `{"type":"error","error":{"type":...}}`. */
export type ApiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error';

/**
 * A scripted failure for the next request(s) to `POST /v1/messages`.
 *
 * - `{ status }` answers with that HTTP status and the matching Anthropic error body
 *   (429 `rate_limit_error` with `retry-after`, 529 `overloaded_error`, 500 `api_error`, ...).
 * - `{ midStream }` starts a normal stream and sends an `event: error` after `afterDeltas`
 *   text deltas (default 2). A non-streaming request gets the equivalent status
 *   (529 for `overloaded`, 500 for `api_error`).
 */
export type FailureSpec =
  | {
      status: number;
      /** Seconds, sent as `retry-after`. Default 1 on a 429, none otherwise. */
      retryAfter?: number;
      /** Overrides the error type derived from the status. */
      type?: ApiErrorType;
      message?: string;
      /** Sends `x-should-retry: true|false`, which the SDK obeys over its own policy. */
      shouldRetry?: boolean;
    }
  | { midStream: 'overloaded' | 'api_error'; afterDeltas?: number };

/** One call the server received, as `server.requests` records it. */
export interface RecordedRequest {
  /** The `request-id` header the server answered with. */
  requestId: string;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Request headers; `x-api-key` and `authorization` values are replaced by `[redacted]`. */
  headers: Record<string, string>;
  /** First 12 hex digits of the SHA-256 of the API key sent, or null when none was sent. */
  apiKeyHash: string | null;
  /** The parsed JSON body (or the raw text when it was not JSON; undefined when empty). */
  body: unknown;
  /** HTTP status answered (0 until the response starts). */
  status: number;
  /** True when the request asked for SSE. */
  stream: boolean;
  /** True when the client went away before the response was complete. */
  aborted: boolean;
  /** Error type sent, as a status error or as a mid-stream `event: error`. */
  error?: ApiErrorType;
  /** Usage reported for a successful message. */
  usage?: Usage;
}

/**
 * A tool call the offline server makes instead of a final answer (see `toolUse` in
 * {@link ClaudeServerOptions}).
 */
export interface ToolCall {
  /** The tool's name; it should be one of the request's `tools`. */
  name: string;
  input: Record<string, unknown>;
  /** Text said before the call (a text block before the `tool_use` block); none by default. */
  text?: string;
}

/** Options of {@link startClaudeServer}. */
export interface ClaudeServerOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** When set, only this exact key is accepted (otherwise any non-empty key is). */
  apiKey?: string;
  /** Replaces the generated reply text (directives still apply first). */
  reply?: (body: MessagesRequestBody) => string;
  /**
   * Makes the reply a tool call: when it returns a call, the reply ends in a `tool_use` block
   * (`stop_reason: 'tool_use'`) after the thinking block, if thinking is on. Return undefined
   * for an ordinary answer, for instance once the conversation holds enough `tool_result`s.
   */
  toolUse?: (body: MessagesRequestBody) => ToolCall | undefined;
  /**
   * Replaces the generated thinking text of a request with thinking on (cut to its budget like
   * generated thinking); return undefined to generate it as usual.
   */
  thinking?: (body: MessagesRequestBody) => string | undefined;
  /** Delay before the first byte of every `POST /v1/messages` answer. Default 0. */
  latencyMs?: number;
  /** Delay between stream deltas (and per chunk of a JSON reply's generation). Default 0. */
  chunkDelayMs?: number;
  /** Tokens per `text_delta` / `thinking_delta`. Default 4. */
  chunkSize?: number;
  /** Timing used by the `[[mock:slow]]` directive. Default 250 ms latency, 25 ms per chunk. */
  slow?: { latencyMs?: number; chunkDelayMs?: number };
  /** Models accepted (others get 404 `not_found_error`) and listed by `GET /v1/models`. Default: any model accepted, a few listed. */
  models?: string[];
  /** Honour `[[mock:...]]` directives in the last user message. Default true. */
  directives?: boolean;
}

/** A running offline Claude server. */
export interface ClaudeServer {
  /** Base URL for the SDK: `new Anthropic({ apiKey, baseURL: server.url })`. */
  url: string;
  port: number;
  /** Every call received, in arrival order. Cleared in place by `reset()`. */
  requests: RecordedRequest[];
  /** Fails the next `count` (default 1) `POST /v1/messages` calls as `spec` says. */
  failNext(spec: FailureSpec, count?: number): void;
  /** Forgets recorded requests, queued failures and the prompt cache. */
  reset(): void;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}
