import { BoundedMap, sha256Base64 } from '../cache/index.js';

/** Texts up to this length are their own key in a {@link TextMemory} (see `TextMemory.keyOf`). */
export const TEXT_KEY_MAX_CHARS = 64;

/**
 * Scores of texts already scanned, keyed by a SHA-256 digest of the channel and the text (a text
 * of at most {@link TEXT_KEY_MAX_CHARS} characters is its own key: `TextMemory.keyOf`). Chat
 * clients resend the whole history with every turn, so each request hashes its texts once and
 * scans only those it has not seen (usually the new turn and the reply before it). A digest, not
 * the text, is the key: a long history is not kept twice in memory, and SHA-256 cannot be made
 * to collide, so an attacker cannot get a text scored as another one. At most 200,000 entries,
 * oldest out first.
 */
export class TextMemory<V> {
  private readonly map: BoundedMap<V>;
  constructor(maxEntries = 200_000) {
    this.map = new BoundedMap<V>(maxEntries, () => 1);
  }

  /** The digest of a text on a channel: 22 base64 characters (132 bits). */
  static digest(channel: string, text: string): string {
    return sha256Base64(`${channel}\u0000${text}`).slice(0, 22);
  }

  /**
   * The key of a text on a channel: the text itself, after the channel and a NUL, when it has at
   * most {@link TEXT_KEY_MAX_CHARS} characters, else its {@link TextMemory.digest}. A base64
   * digest has no NUL, so the two kinds of key never meet, and a text key is the text, so it
   * cannot collide either.
   *
   * Why: chat traffic's new turns are short, and hashing one with SHA-256 cost more than
   * looking it up (inside a server, where the hash's code and tables are out of the caches
   * between two requests, about 15% of the shield's cost per short text). A short key held as
   * the text takes no more memory than a digest (22 characters sliced out of 44).
   *
   * @example
   * ```ts
   * TextMemory.keyOf('user', 'Thanks!'); // 'user\u0000Thanks!'
   * TextMemory.keyOf('user', longText) === TextMemory.digest('user', longText); // true
   * ```
   */
  static keyOf(channel: string, text: string): string {
    return text.length <= TEXT_KEY_MAX_CHARS ? `${channel}\u0000${text}` : TextMemory.digest(channel, text);
  }

  get(digest: string): V | undefined {
    return this.map.get(digest);
  }

  set(digest: string, value: V): void {
    this.map.set(digest, value);
  }

  clear(): void {
    this.map.clear();
  }
}
