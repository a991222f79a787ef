import { randomBytes } from 'node:crypto';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
// A random per-process prefix and a counter: unique across instances, and no crypto call per request.
const PREFIX = `req_${randomBytes(6).toString('hex')}`;
let counter = 0;

/** A request id: the caller's if it is safe to echo in a header, otherwise a new one. */
export function requestId(given?: string): string {
  if (given !== undefined && SAFE_ID.test(given)) return given;
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `${PREFIX}${counter.toString(36).padStart(8, '0')}`;
}
