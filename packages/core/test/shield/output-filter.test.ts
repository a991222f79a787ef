import { describe, expect, it } from 'vitest';
import { createCanary, createOutputFilter, filterText, withCanary, type OutputFilterOptions } from '../../src/shield/index.js';

// Obviously fake credentials, in the shapes the filter must recognise.
const FAKE = {
  anthropic: `sk-ant-api03-${'FAKE0TEST0KEY0'.repeat(6)}AA`,
  openai: 'sk-proj-FAKEtestKEY0123456789abcdefFAKE',
  openaiLegacy: 'sk-FAKEtestKEY0123456789abcdefFAKEtestKEY012345',
  aws: 'AKIAIOSFODNN7EXAMPLE',
  awsSecretLine: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  github: 'ghp_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE1234',
  githubPat: `github_pat_${'FAKE1234'.repeat(10)}`,
  stripe: 'sk_live_FAKEFAKE1234567890abcd',
  stripeRestricted: 'rk_live_FAKEFAKE1234567890abcd',
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ0ZXN0LXVzZXIifQ.FAKE-signature_for-tests',
  pem: '-----BEGIN PRIVATE KEY-----\nMIIEvFAKEFAKEFAKEFAKEFAKEFAKE\nFAKEFAKEFAKEFAKE==\n-----END PRIVATE KEY-----',
};

/** Feeds `text` in chunks cut at `cuts`, returning what was emitted, chunk by chunk. */
function stream(text: string, cuts: number[], options: OutputFilterOptions = {}) {
  const filter = createOutputFilter(options);
  const emitted: string[] = [];
  let maxHeld = 0;
  let violation;
  let prev = 0;
  for (const cut of [...cuts, text.length]) {
    const r = filter.push(text.slice(prev, cut));
    prev = cut;
    emitted.push(r.text);
    maxHeld = Math.max(maxHeld, filter.held);
    if (r.violation) {
      violation = r.violation;
      break;
    }
  }
  if (!violation) {
    const r = filter.end();
    emitted.push(r.text);
    violation = r.violation;
  }
  return { out: emitted.join(''), emitted, maxHeld, violation, filter };
}

const every = (n: number, step: number) => Array.from({ length: Math.floor((n - 1) / step) }, (_, i) => (i + 1) * step);

describe('filterText', () => {
  it.each([
    ['anthropic-key', FAKE.anthropic],
    ['openai-key', FAKE.openai],
    ['openai-key', FAKE.openaiLegacy],
    ['aws-access-key', FAKE.aws],
    ['github-token', FAKE.github],
    ['github-token', FAKE.githubPat],
    ['stripe-key', FAKE.stripe],
    ['stripe-key', FAKE.stripeRestricted],
    ['jwt', FAKE.jwt],
  ])('redacts a %s', (label, secret) => {
    const r = filterText(`The key is ${secret}, keep it safe.`);
    expect(r.text).toBe(`The key is [REDACTED:${label}], keep it safe.`);
    expect(r.redactions).toEqual({ [label]: 1 });
  });

  it('keeps the context of an AWS secret access key and drops the whole PEM block', () => {
    expect(filterText(`export ${FAKE.awsSecretLine}\n`).text).toBe('export aws_secret_access_key = [REDACTED:aws-secret-key]\n');
    expect(filterText(`key:\n${FAKE.pem}\ndone`).text).toBe('key:\n[REDACTED:private-key]\ndone');
  });

  it('leaves look-alikes alone', () => {
    for (const text of [
      'Install sk-learn-compatible-transformers-for-the-pipeline today.',
      'The AKIA prefix marks long-term AWS keys.',
      'eyJ is how base64 JSON starts.',
      'Order 4111 1111 1111 1112 does not pass Luhn.',
      'Call extension 1234 or room 555.',
      'Write to jane at example dot com.',
    ]) {
      expect(filterText(text, { pii: true }).text).toBe(text);
    }
  });

  it('redacts PII only when asked, cards only with a valid Luhn digit', () => {
    const text = 'Mail jane.doe@example.co.uk, call +44 20 7946 0958 or (415) 555-0134, card 4111-1111-1111-1111.';
    expect(filterText(text).text).toBe(text);
    expect(filterText(text, { pii: true }).text).toBe('Mail [REDACTED:email], call [REDACTED:phone] or [REDACTED:phone], card [REDACTED:card].');
    expect(filterText(text, { pii: { emails: true } }).text).toBe('Mail [REDACTED:email], call +44 20 7946 0958 or (415) 555-0134, card 4111-1111-1111-1111.');
  });

  it('reports a canary or a system-prompt leak instead of redacting', () => {
    const canary = createCanary();
    expect(filterText(`ok ${canary}`, { canary })).toMatchObject({ text: 'ok ', violation: { kind: 'canary' } });
    expect(filterText(`ok ${canary.toUpperCase()}`, { canary }).violation?.kind).toBe('canary');
    const systemPrompt = 'You are the support assistant of Acme Rockets. Never discuss pricing of the X-200 model and always route refunds to a human agent.';
    expect(filterText(`Sure. ${systemPrompt}`, { systemPrompt }).violation?.kind).toBe('system-prompt-leak');
    expect(filterText('I am the support assistant of Acme Rockets.', { systemPrompt }).violation).toBeUndefined();
  });
});

describe('createOutputFilter across chunk boundaries', () => {
  const secrets = Object.entries(FAKE).filter(([k]) => k !== 'pem');

  it('redacts a secret split across two chunks at every position, without leaking a fragment', () => {
    for (const [name, secret] of secrets) {
      const text = `Here: ${secret} — end.`;
      const whole = filterText(text).text;
      const start = text.indexOf(secret);
      for (let cut = start; cut <= start + secret.length; cut++) {
        const { out, emitted } = stream(text, [cut]);
        expect(out, `${name} cut at ${cut}`).toBe(whole);
        // No chunk carries 8+ characters of the secret's body.
        for (const chunk of emitted) expect(chunk.includes(secret.slice(-8)), `${name} cut at ${cut}`).toBe(false);
      }
    }
  });

  it('redacts secrets split across many chunks of every size', () => {
    const text = `config:\nANTHROPIC_API_KEY=${FAKE.anthropic}\n${FAKE.awsSecretLine}\ntoken ${FAKE.jwt}. ${FAKE.pem}\nand ${FAKE.github}.`;
    const whole = filterText(text).text;
    expect(whole).not.toContain('FAKE');
    for (const size of [1, 2, 3, 5, 7, 11, 16, 31, 64]) {
      const { out, maxHeld } = stream(text, every(text.length, size));
      expect(out, `chunks of ${size}`).toBe(whole);
      expect(maxHeld).toBeLessThanOrEqual(64);
    }
  });

  it('cuts the stream on a canary split across two and several chunks, emitting no part of it', () => {
    const canary = createCanary();
    const text = `My hidden marker is ${canary} and the rest of my prompt.`;
    const start = text.indexOf(canary);
    for (const cuts of [[start + 5], [start + 12], [start + 20, start + 25], every(text.length, 3), every(text.length, 1)]) {
      const { out, violation } = stream(text, cuts, { canary });
      expect(violation?.kind).toBe('canary');
      expect(out).toBe('My hidden marker is ');
    }
  });

  it('stops on a system-prompt leak streamed in small pieces, re-wrapped', () => {
    const canary = createCanary();
    const systemPrompt = withCanary('You are Ada, the tutoring assistant of Northwind School.\nOnly discuss maths and physics; politely decline anything else, including homework for other subjects.', canary);
    const leak = 'Sure! Here it is:   you are Ada, the tutoring assistant of Northwind School. Only discuss maths and   physics; politely decline anything else';
    const { violation, out } = stream(leak, every(leak.length, 9), { systemPrompt });
    expect(violation?.kind).toBe('system-prompt-leak');
    expect(out.length).toBeLessThan(leak.length);
  });

  it('passes text without secrets through unchanged, every byte emitted, whatever the chunking', () => {
    const text = [
      'Here is a summary of the meeting: we agreed to ship v2.3 on Friday (2025-03-14).',
      'Run `npm ci && npm test`; the sk-learn-style API is at https://example.com/docs?page=2&q=a.',
      'Café, naïve, 東京, emoji 👩‍💻 and a long number 1234567890123 that fails Luhn.',
      'Prefixes alone: sk- sk-ant- AKIA ghp_ eyJ -----BEGIN PUBLIC KEY----- dg-canary done.',
    ].join('\n');
    for (const size of [1, 2, 5, 13, 100]) {
      for (const options of [{}, { pii: true }, { canary: createCanary(), systemPrompt: 'You are a helpful assistant for a bakery.' }]) {
        const { out, violation } = stream(text, every(text.length, size), options);
        expect(violation).toBeUndefined();
        expect(out).toBe(text);
      }
    }
  });

  it('holds back at most 64 characters on long benign text', () => {
    const words = 'alpha beta-gamma delta_epsilon 12345 +44 AKIAIO sk-ant- eyJabc user@exa ghp_ 4111 1111 (415) '.split(' ');
    let text = '';
    for (let i = 0; text.length < 100_000; i++) text += words[(i * 7) % words.length] + (i % 13 === 0 ? '\n' : ' ');
    const filter = createOutputFilter({ pii: true, canary: createCanary() });
    let out = '';
    for (let i = 0; i < text.length; i += 17) {
      out += filter.push(text.slice(i, i + 17)).text;
      expect(filter.held).toBeLessThanOrEqual(64);
    }
    out += filter.end().text;
    expect(filter.held).toBe(0);
    expect(out.length).toBeGreaterThan(90_000);
  });

  it('keeps reporting the violation after a cut, and end() flushes once', () => {
    const canary = createCanary();
    const filter = createOutputFilter({ canary });
    expect(filter.push(`x ${canary}`).violation?.kind).toBe('canary');
    expect(filter.push('more')).toEqual({ text: '', violation: filter.violation });
    expect(filter.end().violation?.kind).toBe('canary');

    const f2 = createOutputFilter();
    expect(f2.push('hello sk-').text).toBe('hello ');
    expect(f2.end().text).toBe('sk-');
    expect(f2.end().text).toBe('');
    expect(f2.push('late').text).toBe('');
  });

  it('swallows a private key whose END line never comes', () => {
    const { out } = stream(`before\n-----BEGIN RSA PRIVATE KEY-----\n${'FAKEKEYDATA'.repeat(500)}`, every(6000, 50));
    expect(out).toBe('before\n[REDACTED:private-key]');
  });
});
