// The chat page's conversations, framework-neutral: turns `{ conversationId, message }` into a
// Messages request built from the stored history (before the guard sees it), and saves the
// exchange when the guard reports the reply's outcome.
import { randomUUID } from 'node:crypto';
import { anthropicErrorBody } from '@distill-guard/core';

/** Conversation ids the page may use (it makes 32 hex digits). */
export const CONVERSATION_ID = /^[A-Za-z0-9_-]{8,64}$/;
/** Longest message the page may send, in characters. */
export const MAX_MESSAGE_CHARS = 8000;

/**
 * @typedef {import('./conversations.mjs').ChatMessage} ChatMessage
 * @typedef {import('./conversations.mjs').ConversationStore} ConversationStore
 * @typedef {import('@distill-guard/core').AnthropicErrorBody} AnthropicErrorBody
 * @typedef {{ ok: true, requestId: string, body: Record<string, unknown> } | { ok: false, status: number, body: AnthropicErrorBody }} Prepared
 *
 * @typedef {object} Turn
 * @property {string} key            `<user id>:<conversation id>`
 * @property {string} message        The user's message, saved with the reply.
 * @property {() => void} done       Lets the conversation's next turn start.
 * @property {NodeJS.Timeout} [timer]
 */

/**
 * One turn at a time per conversation: a new message waits until the previous reply is saved,
 * so it is always sent with the full history (two tabs, or a fast second message, cannot race).
 *
 * @example
 * const chat = new ChatService({ conversations: memoryConversations(), model: 'claude-haiku-5-5', maxTokens: 1024 });
 * chat.attach(chatGuard.guard);
 * const prepared = await chat.prepare(userId, { conversationId, message });
 * // prepared.ok: send `prepared.body` through distillGuard() + claudeRoute(), with x-request-id: prepared.requestId
 */
export class ChatService {
  /** @type {Map<string, Turn>} by request id */
  #turns = new Map();
  /** @type {Map<string, Promise<void>>} by conversation key: resolves when its last turn is saved */
  #tails = new Map();

  /**
   * @param {object} options
   * @param {ConversationStore} options.conversations
   * @param {string} options.model
   * @param {number} options.maxTokens
   * @param {number} [options.historyMessages] Stored messages sent with each new one (the newest). Default 40.
   * @param {Pick<Console, 'error'>} [options.logger]
   * @param {number} [options.settleAfterMs] How long after its response closed a turn that never got an outcome holds its conversation. Default 15 s.
   */
  constructor({ conversations, model, maxTokens, historyMessages = 40, logger = console, settleAfterMs = 15_000 }) {
    this.conversations = conversations;
    this.model = model;
    this.maxTokens = maxTokens;
    this.historyMessages = historyMessages;
    this.logger = logger;
    this.settleAfterMs = settleAfterMs;
  }

  /**
   * Follows a guard's events: a refused request ends its turn unsaved; a served one is saved
   * (the user's message and the reply's text) when the guard records its outcome.
   *
   * @param {import('@distill-guard/core').Guard} guard
   * @returns {() => void} unsubscribe
   */
  attach(guard) {
    const offDecision = guard.on('decision', ({ decision }) => {
      if (!decision.allowed) this.#finish(decision.id);
    });
    const offOutcome = guard.on('outcome', ({ decision, outcome }) => {
      const turn = this.#turns.get(decision.id);
      if (!turn) return;
      this.#turns.delete(decision.id);
      clearTimeout(turn.timer);
      // A reply cut by the user (aborted) is kept as far as it went; a failed one is not saved.
      const reply = outcome.outputText ?? '';
      if (outcome.status !== 200 || outcome.error || !reply) return turn.done();
      this.conversations
        .append(turn.key, [
          { role: 'user', content: turn.message },
          { role: 'assistant', content: reply },
        ])
        .catch((err) => this.logger.error(`chat: could not save a turn of ${turn.key}: ${err.message}`))
        .finally(turn.done);
    });
    return () => {
      offDecision();
      offOutcome();
    };
  }

  /**
   * Validates the page's request and builds the Messages body from the stored history. On
   * success the caller forwards `body` with `x-request-id: requestId` (the guard's decision id)
   * and calls {@link responseClosed} when the response closes.
   *
   * @param {string} userId
   * @param {unknown} input `{ conversationId, message }`
   * @returns {Promise<Prepared>}
   */
  async prepare(userId, input) {
    const o = /** @type {{ conversationId?: unknown, message?: unknown }} */ (input && typeof input === 'object' ? input : {});
    if (typeof o.conversationId !== 'string' || !CONVERSATION_ID.test(o.conversationId)) {
      return invalid('conversationId: must be 8 to 64 letters, digits, "-" or "_".');
    }
    if (typeof o.message !== 'string' || o.message.trim() === '') return invalid('message: must be a non-empty string.');
    if (o.message.length > MAX_MESSAGE_CHARS) return invalid(`message: must be at most ${MAX_MESSAGE_CHARS} characters (got ${o.message.length}).`);

    const key = `${userId}:${o.conversationId}`;
    const previous = this.#tails.get(key) ?? Promise.resolve();
    /** @type {() => void} */
    let done = () => {};
    const finished = new Promise((resolve) => (done = () => resolve(undefined)));
    const tail = previous.then(() => finished);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    await previous;

    let history;
    try {
      history = await this.conversations.load(key);
    } catch (err) {
      done();
      this.logger.error(`chat: could not load ${key}: ${/** @type {Error} */ (err).message}`);
      return { ok: false, status: 503, body: anthropicErrorBody(503, 'The conversation store is unavailable right now. Retry in a moment.') };
    }
    const requestId = `chat_${randomUUID().replace(/-/g, '')}`;
    this.#turns.set(requestId, { key, message: o.message, done });
    return {
      ok: true,
      requestId,
      body: {
        model: this.model,
        max_tokens: this.maxTokens,
        stream: true,
        messages: [...recent(history, this.historyMessages), { role: 'user', content: o.message }],
      },
    };
  }

  /**
   * The response of `requestId` closed. A turn whose outcome never comes (the route failed
   * before recording) stops holding its conversation after `settleAfterMs`.
   *
   * @param {string} requestId
   */
  responseClosed(requestId) {
    const turn = this.#turns.get(requestId);
    if (!turn || turn.timer) return;
    turn.timer = setTimeout(() => this.#finish(requestId), this.settleAfterMs);
    turn.timer.unref();
  }

  /**
   * The stored messages of a conversation, after its turn in progress (if any) is saved.
   *
   * @param {string} userId
   * @param {string} conversationId
   * @returns {Promise<{ ok: true, messages: ChatMessage[] } | { ok: false, status: number, body: AnthropicErrorBody }>}
   */
  async history(userId, conversationId) {
    if (!CONVERSATION_ID.test(conversationId)) return invalid('conversationId: must be 8 to 64 letters, digits, "-" or "_".');
    const key = `${userId}:${conversationId}`;
    await this.#tails.get(key);
    try {
      return { ok: true, messages: await this.conversations.load(key) };
    } catch (err) {
      this.logger.error(`chat: could not load ${key}: ${/** @type {Error} */ (err).message}`);
      return { ok: false, status: 503, body: anthropicErrorBody(503, 'The conversation store is unavailable right now. Retry in a moment.') };
    }
  }

  /** Resolves when every turn in progress is saved (or given up). */
  async idle() {
    await Promise.all([...this.#tails.values()]);
  }

  /** @param {string} requestId */
  #finish(requestId) {
    const turn = this.#turns.get(requestId);
    if (!turn) return;
    this.#turns.delete(requestId);
    clearTimeout(turn.timer);
    turn.done();
  }
}

/**
 * @param {string} message
 * @returns {{ ok: false, status: number, body: AnthropicErrorBody }}
 */
function invalid(message) {
  return { ok: false, status: 400, body: anthropicErrorBody(400, message) };
}

/**
 * The newest `n` messages, starting with a user turn as the Messages API requires.
 *
 * @param {ChatMessage[]} history
 * @param {number} n
 */
function recent(history, n) {
  const kept = n > 0 ? history.slice(-n) : [];
  while (kept.length > 0 && kept[0]?.role !== 'user') kept.shift();
  return kept;
}
