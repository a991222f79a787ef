// Anonymous visitors of the chat page: a random id in an HttpOnly cookie, used as the guard's
// user (`req.user` / `ctx.state.user`) so limits and signals are per visitor, not per address.
import { randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'chatbot_uid';
const VALUE = /^[A-Za-z0-9_-]{22}$/;
const ONE_YEAR = 365 * 24 * 3600;

/**
 * The visitor's anonymous user id from the `Cookie` header, or a new one with the `Set-Cookie`
 * value that stores it. Clearing the cookie makes a new identity, which is why the guard's
 * per-IP limits stay on; an app with real accounts puts its own user on the request instead.
 *
 * @example
 * const visitor = anonymousUser(req.headers.cookie);
 * if (visitor.setCookie) res.setHeader('Set-Cookie', visitor.setCookie);
 * req.user = { id: visitor.id };
 *
 * @param {string | undefined} cookieHeader
 * @param {{ secure?: boolean }} [options] `secure` adds the `Secure` attribute (serve over HTTPS).
 * @returns {{ id: string, setCookie?: string }}
 */
export function anonymousUser(cookieHeader, { secure = false } = {}) {
  const current = readCookie(cookieHeader, SESSION_COOKIE);
  if (current && VALUE.test(current)) return { id: `anon_${current}` };
  const value = randomBytes(16).toString('base64url');
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${ONE_YEAR}`, ...(secure ? ['Secure'] : [])];
  return { id: `anon_${value}`, setCookie: `${SESSION_COOKIE}=${value}; ${attributes.join('; ')}` };
}

/**
 * @param {string | undefined} header
 * @param {string} name
 */
function readCookie(header, name) {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
