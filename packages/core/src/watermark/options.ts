import { OptionsError } from '../errors/index.js';
import { expectBoolean, expectObject, optional } from '../options/validate.js';
import { MIN_SECRET_LENGTH, WatermarkKey } from './keys.js';
import { createWatermarker, type Watermarker } from './mark.js';

/**
 * `claudeRoute`'s `watermark` option: marks served text so that a model trained on it can be
 * recognised later (`distill-guard watermark verify`). Off unless given.
 *
 * @example
 * ```ts
 * claudeRoute({ client, watermark: { secret: process.env.WATERMARK_SECRET! } });
 * ```
 */
export interface WatermarkOptions {
  /**
   * The key of the mark, at least 16 characters (use 32 random bytes: `openssl rand -hex 32`).
   * Keep it like a signing key: whoever has it can test for the mark, and can remove it.
   */
  secret: string;
  /**
   * Half of the positions carry a mark of the identity served (`decision.identity.id`) instead
   * of the shared one, so `verify --identities` can rank identities. Costs the shared test half
   * of its positions. Default `false`.
   */
  attribution?: boolean;
}

/** The watermark as `claudeRoute` uses it. */
export interface ResolvedWatermark {
  /** Names the secret in audit lines (`wm_` and 12 hex digits). */
  readonly keyId: string;
  readonly attribution: boolean;
  /** A watermarker for one text block served to `identity`. */
  create(identity: string): Watermarker;
}

/**
 * Validates the `watermark` option; undefined or `false` is off.
 *
 * @example
 * ```ts
 * parseWatermarkOptions({ secret: 'short' }, 'claudeRoute.watermark');
 * // throws OptionsError: option `claudeRoute.watermark.secret` must be at least 16 characters long ...
 * ```
 */
export function parseWatermarkOptions(input: unknown, path: string): ResolvedWatermark | undefined {
  if (input === undefined || input === false) return undefined;
  const o = expectObject(path, input, ['secret', 'attribution']);
  if (typeof o.secret !== 'string') {
    throw new OptionsError(`${path}.secret`, `must be a string of at least ${MIN_SECRET_LENGTH} characters (32 random bytes as hex, for instance), got ${o.secret === undefined ? 'nothing' : typeof o.secret}.`);
  }
  if (o.secret.length < MIN_SECRET_LENGTH) {
    throw new OptionsError(`${path}.secret`, `must be at least ${MIN_SECRET_LENGTH} characters long, got ${o.secret.length}: a short secret can be guessed, and with it the mark removed.`);
  }
  const attribution = optional(o.attribution, false, (v) => expectBoolean(`${path}.attribution`, v));
  const key = new WatermarkKey(o.secret);
  return {
    keyId: key.id,
    attribution,
    create: (identity) => createWatermarker(key, attribution ? { identity } : {}),
  };
}
