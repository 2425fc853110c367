import { Batcher } from '../../client/batcher';

describe('Batcher', () => {
  test('lookups in the same turn share one request', async () => {
    const calls: string[][] = [];
    const b = new Batcher<string, { id: string }>(
      async (ids) => {
        calls.push(ids);
        return ids.filter((id) => id !== 'gone').map((id) => ({ id }));
      },
      (v) => v.id,
    );
    const results = await Promise.all(['a', 'b', 'a', 'gone'].map((k) => b.load(k)));
    expect(calls).toEqual([['a', 'b', 'gone']]);
    expect(results).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'a' }, undefined]);
  });

  test('lookups in later turns make new requests', async () => {
    let calls = 0;
    const b = new Batcher<string, string>(
      async (ids) => {
        calls++;
        return ids;
      },
      (v) => v,
    );
    await b.load('a');
    await b.load('b');
    expect(calls).toBe(2);
  });

  test('lookups arriving while a request is in flight go together in the next one', async () => {
    const calls: string[][] = [];
    let answer!: () => void;
    const b = new Batcher<string, string>(
      (ids) => {
        calls.push(ids);
        return calls.length === 1 ? new Promise((resolve) => (answer = () => resolve(ids))) : Promise.resolve(ids);
      },
      (v) => v,
    );
    const first = b.load('a');
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([['a']]);
    const later = [b.load('b')];
    await new Promise((resolve) => setImmediate(resolve));
    later.push(b.load('c'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([['a']]); // b and c wait for the request in flight
    answer();
    expect(await Promise.all([first, ...later])).toEqual(['a', 'b', 'c']);
    expect(calls).toEqual([['a'], ['b', 'c']]);
  });

  test('a lookup after a failed request still gets its own request', async () => {
    let calls = 0;
    const b = new Batcher<string, string>(
      async (ids) => {
        if (++calls === 1) throw new Error('down');
        return ids;
      },
      (v) => v,
    );
    await expect(b.load('a')).rejects.toThrow('down');
    await expect(b.load('b')).resolves.toBe('b');
  });

  test('splits batches at maxBatch', async () => {
    const sizes: number[] = [];
    const b = new Batcher<number, number>(
      async (ids) => {
        sizes.push(ids.length);
        return ids;
      },
      (v) => v,
      3,
    );
    await Promise.all([1, 2, 3, 4, 5, 6, 7].map((k) => b.load(k)));
    expect(sizes).toEqual([3, 3, 1]);
  });

  test('a failed request rejects every lookup of its batch', async () => {
    const b = new Batcher<string, string>(
      async () => {
        throw new Error('down');
      },
      (v) => v,
    );
    await expect(Promise.all([b.load('a'), b.load('b')])).rejects.toThrow('down');
  });
});
