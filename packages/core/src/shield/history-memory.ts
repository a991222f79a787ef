import { BoundedMap } from '../cache/index.js';
import type { ChannelText } from './channels.js';
import { TextMemory } from './text-memory.js';

/** A conversation's key in a {@link HistoryMemory}. */
export type HistoryKey = string | number;

/** A conversation as a request sent it, oldest text first, with the scores its texts got. */
export interface RememberedHistory<S> {
  readonly texts: readonly ChannelText[];
  readonly scores: ReadonlyArray<S | undefined>;
  readonly chars: number;
}

/**
 * Conversations resend their whole history with every turn. Each conversation's texts (oldest
 * first) and their scores are remembered under a digest of its opening text, so a resent history
 * is matched by comparing strings in order, and only the texts that differ (usually the new turn
 * and the reply before it) are hashed and scored: one digest per request instead of one per text.
 * A score is reused only for an identical string in the same place, channel and role, so a forged
 * or edited history is scanned again. At most `maxChars` characters of history are kept (16M by
 * default, the texts of a few thousand long conversations in flight), oldest conversations out
 * first.
 *
 * @example
 * ```ts
 * const memory = new HistoryMemory<number>();
 * const key = memory.keyOf(texts[0]);
 * const earlier = memory.recall(key); // what the previous turn of this conversation sent, if known
 * memory.remember(key, texts, scores);
 * ```
 */
export class HistoryMemory<S> {
  private readonly map: BoundedMap<RememberedHistory<S>, HistoryKey>;

  constructor(maxChars = 16_000_000) {
    this.map = new BoundedMap<RememberedHistory<S>, HistoryKey>(maxChars, (_key, h) => h.chars);
  }

  /**
   * The key of the conversation that opens with `opener`: `digest` when the caller has one for
   * it (the guard's `MessageDigests` key of a first message typed by the user), else a digest
   * of it made here. A number and a string key never meet, and a key only finds a memory: its
   * texts are compared before any score is reused, so two openers that share a digest only
   * cost a scan.
   */
  keyOf(opener: ChannelText, digest?: number): HistoryKey {
    return digest ?? TextMemory.keyOf(`history:${opener.channel}:${opener.assistant ? 'a' : 'u'}`, opener.text);
  }

  recall(key: HistoryKey): RememberedHistory<S> | undefined {
    return this.map.get(key);
  }

  remember(key: HistoryKey, texts: readonly ChannelText[], scores: ReadonlyArray<S | undefined>): void {
    let chars = 0;
    for (const t of texts) chars += t.text.length;
    this.map.set(key, { texts, scores, chars });
  }

  clear(): void {
    this.map.clear();
  }
}

/** Whether two texts are the same text in the same channel and role (a remembered score applies). */
export function sameText(a: ChannelText | undefined, b: ChannelText): boolean {
  return a !== undefined && a.text === b.text && a.channel === b.channel && a.assistant === b.assistant;
}
