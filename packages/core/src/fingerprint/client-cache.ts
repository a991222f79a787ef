import type { ClientFingerprint } from './client.js';

/** One kept fingerprint and the header shape it was made from (besides its user-agent). */
interface Entry {
  /** FNV-1a of the counted header names in arrival order. */
  order: number;
  /** Header names counted. */
  count: number;
  fetchMetadata: boolean;
  /** Primary `accept-language` tag, if any. */
  language: string | undefined;
  /** Browser headers sent (language, fetch metadata, accept, origin or referer): 0 to 4. */
  browserHeaders: number;
  fingerprint: ClientFingerprint;
}

/** Fingerprints kept per user-agent: a handful of header shapes send the same user-agent. */
const PER_AGENT = 8;

/**
 * The client fingerprints already made, by user-agent and header shape. A client sends the same
 * headers with every request, and a fingerprint is a pure function of them, so a request from a
 * client seen before is handed the fingerprint made for it then: no hex strings built, no object
 * allocated per request (both showed in the detector's allocation profile). Entries are frozen,
 * since every request of that client shares them. The shape is passed as arguments, not as an
 * object, so a lookup allocates nothing.
 *
 * Bounded like the user-agent cache beside it: at most `maxAgents` user-agents (cleared when
 * full), at most {@link PER_AGENT} header shapes each (the oldest replaced).
 *
 * @example
 * ```ts
 * const cache = new ClientFingerprintCache(2000);
 * cache.get(ua, order, count, fetchMetadata, language, browserHeaders) ?? cache.put(ua, order, count, fetchMetadata, language, browserHeaders, make());
 * ```
 */
export class ClientFingerprintCache {
  private readonly byAgent = new Map<string, Entry[]>();

  constructor(private readonly maxAgents: number) {}

  /** The fingerprint made for `agent` with this header shape, if it is still kept. */
  get(agent: string, order: number, count: number, fetchMetadata: boolean, language: string | undefined, browserHeaders: number): ClientFingerprint | undefined {
    const entries = this.byAgent.get(agent);
    if (entries === undefined) return undefined;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (e.order === order && e.count === count && e.fetchMetadata === fetchMetadata && e.language === language && e.browserHeaders === browserHeaders) return e.fingerprint;
    }
    return undefined;
  }

  /** Keeps `fingerprint` (frozen) for `agent` and this header shape, and returns it. */
  put(agent: string, order: number, count: number, fetchMetadata: boolean, language: string | undefined, browserHeaders: number, fingerprint: ClientFingerprint): ClientFingerprint {
    let entries = this.byAgent.get(agent);
    if (entries === undefined) {
      if (this.byAgent.size >= this.maxAgents) this.byAgent.clear();
      entries = [];
      this.byAgent.set(agent, entries);
    }
    if (entries.length >= PER_AGENT) entries.shift();
    Object.freeze(fingerprint);
    entries.push({ order, count, fetchMetadata, language, browserHeaders, fingerprint });
    return fingerprint;
  }
}
