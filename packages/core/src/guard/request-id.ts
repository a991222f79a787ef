import { randomBytes } from 'node:crypto';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
// A random per-process prefix and a counter: unique across instances, and no crypto call per request.
const PREFIX = `req_${randomBytes(6).toString('hex')}`;
/** The counter's range: every value has 8 base-36 digits, so no padding is built per request. */
const FIRST = 36 ** 7;
const LAST = 36 ** 8 - 1;
let counter = FIRST;

/** A request id: the caller's if it is safe to echo in a header, otherwise a new one. */
export function requestId(given?: string): string {
  if (given !== undefined && SAFE_ID.test(given)) return given;
  counter = counter === LAST ? FIRST : counter + 1;
  return PREFIX + counter.toString(36);
}
