import { auditMany, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { groupCommit, settle, type Settled } from '../batching/group-commit';
import { blockedBy, groupCompliance, storeChecks, type CheckRecord } from '../compliance/service';
import { capacityRefusal, dealForInvestment, lockCapacity, reserveFromOneSlice, takeFromLockedSlices } from '../deals/capacity';
import type { DealRow } from '../deals/repo';
import { withTenant, type TenantTx } from '../db/tenant';
import { AppError } from '../errors';
import { onInvestmentCreated } from '../escrow/service';
import { afterKeyedFailure, claimIdempotencyKey, storeKeyedResponse, type ClaimedKey, type Outcome } from '../idempotency/service';
import { uuidv7 } from '../ids';
import type { TenantContext } from '../tenancy/resolve';
import { createdResponse, endpointOf, fingerprintOf, initialStatus, investAlone, investmentCreated, investorLimitExceeded, ticketOf } from './invest-alone';
import { insertInvestments, liveTotalsOfInvestors, lockInvestorTotals } from './repo';
import type { InvestInput } from './schema';
import { isOnChain, requireOffChainWallet } from './invest-on-chain';
import { tellInvestors } from './investment-notices';

// Investments in one deal that arrive together are decided together, in one transaction
// (group commit, batching/group-commit.ts): one read of the deal, five reads for every
// investor's compliance facts, one lock statement and one sum for the per-investor maximums,
// one capacity reservation for the whole group, and one insert each for the investments,
// their events, their compliance checks and their audit rows. A hot deal then costs the
// database a handful of statements per group instead of about twenty per investment.
//
// Each attempt gets exactly the answer it would get alone, in arrival order: a ticket below the
// minimum or with too many decimals (400), a compliance block (403, its check stored), the
// investor's maximum counted with the earlier attempts of the same group (409), and the hard
// cap: the group's total from one capacity slice, or, near the cap, every slice locked and the
// tickets taken one after the other while they fit (409 for the rest, with what is left).
// Attempts whose compliance rules read locked counters (the 12-month limit of a non-accredited
// investor, a 506(b) purchaser count) and any group that fails unexpectedly are decided one by
// one through investAlone instead. Idempotency-Keys keep their semantics (idempotency/service.ts):
// claimed before the group, the success response stored in the group's transaction.
//
// Locks are taken in the order investAlone takes them (investor-total advisory locks, in sorted
// order, then capacity slices), so groups and single attempts never wait on each other in a cycle.

export type InvestAsk = { tenant: TenantContext; principal: Principal; dealId: string; input: InvestInput; meta: RequestMeta };
type Queued = InvestAsk & { claimed: ClaimedKey | null };

/** Investments one group decides at most; later arrivals wait for the next group. */
export const MAX_GROUP = 200;

const ALONE = Symbol('alone');
type Answer = Settled<Outcome> | typeof ALONE;
type Candidate = { i: number; amount: bigint; investorId: string; check: CheckRecord };

const alone = (a: Queued) => investAlone(a.tenant, a.principal, a.dealId, a.input, a.claimed, a.meta);

/** A refused attempt's Idempotency-Key keeps its answer (or is freed after a 400), as investAlone does. */
async function answered(a: Queued, x: Settled<Outcome>): Promise<Settled<Outcome>> {
  if (!x.ok && a.claimed) await afterKeyedFailure(a.claimed, x.error);
  return x;
}

const groups = groupCommit<Queued, Outcome>({
  maxGroup: MAX_GROUP,
  run: async (_key, asks) => {
    const { tenant, dealId } = asks[0]!;
    let answers: Answer[];
    try {
      answers = await withTenant(tenant.id, null, (t) => decideTogether(t, tenant, dealId, asks));
    } catch (err) {
      // The same answer for everyone (the deal does not exist here) ...
      if (err instanceof AppError) return Promise.all(asks.map((a) => answered(a, { ok: false, error: err })));
      // ... or something unexpected (a lost connection, a deadlock): each attempt on its own.
      return Promise.all(asks.map((a) => settle(alone(a))));
    }
    return Promise.all(answers.map((x, i) => (x === ALONE ? settle(alone(asks[i]!)) : answered(asks[i]!, x))));
  },
});

/**
 * POST /api/deals/[id]/invest: decided with the attempts on the same deal that arrive with it.
 * An Idempotency-Key is claimed first (a repeat is answered from the stored response without
 * joining a group); the group stores a success response with the investment, an error after.
 */
export async function investInGroup(ask: InvestAsk, key: string | null): Promise<Outcome> {
  let claimed: ClaimedKey | null = null;
  if (key !== null) {
    const c = await claimIdempotencyKey(ask.tenant.id, ask.principal.userId, { endpoint: endpointOf(ask.dealId), key }, fingerprintOf(ask.dealId, ask.input));
    if ('replay' in c) return c.replay;
    claimed = c.claimed;
  }
  return groups(`${ask.tenant.id}:${ask.dealId}`, { ...ask, claimed });
}

/** Who gets what in arrival order: each investor's maximum with their earlier attempts, then what is left of `capacity` (null: not yet known). */
function allot(deal: DealRow, candidates: Candidate[], liveTotals: Map<string, bigint>, capacity: bigint | null) {
  const running = new Map(liveTotals);
  let left = capacity;
  const taken: Candidate[] = [];
  const overLimit: { c: Candidate; total: bigint }[] = [];
  const overCap: { c: Candidate; left: bigint }[] = [];
  for (const c of candidates) {
    const total = (running.get(c.investorId) ?? 0n) + c.amount;
    if (deal.max_ticket !== null && total > BigInt(deal.max_ticket)) overLimit.push({ c, total });
    else if (left !== null && c.amount > left) overCap.push({ c, left });
    else {
      running.set(c.investorId, total);
      if (left !== null) left -= c.amount;
      taken.push(c);
    }
  }
  return { taken, overLimit, overCap };
}

const sum = (cs: Candidate[]) => cs.reduce((s, c) => s + c.amount, 0n);

async function decideTogether(t: TenantTx, tenant: TenantContext, dealId: string, asks: Queued[]): Promise<Answer[]> {
  const deal = await dealForInvestment(t, dealId);
  // On-chain deals answer each investor with their own wallet instructions: one by one.
  if (isOnChain(deal)) return asks.map(() => ALONE);
  // A deal for its verified investors or one group's members: each investor's access is checked on their own.
  if (deal.visibility !== 'public') return asks.map(() => ALONE);
  const now = new Date();
  const answers: (Answer | null)[] = asks.map(() => null);
  const fail = (i: number, error: unknown) => (answers[i] = { ok: false, error });

  const amounts: { i: number; amount: bigint }[] = [];
  asks.forEach((a, i) => {
    try {
      const amount = ticketOf(deal, a.input.amount);
      requireOffChainWallet(deal, a.input);
      amounts.push({ i, amount });
    } catch (e) {
      fail(i, e);
    }
  });

  // Compliance, before any capacity is taken; blocked checks are stored with the group.
  const investorIds = [...new Set(amounts.map(({ i }) => asks[i]!.principal.userId))];
  const compliance = await groupCompliance(t, { tenant, deal, investorIds, now });
  const checks: CheckRecord[] = [];
  const candidates: Candidate[] = [];
  for (const { i, amount } of amounts) {
    const investorId = asks[i]!.principal.userId;
    const e = compliance.evaluate(investorId, amount, asks[i]!.input.orderCountry ?? null);
    if (!e) answers[i] = ALONE;
    else if (!e.allowed) {
      checks.push(e.record);
      fail(i, blockedBy(e));
    } else candidates.push({ i, amount, investorId, check: e.record });
  }

  // The per-investor maximum: every candidate investor's total under its advisory lock.
  let liveTotals = new Map<string, bigint>();
  if (deal.max_ticket !== null && candidates.length > 0) {
    const ids = [...new Set(candidates.map((c) => c.investorId))];
    await lockInvestorTotals(t, deal.id, ids);
    liveTotals = await liveTotalsOfInvestors(t, deal.id, ids);
  }

  // The hard cap: the group's total from one slice, else every slice locked and the tickets taken in turn.
  let plan = allot(deal, candidates, liveTotals, null);
  let refusedAll: AppError | null = null;
  if (plan.taken.length > 0 && !(await reserveFromOneSlice(t, deal, sum(plan.taken)))) {
    try {
      const smallest = candidates.reduce((m, c) => (c.amount < m ? c.amount : m), candidates[0]!.amount);
      const capacity = await lockCapacity(t, deal, smallest);
      plan = allot(deal, candidates, liveTotals, capacity.left);
      if (plan.taken.length > 0) await takeFromLockedSlices(t, deal, capacity.slices, sum(plan.taken));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      // Closed, outside its dates, or not even the smallest ticket fits: nobody gets capacity.
      refusedAll = e;
      plan = allot(deal, candidates, liveTotals, 0n);
    }
  }

  const rows = plan.taken.map((c) => {
    const ask = asks[c.i]!;
    const id = uuidv7();
    c.check.investment_id = id;
    return {
      id,
      deal_id: deal.id,
      investor_id: c.investorId,
      amount: c.amount,
      currency: deal.currency,
      currency_decimals: deal.currency_decimals,
      payment_method: ask.input.paymentMethod,
      wallet_address: ask.input.walletAddress ?? null,
      status: initialStatus(tenant, compliance.kycStatus(c.investorId)),
    };
  });
  await insertInvestments(t, rows);
  for (const r of rows) await onInvestmentCreated(t, { id: r.id, investorId: r.investor_id, dealId: deal.id, amount: r.amount, currency: deal.currency, status: r.status });
  await tellInvestors(t, rows, 'received', { dealTitle: deal.title });
  await storeChecks(t, [...checks, ...plan.taken.map((c) => c.check)]);
  await auditMany(
    t,
    plan.taken.map((c, k) => ({ entry: investmentCreated(asks[c.i]!.principal, rows[k]!.id, deal, c.amount, rows[k]!.status), meta: asks[c.i]!.meta })),
  );

  for (const [k, c] of plan.taken.entries()) {
    const out = createdResponse(rows[k]!.id);
    const claimed = asks[c.i]!.claimed;
    if (claimed) await storeKeyedResponse(t, claimed, out);
    answers[c.i] = { ok: true, value: { ...out, replayed: false } };
  }
  for (const { c, total } of plan.overLimit) fail(c.i, investorLimitExceeded(deal, total));
  const refusals = new Map<bigint, AppError>();
  for (const { c, left } of plan.overCap) {
    if (!refusedAll && !refusals.has(left)) refusals.set(left, await capacityRefusal(t, deal, left));
    fail(c.i, refusedAll ?? refusals.get(left));
  }
  return answers.map((a) => {
    if (a === null) throw new Error('investInGroup: an attempt was left without an answer');
    return a;
  });
}
