import { createHmac } from 'node:crypto';
import { canonicalJson } from './canonical.js';

/** `prev` of the first event of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Where a chain stands: the last event's `seq` and `hash`. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * HMAC-SHA256, keyed by the audit secret, over the canonical form of the event without its
 * `hash`. Since `seq` and `prev` are inside, editing, deleting, inserting or moving a line breaks
 * either this line's hash or the next line's link.
 *
 * @example
 * ```ts
 * const event = JSON.parse(line);
 * const intact = eventHash(secret, event) === event.hash;
 * ```
 */
export function eventHash(secret: string, event: Record<string, unknown>): string {
  const { hash: _ignored, ...rest } = event;
  return createHmac('sha256', secret).update(canonicalJson(rest), 'utf8').digest('hex');
}

/** Adds `seq`, `prev` and `hash` to `record`, continuing from `head`; returns the new event and head. */
export function chainRecord<T extends Record<string, unknown>>(
  secret: string,
  head: ChainHead,
  record: T,
): { event: T & { seq: number; prev: string; hash: string }; head: ChainHead } {
  const seq = head.seq + 1;
  const unsigned = { ...record, seq, prev: head.hash };
  const hash = eventHash(secret, unsigned);
  const event = { ...unsigned, hash };
  return { event, head: { seq, hash } };
}
