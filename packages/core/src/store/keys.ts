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
