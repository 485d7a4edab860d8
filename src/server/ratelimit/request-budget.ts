import { RateLimited } from '../errors';
import { consume, sharedStoreKind, spendMany, type LimitSpec } from './limiter';

// Per-request budgets (100/500/1000 a minute) are checked on every API call.
//
// With Redis (REDIS_URL) every request spends its point in Redis directly (one atomic
// increment, ~0.1 ms): the budget is exact however many instances serve the key.
//
// With PostgreSQL alone a store round trip per request (an upsert) would cost more than many
// handlers. Each
// instance therefore counts locally and adds its counts to the shared store in batches, every
// FLUSH_MS (one statement for all keys), learning from the answer how much each key has spent
// across all instances.
//
// Exact within one instance: a key is refused as soon as its known shared spend plus the
// unflushed local spend reaches the limit. Across N instances a key can overspend by what the
// other instances accepted in one flush interval before hearing about it, which is fine for
// abuse budgets. The bound, for N instances and a limit L per window: an instance refuses once
// what it knows (the shared total at its last flush plus its own unflushed spend) reaches L, so
// no instance accepts more than L itself and a window never accepts more than N·L; with traffic
// spread over time the overshoot is what the other instances accept for the key during one
// FLUSH_MS before their flush lands (for a key spending r requests/s: about (N-1)·r·0.25).
// tests/multi-instance/limits.test.ts checks the N·L bound with two processes on one database. Security throttles (login, one-time codes, MFA) stay
// exact: they use limiter.consume() directly.

const FLUSH_MS = 250;

type Entry = {
  spec: LimitSpec;
  pending: number; // accepted here, not yet sent to the store
  inFlight: number; // sent to the store by a flush that has not answered yet
  shared: number; // the store's total at the last flush (all instances)
  resetsAt: number; // epoch ms when the store's window ends (or the local estimate of it)
};

type State = { entries: Map<string, Entry>; timer: NodeJS.Timeout | null; flushing: Promise<void> | null };
const state: State = ((globalThis as { __cdpBudgets?: State }).__cdpBudgets ??= { entries: new Map(), timer: null, flushing: null });

const entryKey = (spec: LimitSpec, key: string) => `${spec.name}:${spec.points}:${spec.durationSeconds}|${key}`;

/**
 * Spends one request from the key's budget, or refuses with RateLimited (429 with Retry-After):
 * a promise in Redis (exact), synchronously with PostgreSQL (batched, bounded).
 */
export function spendRequestBudget(spec: LimitSpec, key: string, now = Date.now()): void | Promise<void> {
  if (sharedStoreKind() === 'redis') return consume(spec, key);
  const id = entryKey(spec, key);
  let e = state.entries.get(id);
  if (e && e.resetsAt <= now && e.pending === 0 && e.inFlight === 0) {
    state.entries.delete(id);
    e = undefined;
  }
  if (!e) {
    e = { spec, pending: 0, inFlight: 0, shared: 0, resetsAt: now + spec.durationSeconds * 1000 };
    state.entries.set(id, e);
  }
  const windowOver = e.resetsAt <= now;
  // Spend on its way to the store still counts: a request that arrives while a flush is
  // waiting for the store must not find the key's budget fresh.
  const spent = (windowOver ? 0 : e.shared) + e.inFlight + e.pending;
  if (spent >= spec.points) throw new RateLimited(Math.max(1, Math.ceil((e.resetsAt - now) / 1000)));
  e.pending += 1;
  schedule();
}

function schedule(): void {
  if (state.timer) return;
  state.timer = setTimeout(() => {
    state.timer = null;
    void flushRequestBudgets();
  }, FLUSH_MS);
  state.timer.unref();
}

/** Adds every key's unflushed spend to the shared store (also called on shutdown and by tests). */
export async function flushRequestBudgets(): Promise<void> {
  if (state.flushing) await state.flushing;
  const work = [...state.entries.entries()].filter(([, e]) => e.pending > 0);
  if (work.length === 0) return;
  state.flushing = (async () => {
    const batch = work.map(([id, e]) => {
      const n = e.pending;
      e.pending -= n;
      e.inFlight += n;
      return { e, n, key: id.slice(id.indexOf('|') + 1) };
    });
    try {
      const totals = await spendMany(batch.map((b) => ({ spec: b.e.spec, key: b.key, points: b.n })));
      const now = Date.now();
      batch.forEach((b, i) => {
        b.e.inFlight -= b.n;
        b.e.shared = totals[i]!.consumedPoints;
        b.e.resetsAt = now + totals[i]!.msBeforeNext;
      });
    } catch {
      // Store unreachable: keep the spend locally (the limit still holds on this instance)
      // and try again with the next flush.
      for (const b of batch) {
        b.e.inFlight -= b.n;
        b.e.pending += b.n;
      }
      schedule();
    }
  })();
  try {
    await state.flushing;
  } finally {
    state.flushing = null;
  }
  const now = Date.now();
  for (const [id, e] of state.entries) if (e.pending === 0 && e.inFlight === 0 && e.resetsAt <= now) state.entries.delete(id);
}
