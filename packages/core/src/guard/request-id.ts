import { randomUUID } from 'node:crypto';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A request id: the caller's if it is safe to echo in a header, otherwise a new one. */
export function requestId(given?: string): string {
  return given && SAFE_ID.test(given) ? given : `req_${randomUUID().replace(/-/g, '')}`;
}
