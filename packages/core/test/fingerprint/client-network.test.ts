import { describe, expect, it } from 'vitest';
import { clientFingerprint, fingerprintRequest, networkGroups } from '../../src/fingerprint/index.js';

const chrome = {
  'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  'content-type': 'application/json',
  'accept-language': 'de-DE,de;q=0.9,en;q=0.7',
  accept: '*/*',
  origin: 'https://chat.example.com',
  'sec-fetch-mode': 'cors',
};

describe('client fingerprint', () => {
  it('tells HTTP libraries from browsers', () => {
    const lib = clientFingerprint({ 'user-agent': 'python-requests/2.32.3', 'content-type': 'application/json' });
    expect(lib.kind).toBe('scripted');
    expect(lib.family).toBe('python-requests');
    expect(lib.scripted).toBeGreaterThan(0.9);
    const browser = clientFingerprint(chrome);
    expect(browser.kind).toBe('browser');
    expect(browser.family).toBe('chrome');
    expect(browser.language).toBe('de-de');
    expect(browser.fetchMetadata).toBe(true);
    expect(browser.scripted).toBeLessThan(0.1);
  });

  it('suspects a browser user-agent sent without browser headers', () => {
    const costume = clientFingerprint({ 'user-agent': chrome['user-agent'], 'content-type': 'application/json' });
    expect(costume.kind).toBe('scripted');
  });

  it('depends on header order and language, not on values like the host', () => {
    const a = clientFingerprint(chrome);
    const { accept, ...rest } = chrome;
    const reordered = clientFingerprint({ accept, ...rest });
    const otherLang = clientFingerprint({ ...chrome, 'accept-language': 'fr-FR' });
    const withHost = clientFingerprint({ host: 'a.example', ...chrome });
    expect(reordered.headerOrder).not.toBe(a.headerOrder);
    expect(otherLang.id).not.toBe(a.id);
    expect(withHost.id).toBe(a.id);
  });
});

describe('network groups', () => {
  it('groups IPv4 by /24 and IPv6 by /48 and /64', () => {
    expect(networkGroups('203.0.113.77')).toEqual({ family: 4, group: '203.0.113.0/24', subscriber: '203.0.113.0/24' });
    const v6 = networkGroups('2001:db8:1:2:3:4:5:6');
    expect(v6.group).toBe('2001:db8:1::/48');
    expect(v6.subscriber).toBe('2001:db8:1:2::/64');
    expect(networkGroups('not-an-ip').family).toBe(0);
  });
});

describe('request fingerprint', () => {
  it('combines client, network, prompt and conversation shape', () => {
    const f = fingerprintRequest({
      ip: '198.51.100.4',
      headers: chrome,
      body: { model: 'claude-haiku-4-5', max_tokens: 1024, system: 'Always think step by step and show your reasoning.', messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello' }, { role: 'user', content: 'Name a river.' }] },
    });
    expect(f.turns).toBe(3);
    expect(f.system).not.toBe(0);
    expect(f.reasoning).toBeGreaterThan(0.8);
    expect(f.prompt.reasoning).toBeLessThan(0.2);
    expect(f.network.group).toBe('198.51.100.0/24');
  });
});
