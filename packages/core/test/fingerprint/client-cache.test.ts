import { describe, expect, it } from 'vitest';
import { clientFingerprint } from '../../src/fingerprint/index.js';

const agent = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15';
const browser = () => ({ 'user-agent': agent, 'content-type': 'application/json', 'accept-language': 'fr-FR,fr;q=0.9', accept: '*/*', origin: 'https://app.example.com', 'sec-fetch-mode': 'cors' });

describe('client fingerprints of clients seen before', () => {
  it('hands a client the fingerprint made for its first request, shared and frozen', () => {
    const first = clientFingerprint(browser());
    const again = clientFingerprint(browser());
    expect(again).toBe(first);
    expect(Object.isFrozen(again)).toBe(true);
  });

  it('tells apart header shapes that share a user-agent', () => {
    const base = clientFingerprint(browser());
    const { accept: _accept, ...noAccept } = browser();
    const { 'sec-fetch-mode': _fetch, ...noFetch } = browser();
    const german = { ...browser(), 'accept-language': 'de-DE' };
    const { accept, ...rest } = browser();
    const reordered = { accept, ...rest };
    const withReferer = { ...browser(), referer: 'https://app.example.com/' };
    const { origin: _origin, ...noOrigin } = browser();
    const variants = [noAccept, noFetch, german, reordered, noOrigin, withReferer].map((h) => clientFingerprint(h));
    expect(variants[0]!.kind).toBe('browser');
    expect(clientFingerprint({ ...noAccept, origin: undefined } as Record<string, string | undefined>).kind).toBe('unknown');
    expect(variants[1]!.fetchMetadata).toBe(false);
    expect(variants[2]!.language).toBe('de-de');
    expect(variants[3]!.headerOrder).not.toBe(base.headerOrder);
    for (const v of variants) expect(v).not.toBe(base);
  });

  it('gives the same fingerprint whether or not it was pushed out of the cache meanwhile', () => {
    const made = { ...clientFingerprint({ ...browser(), 'x-shape': '0' }) };
    // More header shapes of the same user-agent than are kept for one, and then more user-agents than are kept.
    for (let i = 1; i < 40; i++) clientFingerprint({ ...browser(), [`x-shape-${i}`]: '1' });
    for (let i = 0; i < 2100; i++) clientFingerprint({ ...browser(), 'user-agent': `${agent} build/${i}`, 'x-shape': '0' });
    const again = clientFingerprint({ ...browser(), 'x-shape': '0' });
    expect({ ...again }).toEqual(made);
  });
});
