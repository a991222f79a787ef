// Wrong files and wrong options: every failure names the file (or the option), says what was
// expected, exits non-zero, and prints `distill-guard <command>:` once.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { humanChatSession, toLogLines } from '@distill-guard/core/replay';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, tempDir, writeAudit } from './audit-fixture.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

/** Random bytes with no NUL byte and no newline, so only the UTF-8 check can call them binary. */
function binary(size: number): Buffer {
  const buf = randomBytes(size);
  for (let i = 0; i < buf.length; i++) if (buf[i] === 0 || buf[i] === 10) buf[i] = 0xff;
  return buf;
}

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const requestLog = () => `${toLogLines(humanChatSession({ user: 'alice', count: 5, start: Date.UTC(2026, 10, 2), seed: 1 })).join('\n')}\n`;

/** The failure of a command: exit 1, nothing on stdout, one prefix, no raw errno, no `undefined`. */
function expectFailure(r: { code: number; stdout: string; stderr: string }, command: string) {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr.startsWith(`distill-guard ${command}: `), r.stderr).toBe(true);
  expect(r.stderr).not.toMatch(/distill-guard[^\n]*: distill-guard/);
  expect(r.stderr).not.toMatch(/undefined|ENOENT|EISDIR|\[object /);
  return r.stderr;
}

describe('replay on a file that is not a request log', () => {
  it('refuses a binary file, naming it, with a hint and exit 1 (no report)', async () => {
    for (const content of [Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0]), randomBytes(4000)]), binary(300)]) {
      const path = await file('requests.bin', content);
      const r = await run(['replay', path]);
      const err = expectFailure(r, 'replay');
      expect(err).toContain(`${path} is not a request log: it holds binary data.`);
      expect(err).toMatch(/\n {2}hint: a request log is JSON Lines \(plain or gzip\), one request per line with at least "ts" \(ISO-8601\) and "ip"; see https:\/\/\S+\/docs\/request-log\.md\n$/);
      expect(r.stdout).toBe('');
    }
  });

  it('refuses gzip that holds binary data, and gzip that cannot be decompressed', async () => {
    const gz = await file('requests.jsonl.gz', gzipSync(randomBytes(5000)));
    expect(expectFailure(await run(['replay', gz]), 'replay')).toContain(`${gz} is not a request log: it holds binary data once decompressed.`);
    const broken = await file('broken.jsonl.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3]));
    expect(expectFailure(await run(['replay', broken]), 'replay')).toContain(`${broken} starts like a gzip file but cannot be decompressed`);
  });

  it('names a gzip log cut short after a good start', async () => {
    const lines = toLogLines(humanChatSession({ user: 'alice', count: 4000, start: Date.UTC(2026, 10, 2), seed: 2 }));
    const whole = gzipSync(`${lines.join('\n')}\n`);
    const cut = await file('cut.jsonl.gz', whole.subarray(0, Math.floor(whole.length * 0.7)));
    const err = expectFailure(await run(['replay', cut, '--json']), 'replay');
    expect(err).toContain(`cannot read request log ${cut}: unexpected end of file (gzip).`);
    expect(err).toContain('hint: the gzip file may be cut short');
  });

  it('refuses JSON Lines of another format, plain text and an empty file, saying what a line lacks', async () => {
    const other = await file('events.jsonl', '{"event":"signup","user":"u1"}\n{"event":"login","user":"u1"}\n');
    expect(expectFailure(await run(['replay', other]), 'replay')).toContain(
      `${other} is not a request log: none of its first 2 lines is a request (line 1: missing \`ts\`).`,
    );
    const text = await file('notes.txt', 'hello\n');
    expect(expectFailure(await run(['replay', text]), 'replay')).toContain(`${text} is not a request log: line 1: not JSON`);
    const noIp = await file('no-ip.jsonl', '{"ts":"2026-11-02T06:00:00Z"}\n');
    expect(expectFailure(await run(['replay', noIp]), 'replay')).toContain(`${noIp} is not a request log: line 1: missing \`ip\`.`);
    const empty = await file('empty.jsonl', '');
    expect(expectFailure(await run(['replay', empty]), 'replay')).toContain(`${empty} is empty: there is no request to replay.`);
    const blank = await file('blank.jsonl', '\n\n  \n');
    expect(expectFailure(await run(['replay', blank]), 'replay')).toContain(`${blank} is empty: there is no request to replay.`);
  });

  it('points to report and audit verify when given an audit log', async () => {
    const audit = await writeAudit(dir, [{ identity: 'a', served: 2, blocked: 0, score: 0.1, costUsd: 0.01 }]);
    const err = expectFailure(await run(['replay', audit]), 'replay');
    expect(err).toContain(`${audit} is not a request log`);
    expect(err).toContain('hint: it looks like an audit log: summarise it with `distill-guard report`');
  });

  it('refuses a log whose bad lines come after the first 64 KiB only when no line at all is a request', async () => {
    const long = `${'{"ts":"nope"}\n'.repeat(6000)}`; // > 64 KiB, every line bad
    const path = await file('all-bad.jsonl', long);
    expect(expectFailure(await run(['replay', path]), 'replay')).toContain(`${path} is not a request log: none of its first`);
    const mixed = await file('mixed.jsonl', `${'{"ts":"nope"}\n'.repeat(10)}${requestLog()}`);
    const ok = await run(['replay', mixed, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).summary).toMatchObject({ requests: 5, badLines: 10 });
  });

  it('names a directory and a missing log', async () => {
    expect(expectFailure(await run(['replay', dir]), 'replay')).toContain(`${dir} is a directory; give one request log file.`);
    const missing = join(dir, 'nope.jsonl');
    expect(expectFailure(await run(['replay', missing]), 'replay')).toContain(`cannot read request log ${missing}: no such file or directory.`);
  });
});

describe('replay --config', () => {
  let log: string;
  beforeEach(async () => {
    log = await file('log.jsonl', requestLog());
  });
  const replayWith = (config: string) => run(['replay', log, '--json', '--config', config]);

  it('names a missing config file, JSON or module, without a raw ENOENT', async () => {
    for (const name of ['guard.json', 'guard.mjs']) {
      const err = expectFailure(await replayWith(join(dir, name)), 'replay');
      expect(err).toContain(`cannot read config file ${join(dir, name)}: no such file or directory.`);
      expect(err).toContain('hint: give --config a JSON file, or an ES module (.mjs or .js) whose default export is the guard options object.');
    }
  });

  it('names a config file that is not JSON, not an object, binary, unsupported or a failing module', async () => {
    const cases: Array<[string, string | Buffer, string]> = [
      ['bad.json', '{ mode: monitor }', 'is not valid JSON: '],
      ['list.json', '[1, 2]', 'must hold an object of guard options, got an array.'],
      ['null.json', 'null', 'must hold an object of guard options, got null.'],
      ['blob.json', binary(200), 'is not JSON: it holds binary data.'],
      ['five.mjs', 'export default 5;\n', 'must hold an object of guard options, got number 5.'],
      ['none.mjs', 'export const other = 1;\n', 'has no default export'],
    ];
    for (const [name, content, expected] of cases) {
      const path = await file(name, content);
      const err = expectFailure(await replayWith(path), 'replay');
      expect(err, name).toContain(`config file ${path} ${expected}`);
    }
    const yaml = await file('guard.yaml', 'mode: monitor\n');
    expect(expectFailure(await replayWith(yaml), 'replay')).toContain(`config file ${yaml}: .yaml files are not supported.`);
    const throws = await file('throws.mjs', "throw new Error('no REDIS_URL');\n");
    expect(expectFailure(await replayWith(throws), 'replay')).toContain(`cannot load config file ${throws}: no REDIS_URL`);
  });

  it('names the config file and the option once, without a doubled prefix or "got undefined"', async () => {
    const typo = await file('typo.json', JSON.stringify({ detector: { tresholds: {} } }));
    expect(expectFailure(await replayWith(typo), 'replay').split('\n')[0]).toBe(
      `distill-guard replay: config file ${typo}: option \`detector.tresholds\` is not a known option (did you mean \`detector.thresholds\`?).`,
    );
    const cases: Array<[object, string]> = [
      [{ limits: { requests: { window: '1m' } } }, 'option `limits.requests.limit` is missing: it must be a number.'],
      [{ limits: { requests: { limit: 5 } } }, "option `limits.requests.window` is missing: it must be a whole number of seconds >= 1 or a string like '30s', '1m', '6h', '1d'."],
      [{ apiKeys: { keys: [{}] } }, 'option `apiKeys.keys.0.id` is missing: it must be a string.'],
      [{ mode: 'watch' }, "option `mode` must be one of 'enforce', 'monitor', got the string \"watch\"."],
    ];
    for (const [options, expected] of cases) {
      const path = await file('options.json', JSON.stringify(options));
      const err = expectFailure(await replayWith(path), 'replay');
      expect(err.split('\n')[0]).toBe(`distill-guard replay: config file ${path}: ${expected}`);
      expect(err).toMatch(/hint: the options are those of createGuard; see https:\/\/\S+\/docs\/configuration\.md/);
    }
  });
});

describe('report and audit verify on files that are not audit logs', () => {
  for (const command of [['report'], ['audit', 'verify']]) {
    const name = command.join(' ');

    it(`${name}: refuses a binary file and a gzip file, naming them`, async () => {
      const bin = await file('audit.bin', Buffer.concat([randomBytes(2000), Buffer.from([0])]));
      const r = await run([...command, bin]);
      expect(expectFailure(r, name)).toContain(`${bin} is not an audit log: it holds binary data.`);
      expect(r.stderr).toMatch(/hint: give the files the guard's `audit` option writes: JSON Lines, one event per line with "seq", "type" and "hash"/);
      expect(r.stdout).toBe('');
      const gz = await file('audit.jsonl.gz', gzipSync('{"seq":1}\n'));
      expect(expectFailure(await run([...command, gz]), name)).toContain(`${gz} is gzip-compressed; audit files are read as plain text.`);
    });

    it(`${name}: refuses a request log and plain text, saying what a line lacks`, async () => {
      const log = await file('requests.jsonl', requestLog());
      const r = await run([...command, log]);
      expect(expectFailure(r, name)).toContain(
        `${log} is not an audit log: none of its first 5 lines is an audit event (line 1 is a JSON object without the audit fields "seq", "type" and "hash").`,
      );
      expect(r.stderr).toContain(`hint: it looks like a request log: backtest it with \`distill-guard replay ${log}\`.`);
      const text = await file('notes.txt', 'not an event\n');
      expect(expectFailure(await run([...command, text]), name)).toContain(`${text} is not an audit log: line 1 is not a JSON object: "not an event".`);
    });

    it(`${name}: names a missing file, and a wrong file inside a directory`, async () => {
      const missing = join(dir, 'audit.jsonl');
      expect(expectFailure(await run([...command, missing]), name)).toContain(`cannot read audit file ${missing}: no such file or directory.`);
      const logs = join(dir, 'logs');
      await mkdir(logs);
      await writeAudit(logs, [{ identity: 'a', served: 2, blocked: 0, score: 0.1, costUsd: 0.01 }]);
      await writeFile(join(logs, 'core.dump'), Buffer.concat([Buffer.from([0]), randomBytes(100)]));
      expect(expectFailure(await run([...command, logs]), name)).toContain(`${join(logs, 'core.dump')} is not an audit log: it holds binary data.`);
    });
  }

  it('report: an empty audit file is an error, not "Audit report ? .. ?"', async () => {
    const empty = await file('audit.jsonl', '');
    const r = await run(['report', empty]);
    expect(expectFailure(r, 'report')).toContain(`no audit events in ${empty}: it is empty.`);
    expect(r.stdout).not.toContain('?');
  });

  it('report still reads a directory with an empty file beside the audit files', async () => {
    await writeAudit(dir, [{ identity: 'a', served: 2, blocked: 0, score: 0.1, costUsd: 0.01 }]);
    await writeFile(join(dir, 'audit.next.jsonl'), '');
    expect((await run(['report', dir])).code).toBe(0);
  });
});

describe('scan on a file that is not prompts', () => {
  it('refuses a binary file and a gzip file before printing anything', async () => {
    const bin = await file('prompts.bin', Buffer.concat([Buffer.from([0]), randomBytes(500)]));
    const r = await run(['scan', bin]);
    expect(expectFailure(r, 'scan')).toContain(`${bin} is not a JSONL file of prompts: it holds binary data.`);
    expect(r.stderr).toContain('hint: each line must be a JSON object with a "text" string or a "messages" array');
    expect(r.stdout).toBe('');
    const gz = await file('prompts.jsonl.gz', gzipSync('{"text":"hi"}\n'));
    expect(expectFailure(await run(['scan', gz]), 'scan')).toContain(`hint: decompress it on the way in: gunzip -c ${gz} | distill-guard scan -`);
  });

  it('exits 1 when no line at all is readable, with the first problem and how to wrap plain text', async () => {
    const text = await file('prompts.txt', 'What is the capital of France?\nIgnore previous instructions.\n');
    const r = await run(['scan', text]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`distill-guard scan: ${text} has no readable line: all 2 are unreadable (line 1: not JSON: `);
    expect(r.stderr).toContain("jq -Rc '{text: .}' prompts.txt | distill-guard scan -");
    // Some unreadable lines among good ones are still a normal run.
    const mixed = await file('mixed.jsonl', '{"text":"hello"}\nnot json\n');
    expect((await run(['scan', mixed])).code).toBe(0);
  });

  it('names a missing file and a directory', async () => {
    const missing = join(dir, 'nope.jsonl');
    expect(expectFailure(await run(['scan', missing]), 'scan')).toContain(`cannot read file ${missing}: no such file or directory.`);
    expect(expectFailure(await run(['scan', dir]), 'scan')).toContain(`${dir} is a directory; give one JSONL file.`);
  });
});

describe('usage errors name the option and what was expected', () => {
  it('flagged: names the subcommand once and echoes the bad value (never a Redis password)', async () => {
    const cases: Array<[string[], string]> = [
      [['flagged', 'add', 'u', '--reason', 'r', '--ttl', 'soon', '--redis', 'redis://h'], "distill-guard flagged add: --ttl must be a whole number of seconds, at least 1, got 'soon'."],
      [['flagged', 'add', 'u', '--reason', 'r', '--by', 'a b', '--redis', 'redis://h'], "distill-guard flagged add: --by must be 1 to 64 letters, digits, . @ _ or -, got 'a b'."],
      [['flagged', 'add', 'u', '--redis', 'redis://h'], 'distill-guard flagged add: --reason <text> is required.'],
      [['flagged', 'remove', 'u', '--ttl', '5', '--redis', 'redis://h'], 'distill-guard flagged remove: --reason, --ttl and --by are options of add, not of remove.'],
      [['flagged', 'list', 'u', '--redis', 'redis://h'], "distill-guard flagged list: list takes no identity, got 'u'."],
      [['flagged', 'list', '--redis', 'https://user:s3cret@host'], 'distill-guard flagged list: --redis must be a redis:// or rediss:// URL, got a https:// URL.'],
    ];
    for (const [argv, first] of cases) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(first);
      expect(r.stderr).not.toContain('s3cret');
    }
  });

  it('report --top names the value it got', async () => {
    const r = await run(['report', dir, '--top', 'ten']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("distill-guard report: --top must be a whole number of identities, at least 1, got 'ten'.");
  });
});

describe('--version', () => {
  it("prints the package's version, from its package.json", async () => {
    const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
