import { describe, expect, it } from 'vitest';
import { addressBook, createClientAddressResolver, createClientIpResolver, createGuard, hashApiKey, matchApiKey, networkOf, normalizeIp, parseApiKeyOptions, ipIdentity, principalId } from '../../src/internal.js';
import { memoryLogger } from '../helpers.js';

describe('client address', () => {
  it('ignores X-Forwarded-For unless a proxy is trusted', () => {
    const headers = { 'x-forwarded-for': '198.51.100.7, 10.0.0.2' };
    expect(createClientIpResolver(false)('10.0.0.1', headers)).toBe('10.0.0.1');
    expect(createClientIpResolver(1)('10.0.0.1', headers)).toBe('10.0.0.2');
    expect(createClientIpResolver(2)('10.0.0.1', headers)).toBe('198.51.100.7');
    expect(createClientIpResolver(['private'])('10.0.0.1', headers)).toBe('198.51.100.7');
    expect(createClientIpResolver(['10.0.0.1'])('10.0.0.1', headers)).toBe('10.0.0.2');
    // An untrusted peer cannot choose its address by sending the header.
    expect(createClientIpResolver(['loopback'])('198.51.100.99', { 'x-forwarded-for': '1.2.3.4' })).toBe('198.51.100.99');
    expect(createClientIpResolver(true)('10.0.0.1', headers)).toBe('198.51.100.7');
  });

  it('matches trusted proxies by CIDR, IPv4 and IPv6, and skips hops that are not addresses', () => {
    const resolve = createClientIpResolver(['172.16.0.0/12', '2001:db8:aa::/48', '192.0.2.10']);
    expect(resolve('172.31.255.254', { 'x-forwarded-for': '203.0.113.5' })).toBe('203.0.113.5');
    expect(resolve('172.32.0.1', { 'x-forwarded-for': '203.0.113.5' })).toBe('172.32.0.1');
    expect(resolve('2001:db8:aa:ffff::1', { 'x-forwarded-for': '203.0.113.5' })).toBe('203.0.113.5');
    expect(resolve('2001:db8:ab::1', { 'x-forwarded-for': '203.0.113.5' })).toBe('2001:db8:ab::1');
    expect(resolve('::ffff:192.0.2.10', { 'x-forwarded-for': '203.0.113.5' })).toBe('203.0.113.5');
    expect(resolve('192.0.2.11', { 'x-forwarded-for': '203.0.113.5' })).toBe('192.0.2.11');
    // Two trusted hops, junk and empty entries skipped, the first untrusted hop wins.
    expect(resolve('192.0.2.10', { 'x-forwarded-for': '198.51.100.1, 203.0.113.5 , not-an-ip,, 172.16.0.9' })).toBe('203.0.113.5');
    // Every hop trusted: the farthest one is the client.
    expect(resolve('192.0.2.10', { 'x-forwarded-for': '172.16.0.8, 172.16.0.9' })).toBe('172.16.0.8');
    // Repeated lookups (cached) give the same answers.
    for (let i = 0; i < 3; i++) expect(resolve('172.32.0.1', { 'x-forwarded-for': '203.0.113.5' })).toBe('172.32.0.1');
  });

  it('gives the client address with its network and anonymous identity in one lookup', () => {
    const resolve = createClientAddressResolver(['loopback'], addressBook(48));
    expect(resolve('127.0.0.1', { 'x-forwarded-for': '2001:db8:1:2::7' })).toEqual({ ip: '2001:db8:1:2::7', valid: true, network: '2001:db8:1::/48', id: '2001:db8:1::/48' });
    expect(resolve('::ffff:127.0.0.1', { 'x-forwarded-for': 'junk, 198.51.100.7' })).toEqual({ ip: '198.51.100.7', valid: true, network: '198.51.100.0/24', id: '198.51.100.7' });
    // A peer that is not an address (a Unix socket) is still the client, marked as no address.
    expect(resolve('', {})).toMatchObject({ ip: '', valid: false });
    // The same text twice is one record.
    expect(resolve('127.0.0.1', { 'x-forwarded-for': '203.0.113.5' })).toBe(resolve('127.0.0.1', { 'x-forwarded-for': '203.0.113.5' }));
  });

  it('rejects a malformed trusted proxy, naming the entry', () => {
    expect(() => createClientIpResolver(['10.0.0.0/33'])).toThrow(/trustProxy\.0/);
    expect(() => createClientIpResolver(['loopback', 'proxy.internal'])).toThrow(/trustProxy\.1.*proxy\.internal/);
    expect(() => createClientIpResolver(['10.0.0.0/x'])).toThrow(/trustProxy\.0/);
  });

  it('normalises IPv4-mapped and zoned IPv6', () => {
    expect(normalizeIp('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(normalizeIp('FE80::1%eth0')).toBe('fe80::1');
    expect(normalizeIp('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
  });

  it('groups networks: IPv4 /24, IPv6 by prefix', () => {
    expect(networkOf('203.0.113.77')).toBe('203.0.113.0/24');
    expect(networkOf('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8:1:2:aaaa::1', 48)).toBe('2001:db8:1::/48');
    expect(ipIdentity('2001:db8:1:2::5', 64)).toBe(ipIdentity('2001:db8:1:2:ffff::9', 64));
    expect(ipIdentity('203.0.113.5', 64)).toBe('203.0.113.5');
  });
});

describe('client API keys', () => {
  it('matches keys by hash, supporting several active keys', () => {
    const config = parseApiKeyOptions({ keys: [{ id: 'old', hash: hashApiKey('key-one') }, { id: 'new', hash: hashApiKey('key-two') }] }, 'apiKeys');
    expect(matchApiKey('key-one', config)).toBe('old');
    expect(matchApiKey('key-two', config)).toBe('new');
    expect(matchApiKey('key-three', config)).toBeUndefined();
    expect(hashApiKey('key-one')).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('identity namespaces', () => {
  it('keeps principals apart whatever their ids look like', () => {
    expect(principalId('user', 'u_1842')).toBe('u_1842');
    expect(principalId('custom', 'tenant:acme')).toBe('tenant:acme');
    expect(principalId('user', '127.0.0.1')).toBe('user:127.0.0.1');
    expect(principalId('user', '2001:db8::1')).toBe('user:2001:db8::1');
    expect(principalId('user', '2001:db8:1:2::/64')).toBe('user:2001:db8:1:2::/64');
    expect(principalId('user', 'key:acme')).toBe('user:key:acme');
    expect(principalId('user', 'custom:x')).toBe('user:custom:x');
    expect(principalId('custom', 'user:x')).toBe('custom:user:x');
    expect(principalId('custom', '10.0.0.1')).toBe('custom:10.0.0.1');
  });

  it('never lets a user spend the limits or take the flag of an address or an API-key client', async () => {
    const apiKeys = { keys: [{ id: 'acme', hash: hashApiKey('secret-key-1') }], required: false };
    const guard = createGuard({ apiKeys, limits: { requests: { limit: 2, window: '1m' } }, detector: false, shield: false, logger: memoryLogger(), warnings: false });
    const body = { model: 'claude-haiku-5-5', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] };
    const as = (extra: Record<string, unknown>) => guard.check({ ip: '127.0.0.1', method: 'POST', path: '/', headers: {}, body, ...extra });
    // A user named like the address and one named like the key spend their own limits.
    for (let i = 0; i < 3; i++) await as({ user: '127.0.0.1' });
    for (let i = 0; i < 3; i++) await as({ user: 'key:acme' });
    const anonymous = await as({});
    const client = await as({ headers: { 'x-api-key': 'secret-key-1' } });
    expect(anonymous.identity.id).toBe('127.0.0.1');
    expect(client.identity.id).toBe('key:acme');
    expect(anonymous.allowed).toBe(true);
    expect(client.allowed).toBe(true);
    // Flags too.
    await guard.flag('user:key:acme', 'test');
    expect((await as({ headers: { 'x-api-key': 'secret-key-1' } })).allowed).toBe(true);
    expect((await as({ user: 'key:acme' })).reason).toBe('flagged');
    await guard.close();
  });
});
