// The chat page (HTML, one script, one stylesheet), read once and served from memory by both
// examples. No build step and nothing loaded from the internet: it works offline.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const PUBLIC = new URL('../public/', import.meta.url);

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
const PAGE_HEADERS = {
  ...SECURITY_HEADERS,
  // Everything comes from this origin; no inline script can run.
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
};

/**
 * @typedef {{ body: Buffer, headers: Record<string, string> }} Asset
 */

/**
 * The page's files by URL path: `/`, `/assets/chat.js`, `/assets/chat.css`. Each has its body
 * and its headers (type, ETag, `Cache-Control: no-cache`, CSP for the page).
 *
 * @example
 * const assets = pageAssets();
 * app.get(['/', '/assets/:file'], (req, res, next) => {
 *   const asset = assets.get(req.path);
 *   return asset ? res.set(asset.headers).send(asset.body) : next();
 * });
 *
 * @returns {Map<string, Asset>}
 */
export function pageAssets() {
  const file = (name, type, extra = {}) => {
    const body = readFileSync(new URL(name, PUBLIC));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    return { body, headers: { 'Content-Type': type, 'Cache-Control': 'no-cache', ETag: etag, ...SECURITY_HEADERS, ...extra } };
  };
  return new Map([
    ['/', file('index.html', 'text/html; charset=utf-8', PAGE_HEADERS)],
    ['/assets/chat.js', file('chat.js', 'text/javascript; charset=utf-8')],
    ['/assets/chat.css', file('chat.css', 'text/css; charset=utf-8')],
  ]);
}
