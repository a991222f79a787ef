/**
 * The part of `@anthropic-ai/sdk`'s `Anthropic` client that `claudeRoute` uses. Declared here so
 * core does not depend on the SDK; any SDK 0.5x/1.x client fits.
 */
export interface MessagesClientLike {
  messages: {
    // `never`: any SDK version's overloaded `create` is assignable; the relay builds a valid body.
    create(body: never, options?: { signal?: AbortSignal }): PromiseLike<unknown>;
    /** `POST /v1/messages/count_tokens`; a client without it gets count_tokens answered 404. */
    countTokens?(body: never, options?: { signal?: AbortSignal }): PromiseLike<unknown>;
  };
  /** `GET /v1/models`, asked only when the route has no `models` allowlist to list. */
  models?: {
    list(query?: never, options?: { signal?: AbortSignal }): PromiseLike<unknown>;
    retrieve?(id: string, query?: never, options?: { signal?: AbortSignal }): PromiseLike<unknown>;
  };
}

/** A `usage` object as the API sends it: token counts, the cache writes by TTL, and fields this library does not read. */
export type RawUsage = Record<string, unknown>;

/** One server-sent event of the Messages API, as the SDK yields it. */
export interface StreamEvent {
  type: string;
  index?: number;
  message?: { id?: string; usage?: RawUsage; model?: string; [k: string]: unknown };
  content_block?: { type: string; [k: string]: unknown };
  delta?: { type?: string; text?: string; stop_reason?: string | null; [k: string]: unknown };
  usage?: RawUsage;
  [k: string]: unknown;
}

/** A message returned by a non-streaming call. */
export interface MessageLike {
  id?: string;
  model?: string;
  content: Array<{ type: string; text?: string; [k: string]: unknown }>;
  usage?: RawUsage;
  [k: string]: unknown;
}
