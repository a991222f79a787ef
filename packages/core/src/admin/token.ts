import { createHash, timingSafeEqual } from 'node:crypto';

/** Shortest admin token accepted: long enough that guessing it over HTTP is hopeless. */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * A constant-time check of a presented token against the configured one. Both sides are hashed
 * first, so the comparison takes the same time whatever the presented token's length.
 *
 * @example
 * ```ts
 * const matches = tokenMatcher(process.env.ADMIN_TOKEN!);
 * matches(presentedToken(req.headers)); // true or false
 * ```
 */
export function tokenMatcher(token: string): (presented: string | undefined) => boolean {
  const expected = digest(token);
  return (presented) => {
    // Hash even when nothing was presented, so a missing token costs what a wrong one does.
    const actual = digest(presented ?? '');
    return timingSafeEqual(actual, expected) && presented !== undefined;
  };
}

/**
 * The token a request presents: `Authorization: Bearer <token>`, else `x-admin-token`.
 *
 * @example
 * ```ts
 * presentedToken({ authorization: 'Bearer s3cr3t-admin-token-0001' }); // 's3cr3t-admin-token-0001'
 * ```
 */
export function presentedToken(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = first(headers.authorization);
  if (auth) {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(auth);
    if (match) return match[1];
  }
  return first(headers['x-admin-token'])?.trim() || undefined;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
