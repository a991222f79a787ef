import type { GuardHeaders } from '../request/index.js';
import { ClientFingerprintCache } from './client-cache.js';
import { fnv1a, hex32, mix32 } from './hash.js';

/** The client software behind a request, read from its headers. */
export interface ClientFingerprint {
  /** Stable id of the header shape: header names in order, user-agent family and major version, language, fetch metadata. */
  id: string;
  /** {@link id} as a number. */
  hash: number;
  /** User-agent family: `chrome`, `edge`, `firefox`, `safari`, `python-requests`, `python-httpx`, `node`, `curl`, `go`, … or `other`/`none`. */
  family: string;
  /** `browser` (browser user-agent with the headers browsers send), `scripted` (an HTTP library or tool), or `unknown`. */
  kind: 'browser' | 'scripted' | 'unknown';
  /** Probability-like score in [0, 1] that a script rather than a person at a browser sent the request. */
  scripted: number;
  /** Hash of the header names in arrival order. */
  headerOrder: string;
  headerCount: number;
  /** Primary `accept-language` tag (`en-us`), if sent. */
  language?: string;
  /** Whether `sec-fetch-*` metadata was sent (browsers add it; most libraries do not). */
  fetchMetadata: boolean;
}

const LIBRARIES: ReadonlyArray<[RegExp, string]> = [
  [/^python-requests\b/i, 'python-requests'],
  [/^python-httpx\b/i, 'python-httpx'],
  [/\baiohttp\b/i, 'python-aiohttp'],
  [/^python-urllib\b|^python\//i, 'python'],
  [/^(node|node-fetch|undici)\b/i, 'node'],
  [/^axios\b/i, 'axios'],
  [/^(got|ky|superagent)\b/i, 'node'],
  [/^curl\//i, 'curl'],
  [/^wget\//i, 'wget'],
  [/^go-http-client\b/i, 'go'],
  [/^(java|okhttp|apache-httpclient)\b/i, 'java'],
  [/^(libwww-perl|lwp)\b/i, 'perl'],
  [/^ruby\b|^faraday\b/i, 'ruby'],
  [/^(postmanruntime|insomnia|httpie)\b/i, 'api-tool'],
  [/^(anthropic|openai)\//i, 'sdk'],
  [/\b(scrapy|headlesschrome|phantomjs|puppeteer|playwright|selenium)\b/i, 'headless'],
  [/\b(bot|crawler|spider)\b/i, 'bot'],
];

interface UserAgentInfo {
  family: string;
  major: string;
  library: boolean;
  browser: boolean;
  hash: number;
}

const uaCache = new Map<string, UserAgentInfo>();
const langCache = new Map<string, string>();

function parseUserAgent(ua: string): UserAgentInfo {
  const hit = uaCache.get(ua);
  if (hit) return hit;
  let family = 'other';
  let major = '';
  let library = false;
  for (const [re, name] of LIBRARIES) {
    if (re.test(ua)) {
      family = name;
      major = /\/(\d+)/.exec(ua)?.[1] ?? '';
      library = true;
      break;
    }
  }
  if (!library) {
    let m: RegExpExecArray | null;
    if ((m = /\bEdg(?:e|A|iOS)?\/(\d+)/.exec(ua))) [family, major] = ['edge', m[1]!];
    else if ((m = /\b(?:Firefox|FxiOS)\/(\d+)/.exec(ua))) [family, major] = ['firefox', m[1]!];
    else if ((m = /\b(?:Chrome|CriOS)\/(\d+)/.exec(ua))) [family, major] = ['chrome', m[1]!];
    else if ((m = /\bVersion\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//.exec(ua))) [family, major] = ['safari', m[1]!];
    else if (/^Mozilla\/5\.0 /.test(ua)) family = 'mozilla';
  }
  const browser = !library && family !== 'other';
  const info = { family, major, library, browser, hash: fnv1a(`${family}/${major}`) };
  if (uaCache.size > 2000) uaCache.clear();
  uaCache.set(ua, info);
  return info;
}

function primaryLanguage(header: string): string {
  let tag = langCache.get(header);
  if (tag === undefined) {
    tag = header.split(',')[0]!.split(';')[0]!.trim().toLowerCase();
    if (langCache.size > 1000) langCache.clear();
    langCache.set(header, tag);
  }
  return tag;
}

/** A user agent that starts with a product token and a version ("acme-shop-sync/3.2 (+https://…)"), as clients that name themselves write it. */
const SELF_NAMED = /^[A-Za-z][\w.+-]*\/\d/;

const NO_UA: UserAgentInfo = { family: 'none', major: '', library: false, browser: false, hash: 0 };

/** The fingerprints of clients seen before (see {@link ClientFingerprintCache}); as many user-agents as the user-agent cache. */
const fingerprints = new ClientFingerprintCache(2000);

/**
 * Fingerprints the client from its headers (names lower-case, in arrival order). Requests with the
 * same user-agent and header shape are handed the same (frozen) fingerprint.
 *
 * @example
 * ```ts
 * clientFingerprint({ 'user-agent': 'python-requests/2.32.3', 'content-type': 'application/json' }).kind; // 'scripted'
 * ```
 */
export function clientFingerprint(headers: GuardHeaders): ClientFingerprint {
  let names = 0x811c9dc5;
  let count = 0;
  let fetchMetadata = false;
  for (const name in headers) {
    if (headers[name] === undefined || IGNORED.has(name) || name.startsWith('x-forwarded')) continue;
    names = fnv1a(name, names) ^ 0x2c;
    count++;
    if (!fetchMetadata && name.startsWith('sec-fetch-')) fetchMetadata = true;
  }
  const ua = headers['user-agent'];
  const lang = headers['accept-language'];
  const language = lang ? primaryLanguage(lang) : undefined;
  const browserHeaders = (lang ? 1 : 0) + (fetchMetadata ? 1 : 0) + (headers['accept'] ? 1 : 0) + (headers['origin'] || headers['referer'] ? 1 : 0);
  const order = names >>> 0;
  const agent = ua || '';
  return fingerprints.get(agent, order, count, fetchMetadata, language, browserHeaders) ?? fingerprints.put(agent, order, count, fetchMetadata, language, browserHeaders, makeClientFingerprint(ua, order, count, fetchMetadata, language, browserHeaders));
}

/** The fingerprint of a client of this user-agent and header shape (what {@link clientFingerprint} reads from the headers). */
function makeClientFingerprint(ua: string | undefined, order: number, count: number, fetchMetadata: boolean, language: string | undefined, browserHeaders: number): ClientFingerprint {
  const info = ua ? parseUserAgent(ua) : NO_UA;

  let scripted: number;
  let kind: ClientFingerprint['kind'];
  if (info.library) {
    scripted = 0.97;
    kind = 'scripted';
  } else if (!ua) {
    scripted = 0.9;
    kind = 'scripted';
  } else if (info.browser && browserHeaders >= 3) {
    scripted = 0.04;
    kind = 'browser';
  } else if (info.browser && browserHeaders === 2) {
    scripted = 0.3;
    kind = 'unknown';
  } else if (info.browser) {
    // A browser user-agent without the headers every browser sends: a script wearing a costume.
    scripted = 0.8;
    kind = 'scripted';
  } else if (browserHeaders <= 1 && language === undefined && SELF_NAMED.test(ua)) {
    // A client that names itself ("acme-shop-sync/3.2"), neither a browser nor dressed as one:
    // automation that says what it is, in its own words rather than an HTTP library's. Read as
    // unknown (0.7), machine pace judged an in-house service as a browser in disguise; and a
    // harvest gains nothing by naming itself that "python-httpx/0.28.1" does not already give it.
    // Not with a language: a native app that people use names itself too, and sends theirs.
    scripted = 0.97;
    kind = 'scripted';
  } else {
    scripted = browserHeaders >= 3 ? 0.3 : 0.7;
    kind = 'unknown';
  }
  const id = mix32(order ^ Math.imul(info.hash, 0x9e3779b1) ^ (language ? fnv1a(language, 0x1234567) : 0) ^ (fetchMetadata ? 0x5bd1e995 : 0));
  // Two literals rather than a conditional spread of `language` (V8 adds the fields after a spread one by one); same fields, same order.
  if (language !== undefined) return { id: hex32(id), hash: id, family: info.family, kind, scripted, headerOrder: hex32(mix32(order)), headerCount: count, language, fetchMetadata };
  return { id: hex32(id), hash: id, family: info.family, kind, scripted, headerOrder: hex32(mix32(order)), headerCount: count, fetchMetadata };
}

// Connection-level, proxy and credential headers vary with the route, not with the client.
const IGNORED = new Set(['host', 'content-length', 'connection', 'x-real-ip', 'x-request-id', 'authorization', 'cookie', 'x-api-key', 'forwarded', 'via']);
