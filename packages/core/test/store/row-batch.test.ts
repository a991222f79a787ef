import { describe, expect, it } from 'vitest';
import { RowCallBatches, type BuildCall } from '../../src/store/redis/row-batch.js';
import { KIND_CODE } from '../../src/store/redis/row-script.js';
import type { RowTake } from '../../src/store/redis/row-call.js';
import { MsgpackStream } from '../../src/store/redis/msgpack.js';

/** A call's values: one string (the batch carries them in place, convention 7). */
const stringValue = (s: string): Buffer => new MsgpackStream().string(s).done();

/** The values of a flat MessagePack stream of the kinds `packBatch` writes (small ints, int32, strings). */
function unpackStream(buf: Buffer): Array<number | string> {
  const out: Array<number | string> = [];
  let at = 0;
  while (at < buf.length) {
    const b = buf[at]!;
    if (b < 0x80) {
      out.push(b);
      at += 1;
    } else if (b === 0xd2) {
      out.push(buf.readInt32BE(at + 1));
      at += 5;
    } else {
      let len: number;
      if ((b & 0xe0) === 0xa0) [len, at] = [b & 0x1f, at + 1];
      else if (b === 0xda) [len, at] = [buf.readUInt16BE(at + 1), at + 3];
      else if (b === 0xdb) [len, at] = [buf.readUInt32BE(at + 1), at + 5];
      else throw new Error(`unexpected byte ${b}`);
      out.push(buf.toString('latin1', at, at + len));
      at += len;
    }
  }
  return out;
}

/** A batch as sent: its route, its keys, its limit specs and its (base, call's values) pairs. */
function batchOf(route: string, packed: Buffer): { route: string; keys: string[]; specs: Array<number | string>; args: Array<number | string> } {
  const v = unpackStream(packed);
  const n = v[0] as number;
  const ns = v[1 + n] as number;
  return { route, keys: v.slice(1, 1 + n) as string[], specs: v.slice(2 + n, 2 + n + 4 * ns), args: v.slice(2 + n + 4 * ns) };
}

/** A call of fixed keys and stream, taking nothing. */
function call(keys: string[], stream: string): BuildCall {
  return () => ({ keys, arg: stringValue(stream) });
}

describe('row call batches', () => {
  it('sends the calls of one turn as one script call per slot, each answered with its own reply', async () => {
    const sent: Array<ReturnType<typeof batchOf>> = [];
    const batches = new RowCallBatches(async (route, packed) => {
      const batch = batchOf(route, packed);
      sent.push(batch);
      return batch.args.filter((a) => typeof a === 'string').map((a) => `reply ${a}`);
    });
    const a = batches.send('u1', call(['k1', 'f1'], 'a'));
    const b = batches.send('u2', call(['k2'], 'b'));
    const c = batches.send('u1', call(['k3'], 'c'));
    expect(await Promise.all([a, b, c])).toEqual(['reply a', 'reply b', 'reply c']);
    expect(sent).toHaveLength(2);
    // One argument: the batch's keys, then each call's stream after the number of keys before its own;
    // the first key routes the command.
    expect(sent[0]).toEqual({ route: 'k1', keys: ['k1', 'f1', 'k3'], specs: [], args: [0, 'a', 2, 'c'] });
    expect(sent[1]).toEqual({ route: 'k2', keys: ['k2'], specs: [], args: [0, 'b'] });
    // The next turn is a new batch.
    await batches.send('u1', call(['k4'], 'd'));
    expect(sent).toHaveLength(3);
  });

  it('sends a batch at once when the next call would take it past its keys, and fails every call of a failed batch', async () => {
    let calls = 0;
    const batches = new RowCallBatches(async (route, packed) => {
      calls++;
      if (batchOf(route, packed).args.length > 2) throw new Error('down');
      return ['only'];
    }, 3);
    const first = batches.send('', call(['a', 'b'], '1'));
    const second = batches.send('', call(['c', 'd'], '2'));
    const third = batches.send('', call(['e'], '3'));
    await expect(first).resolves.toBe('only');
    await expect(second).rejects.toThrow('down');
    await expect(third).rejects.toThrow('down');
    expect(calls).toBe(2);
  });

  it('sends each limit spec once per batch, and the calls name them by their place', async () => {
    const sent: Array<ReturnType<typeof batchOf>> = [];
    const batches = new RowCallBatches(async (route, packed) => {
      const batch = batchOf(route, packed);
      sent.push(batch);
      return batch.args.filter((a) => typeof a === 'string');
    });
    const requests: RowTake = { policy: 'requests-1m', kind: KIND_CODE.requests, limit: 60, windowMs: 60_000 };
    const tokens: RowTake = { policy: 'tokens-1h', kind: KIND_CODE.tokens, limit: 100_000, windowMs: 3_600_000 };
    const taking = (takes: RowTake[], stream: string): BuildCall => (specs) => ({ keys: ['k'], arg: stringValue(`${stream}:${takes.map((t) => specs.indexOf(t)).join(',')}`) });
    const replies = await Promise.all([batches.send('', taking([requests, tokens], 'a')), batches.send('', taking([tokens], 'b')), batches.send('', taking([requests], 'c'))]);
    expect(replies).toEqual(['a:1,2', 'b:2', 'c:1']);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.specs).toEqual(['requests-1m', KIND_CODE.requests, 60, 60_000, 'tokens-1h', KIND_CODE.tokens, 100_000, 3_600_000]);
    // A new batch names its specs afresh.
    expect(await batches.send('', taking([tokens], 'd'))).toBe('d:1');
  });

  it('builds a call again into a new batch when it would take the open one past its keys', async () => {
    const sent: Array<ReturnType<typeof batchOf>> = [];
    const batches = new RowCallBatches(async (route, packed) => {
      const batch = batchOf(route, packed);
      sent.push(batch);
      return batch.args.filter((a) => typeof a === 'string');
    }, 2);
    const tokens: RowTake = { policy: 'tokens-1h', kind: KIND_CODE.tokens, limit: 100_000, windowMs: 3_600_000 };
    const requests: RowTake = { policy: 'requests-1m', kind: KIND_CODE.requests, limit: 60, windowMs: 60_000 };
    const first = batches.send('', (specs) => ({ keys: ['a', 'b'], arg: stringValue(`1:${specs.indexOf(tokens)}`) }));
    const second = batches.send('', (specs) => ({ keys: ['c'], arg: stringValue(`2:${specs.indexOf(requests)}`) }));
    expect(await Promise.all([first, second])).toEqual(['1:1', '2:1']);
    expect(sent.map((b) => b.specs)).toEqual([
      ['tokens-1h', KIND_CODE.tokens, 100_000, 3_600_000, 'requests-1m', KIND_CODE.requests, 60, 60_000],
      ['requests-1m', KIND_CODE.requests, 60, 60_000],
    ]);
  });

  it("sends a call's bytes as arguments of their own after the batch's stream, named by their place in ARGV (none left behind when a call moves to the next batch)", async () => {
    const sent: Array<{ args: Array<number | string>; extra: string[] }> = [];
    const batches = new RowCallBatches(async (route, packed, args) => {
      const batch = batchOf(route, packed);
      sent.push({ args: batch.args, extra: args.map((b) => b.toString('latin1')) });
      return batch.args.filter((a) => typeof a === 'string');
    }, 2);
    // Each call adds its bytes and writes their place (from 2: ARGV[1] is the stream) in its values.
    const withBytes = (name: string, keys: string[], ...bytes: string[]): BuildCall => (_specs, _vectors, args) => ({
      keys,
      arg: stringValue(`${name}:${bytes.map((b) => args.add(Buffer.from(b, 'latin1'))).join(',')}`),
    });
    const replies = await Promise.all([
      batches.send('', withBytes('a', ['k1'], 'ops-a', 'base-a')),
      batches.send('', withBytes('b', ['k2'], 'ops-b')),
      // Past the batch's two keys: built again into the next batch, its bytes with it.
      batches.send('', withBytes('c', ['k3'], 'ops-c')),
    ]);
    expect(replies).toEqual(['a:2,3', 'b:4', 'c:2']);
    expect(sent).toEqual([
      { args: [0, 'a:2,3', 1, 'b:4'], extra: ['ops-a', 'base-a', 'ops-b'] },
      { args: [0, 'c:2'], extra: ['ops-c'] },
    ]);
  });
});
