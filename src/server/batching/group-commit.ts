// Group commit: concurrent calls that share a key share one run. When a call arrives and no
// run for its key is going, a run starts on the next turn of the event loop with every call
// that arrived meanwhile; calls that arrive while a run is going wait for it and then go
// together in the next one (at most `maxGroup` per run). An idle system therefore adds no
// wait, and a busy one sends one transaction for many requests instead of one each.
//
// `run` answers each item of its group in order: a value or the error for that item alone.
// If `run` itself throws, every item of the group gets that error.

export type Settled<O> = { ok: true; value: O } | { ok: false; error: unknown };

export const settle = <O>(p: Promise<O>): Promise<Settled<O>> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

type Waiter<I, O> = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void };
type Queue<I, O> = { waiting: Waiter<I, O>[]; running: boolean };

export type GroupCommit<I, O> = {
  (key: string, item: I): Promise<O>;
  /** Calls waiting for a run, over all keys (for tests and diagnostics). */
  readonly pending: () => number;
};

export function groupCommit<I, O>(opts: { maxGroup: number; run: (key: string, items: I[]) => Promise<Settled<O>[]> }): GroupCommit<I, O> {
  const queues = new Map<string, Queue<I, O>>();

  async function drain(key: string, q: Queue<I, O>): Promise<void> {
    while (q.waiting.length > 0) {
      const group = q.waiting.splice(0, opts.maxGroup);
      let results: Settled<O>[];
      try {
        results = await opts.run(
          key,
          group.map((w) => w.item),
        );
        if (results.length !== group.length) throw new Error(`groupCommit: run answered ${results.length} of ${group.length} items`);
      } catch (error) {
        results = group.map(() => ({ ok: false, error }));
      }
      group.forEach((w, i) => {
        const r = results[i]!;
        if (r.ok) w.resolve(r.value);
        else w.reject(r.error);
      });
    }
    q.running = false;
    if (queues.get(key) === q) queues.delete(key);
  }

  const call = ((key: string, item: I) =>
    new Promise<O>((resolve, reject) => {
      let q = queues.get(key);
      if (!q) {
        q = { waiting: [], running: false };
        queues.set(key, q);
      }
      q.waiting.push({ item, resolve, reject });
      if (!q.running) {
        q.running = true;
        const queue = q;
        setImmediate(() => void drain(key, queue));
      }
    })) as GroupCommit<I, O>;
  Object.defineProperty(call, 'pending', {
    value: () => {
      let n = 0;
      for (const q of queues.values()) n += q.waiting.length;
      return n;
    },
  });
  return call;
}
