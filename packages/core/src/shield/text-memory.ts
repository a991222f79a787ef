import { BoundedMap, sha256Base64 } from '../cache/index.js';

/**
 * Scores of texts already scanned, keyed by a SHA-256 digest of the channel and the text. Chat
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
