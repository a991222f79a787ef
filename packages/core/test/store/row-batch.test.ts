import { describe, expect, it } from 'vitest';
import { RowCallBatches } from '../../src/store/redis/row-batch.js';

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

/** A batch as sent: its route, its keys and its (base, stream) pairs. */
function batchOf(route: string, packed: Buffer): { route: string; keys: string[]; args: Array<number | string> } {
  const v = unpackStream(packed);
  const n = v[0] as number;
  return { route, keys: v.slice(1, 1 + n) as string[], args: v.slice(1 + n) };
}

describe('row call batches', () => {
  it('sends the calls of one turn as one script call per slot, each answered with its own reply', async () => {
    const sent: Array<ReturnType<typeof batchOf>> = [];
    const batches = new RowCallBatches(async (route, packed) => {
      const batch = batchOf(route, packed);
      sent.push(batch);
      return batch.args.filter((a) => typeof a === 'string').map((a) => `reply ${a}`);
    });
    const a = batches.send('u1', ['k1', 'f1'], Buffer.from('a'));
    const b = batches.send('u2', ['k2'], Buffer.from('b'));
    const c = batches.send('u1', ['k3'], Buffer.from('c'));
    expect(await Promise.all([a, b, c])).toEqual(['reply a', 'reply b', 'reply c']);
    expect(sent).toHaveLength(2);
    // One argument: the batch's keys, then each call's stream after the number of keys before its own;
    // the first key routes the command.
    expect(sent[0]).toEqual({ route: 'k1', keys: ['k1', 'f1', 'k3'], args: [0, 'a', 2, 'c'] });
    expect(sent[1]).toEqual({ route: 'k2', keys: ['k2'], args: [0, 'b'] });
    // The next turn is a new batch.
    await batches.send('u1', ['k4'], Buffer.from('d'));
    expect(sent).toHaveLength(3);
  });

  it('sends a batch at once when the next call would take it past its keys, and fails every call of a failed batch', async () => {
    let calls = 0;
    const batches = new RowCallBatches(async (route, packed) => {
      calls++;
      if (batchOf(route, packed).args.length > 2) throw new Error('down');
      return ['only'];
    }, 3);
    const first = batches.send('', ['a', 'b'], Buffer.from('1'));
    const second = batches.send('', ['c', 'd'], Buffer.from('2'));
    const third = batches.send('', ['e'], Buffer.from('3'));
    await expect(first).resolves.toBe('only');
    await expect(second).rejects.toThrow('down');
    await expect(third).rejects.toThrow('down');
    expect(calls).toBe(2);
  });
});
