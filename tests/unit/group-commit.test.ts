import { describe, expect, it } from 'vitest';
import { groupCommit, type Settled } from '../../src/server/batching/group-commit';

const later = () => new Promise((r) => setTimeout(r, 5));

describe('groupCommit', () => {
  it('runs a lone call at once, and groups the calls that arrive while a run is going', async () => {
    const runs: number[][] = [];
    const double = groupCommit<number, number>({
      maxGroup: 100,
      run: async (_key, items) => {
        runs.push(items);
        await later();
        return items.map((n) => ({ ok: true, value: n * 2 }));
      },
    });
    expect(await double('k', 1)).toBe(2);
    const first = double('k', 2);
    await new Promise((r) => setImmediate(r)); // the run for 2 has started
    const rest = [3, 4, 5].map((n) => double('k', n));
    expect(await Promise.all([first, ...rest])).toEqual([4, 6, 8, 10]);
    expect(runs).toEqual([[1], [2], [3, 4, 5]]);
    expect(double.pending()).toBe(0);
  });

  it('keeps keys apart, and never puts more than maxGroup items in one run', async () => {
    const runs: string[][] = [];
    const echo = groupCommit<string, string>({
      maxGroup: 2,
      run: async (key, items) => {
        runs.push(items.map((i) => `${key}:${i}`));
        return items.map((i) => ({ ok: true, value: i }));
      },
    });
    await Promise.all([echo('a', '1'), echo('b', '1'), echo('a', '2'), echo('a', '3')]);
    expect(runs.sort()).toEqual([['a:1', 'a:2'], ['a:3'], ['b:1']]);
  });

  it('answers each item with its own error, and every item with the error of a run that throws', async () => {
    let fail = false;
    const check = groupCommit<number, number>({
      maxGroup: 10,
      run: async (_key, items): Promise<Settled<number>[]> => {
        if (fail) throw new Error('database gone');
        return items.map((n) => (n < 0 ? { ok: false, error: new Error(`negative ${n}`) } : { ok: true, value: n }));
      },
    });
    const r = await Promise.allSettled([check('k', 1), check('k', -2), check('k', 3)]);
    expect(r.map((x) => (x.status === 'fulfilled' ? x.value : (x.reason as Error).message))).toEqual([1, 'negative -2', 3]);
    fail = true;
    const all = await Promise.allSettled([check('k', 1), check('k', 2)]);
    expect(all.map((x) => x.status === 'rejected' && (x.reason as Error).message)).toEqual(['database gone', 'database gone']);
  });

  it('refuses a run that answers the wrong number of items', async () => {
    const broken = groupCommit<number, number>({ maxGroup: 10, run: async () => [] });
    await expect(broken('k', 1)).rejects.toThrow('run answered 0 of 1 items');
  });
});
