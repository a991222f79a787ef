import { ROW_PROTOCOL } from './redis/row-script.js';

/**
 * Wraps an identity in a Redis Cluster hash tag so all of its keys share a slot.
 * Braces inside the id are replaced so that the tag cannot be broken out of.
 */
export function hashTag(id: string): string {
  return id.includes('{') || id.includes('}') ? `{${id.replace(/[{}]/g, '_')}}` : `{${id}}`;
}

/** The prefix of every key distill-guard writes. */
export const KEY_PREFIX = 'dg';

/** `dg:<part>:<part>…` */
export function storeKey(...parts: string[]): string {
  return [KEY_PREFIX, ...parts].join(':');
}

/**
 * The row of an identity or a client address on Redis: its counters and holds (see
 * `redis/row-script.ts`). The protocol version is part of the key.
 */
export function rowKey(id: string): string {
  // One template, not `storeKey`'s spread and join: two rows a request on Redis.
  return `${KEY_PREFIX}:r${ROW_PROTOCOL}:${hashTag(id)}`;
}

/**
 * A vector of `size` doubles kept beside an identity's row, on its slot (the detector's account
 * state; see `redis/row-script.ts`). The protocol version and the size are part of the key, so a
 * version whose vector has another shape keeps its own.
 */
export function vectorKey(id: string, size: number): string {
  return storeKey(`v2.${size}`, hashTag(id));
}

/** The row of the global limits: another key shape, so that no identity's row can be it. */
export const GLOBAL_ROW_KEY = storeKey(`r${ROW_PROTOCOL}g`, '{global}');
