import { createHmac } from 'node:crypto';
import { sipKey, type SipKey } from './siphash.js';

/** Shortest secret accepted: 16 characters (use 32 random bytes, e.g. `openssl rand -hex 32`). */
export const MIN_SECRET_LENGTH = 16;

const ROOT_LABEL = 'distill-guard watermark v1';
/** Identity keys remembered per secret; all are forgotten when there are this many. */
const MAX_IDENTITY_KEYS = 4096;

/**
 * The keys a watermark secret yields. The secret itself is not kept: only a root derived from it
 * with HMAC-SHA256, from which the choice key, the channel key (which positions carry identity
 * marks) and each identity's key are derived. `id` is a short, public name for the secret.
 */
export class WatermarkKey {
  /** `wm_` and 12 hex digits: names the secret in audit lines and reports without revealing it. */
  readonly id: string;
  /** Keys the member chosen at a shared position. */
  readonly choice: SipKey;
  /** Keys whether a position carries the shared mark or the identity's (attribution only). */
  readonly channel: SipKey;
  readonly #root: Buffer;
  readonly #identities = new Map<string, SipKey>();

  constructor(secret: string) {
    this.#root = createHmac('sha256', secret).update(ROOT_LABEL).digest();
    this.id = `wm_${this.derive('key id').toString('hex').slice(0, 12)}`;
    this.choice = sipKey(this.derive('choice'));
    this.channel = sipKey(this.derive('channel'));
  }

  /**
   * The choice key of one identity, for attribution (`decision.identity.id`). Remembered: an
   * HMAC per answer served cost more than marking the answer, and identities come back.
   */
  identity(identity: string): SipKey {
    let key = this.#identities.get(identity);
    if (!key) {
      if (this.#identities.size >= MAX_IDENTITY_KEYS) this.#identities.clear();
      key = sipKey(this.derive(`identity\0${identity}`));
      this.#identities.set(identity, key);
    }
    return key;
  }

  private derive(label: string): Buffer {
    return createHmac('sha256', this.#root).update(label).digest();
  }
}

/**
 * The key of a watermark secret.
 *
 * @example
 * ```ts
 * const key = watermarkKey(process.env.DISTILL_GUARD_WATERMARK_SECRET!);
 * key.id; // 'wm_3f9a0c12be47', what the audit log records
 * ```
 */
export function watermarkKey(secret: string): WatermarkKey {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    throw new TypeError(`a watermark secret must be a string of at least ${MIN_SECRET_LENGTH} characters`);
  }
  return new WatermarkKey(secret);
}
