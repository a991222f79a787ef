import { randomBytes } from 'node:crypto';

// A random per-process prefix and a counter: unique across instances, and no crypto call per request.
const PREFIX = `h${randomBytes(6).toString('base64url')}`;
/** The counter's range: every value has 7 base-36 digits, so no padding is built per request. */
const FIRST = 36 ** 6;
const LAST = 36 ** 7 - 1;
let counter = FIRST;

/**
 * The id a reservation holds under on Redis: new for every reservation, and never the request's
 * id. The row script answers a reservation whose id already holds as one it ran before (a call
 * ioredis sent again after a dropped connection) and takes nothing again, so an id a client can
 * choose (`x-request-id`) would let parallel requests reusing it pass for one; it could also
 * cancel another request's hold through its own refusal.
 */
export function newHoldId(): string {
  counter = counter === LAST ? FIRST : counter + 1;
  return PREFIX + counter.toString(36);
}
