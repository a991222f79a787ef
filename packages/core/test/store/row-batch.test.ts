import { describe, expect, it } from 'vitest';
import { RowCallBatches } from '../../src/store/redis/row-batch.js';

describe('row call batches', () => {
  it('sends the calls of one turn as one script call per slot, each answered with its own reply', async () => {
    const sent: Array<{ keys: readonly string[]; args: ReadonlyArray<number | Buffer> }> = [];
    const batches = new RowCallBatches(async (keys, args) => {
      sent.push({ keys: [...keys], args: [...args] });
      return args.filter((a) => Buffer.isBuffer(a)).map((a) => `reply ${String(a)}`);
    });
    const a = batches.send('u1', ['k1', 'f1'], Buffer.from('a'));
    const b = batches.send('u2', ['k2'], Buffer.from('b'));
    const c = batches.send('u1', ['k3'], Buffer.from('c'));
    expect(await Promise.all([a, b, c])).toEqual(['reply a', 'reply b', 'reply c']);
    expect(sent).toHaveLength(2);
    // Each call's keys follow the calls before it in its batch; its first argument says how many there are.
    expect(sent[0]).toEqual({ keys: ['k1', 'f1', 'k3'], args: [0, Buffer.from('a'), 2, Buffer.from('c')] });
    expect(sent[1]).toEqual({ keys: ['k2'], args: [0, Buffer.from('b')] });
    // The next turn is a new batch.
    await batches.send('u1', ['k4'], Buffer.from('d'));
    expect(sent).toHaveLength(3);
  });

  it('sends a batch at once when the next call would take it past its keys, and fails every call of a failed batch', async () => {
    let calls = 0;
    const batches = new RowCallBatches(async (_keys, args) => {
      calls++;
      if (args.length > 2) throw new Error('down');
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
