// The transfer agents module's use cases. A transfer agent is a member holding the
// `transfer_agent` role whose profile the tenant admin keeps. The agent reads the official holder
// register of each deal (confirmed investments plus the corporate actions recorded here, with the
// Rule 502(d) legends and stop-transfer flags of the compliance module, reconciled against the
// sale's on-chain contributions where the deal has a sale), records corporate actions (an
// off-chain approved transfer between holders, a freeze or unfreeze of a holder's position),
// and exports the register and per-holder statements. Every action and export is audited.
//
// No permissioned (freezable) token exists among the platform's contracts: freezes and transfers
// are recorded in the register; an on-chain forced transfer is not available.
import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { checkTransfer, restrictionsOfDeal, TransferBlocked } from '../compliance/service';
import { withTenant, type TenantTx } from '../db/tenant';
import { Conflict, Forbidden, NotFound, ValidationError } from '../errors';
import { uuidv7 } from '../ids';
import { AmountError, fromMinorUnits, toMinorUnits } from '../money';
import { idempotent, requestFingerprint } from '../idempotency/service';
import { toCsv } from '../reporting/csv';
import type { TenantContext } from '../tenancy/resolve';
import { buildRegister, reconcile } from './register';
import { findMember, userHasRole } from '../users/repo';
import * as repo from './repo';
import type { CorporateActionInput, CreateTransferAgentInput, UpdateTransferAgentInput } from './schema';
import { actionView, agentView, holderView, reconciliationView } from './views';

// ---- admin

export async function listTransferAgents(tenant: TenantContext, admin: Principal) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => ({ transferAgents: (await repo.listAgents(t)).map(agentView) }));
}

export async function createTransferAgent(tenant: TenantContext, admin: Principal, input: CreateTransferAgentInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    if (!(await findMember(t, { id: input.userId }))) throw new NotFound('No member with that id');
    if (!(await userHasRole(t, input.userId, 'transfer_agent'))) throw new Conflict('not_a_transfer_agent', 'Grant the member the transfer_agent role first (Users, roles)');
    if (await repo.findAgentOfUser(t, input.userId)) throw new Conflict('transfer_agent_exists', 'This member already has a transfer agent profile: edit it instead');
    const id = uuidv7();
    await repo.insertAgent(t, id, input.userId, input, admin.userId);
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'transfer_agent.created', targetType: 'transfer_agent', targetId: id, metadata: { userId: input.userId, registrationNumber: input.registrationNumber, registrationJurisdiction: input.registrationJurisdiction, status: input.status } }, meta);
    return { transferAgent: agentView((await repo.findAgent(t, id))!) };
  });
}

export async function updateTransferAgent(tenant: TenantContext, admin: Principal, id: string, input: UpdateTransferAgentInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const before = await repo.findAgent(t, id, { forUpdate: true });
    if (!before) throw new NotFound('Transfer agent not found');
    await repo.updateAgent(t, id, input, admin.userId);
    await audit(
      t,
      {
        actorId: admin.userId,
        actorRole: admin.role,
        action: 'transfer_agent.settings_changed',
        targetType: 'transfer_agent',
        targetId: id,
        metadata: { before: { registrationNumber: before.registration_number, registrationJurisdiction: before.registration_jurisdiction, contactEmail: before.contact_email, status: before.status }, after: { registrationNumber: input.registrationNumber, registrationJurisdiction: input.registrationJurisdiction, contactEmail: input.contactEmail, status: input.status } },
      },
      meta,
    );
    return { transferAgent: agentView((await repo.findAgent(t, id))!) };
  });
}

// ---- transfer agent

async function requireOwnAgent(t: TenantTx, p: Principal, opts: { active?: boolean } = {}) {
  const a = await repo.findAgentOfUser(t, p.userId);
  if (!a) throw new Forbidden('Your transfer agent profile has not been set up by an administrator yet', 'transfer_agent_profile_missing');
  if (opts.active && a.status !== 'active') throw new Forbidden('Your transfer agent profile is suspended', 'transfer_agent_suspended');
  return a;
}

async function requireDeal(t: TenantTx, dealId: string) {
  const d = await repo.dealOf(t, dealId);
  if (!d) throw new NotFound('Deal not found');
  return d;
}

export async function agentOverview(tenant: TenantContext, p: Principal) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const a = await requireOwnAgent(t, p);
    const deals = await repo.dealsWithHoldings(t);
    return {
      transferAgent: agentView(a),
      deals: deals.map((d) => ({ id: d.id, title: d.title, slug: d.slug, status: d.status, currency: d.currency, chainId: d.chain_id, saleAddress: d.sale_address, holders: Number(d.investors), confirmed: fmt(d.confirmed_amount, d.currency_decimals) })),
    };
  });
}

const fmt = fromMinorUnits;

/** The register of one deal as of now, reconciled with the chain where the deal has a sale. */
async function registerOf(t: TenantTx, dealId: string) {
  const deal = await requireDeal(t, dealId);
  const [lots, actions, legends] = await Promise.all([repo.confirmedLots(t, deal.id), repo.actionsOfDeal(t, deal.id), restrictionsOfDeal(t, deal.id)]);
  const reg = buildRegister(lots, actions, legends);
  const chainId = deal.chain_id === null ? null : Number(deal.chain_id);
  const onChain = chainId !== null && deal.sale_address ? await repo.onChainContributions(t, chainId, deal.sale_address) : null;
  const rec = reconcile(lots, deal.sale_address ? chainId : null, deal.currency_decimals, onChain);
  const block = chainId !== null && deal.sale_address ? await repo.indexedBlock(t, chainId) : null;
  return { deal, lots, actions, reg, rec, block };
}

function capTableView(r: Awaited<ReturnType<typeof registerOf>>) {
  const d = r.deal.currency_decimals;
  return {
    deal: { id: r.deal.id, title: r.deal.title, slug: r.deal.slug, status: r.deal.status, currency: r.deal.currency, chainId: r.deal.chain_id === null ? null : Number(r.deal.chain_id), saleAddress: r.deal.sale_address },
    asOf: new Date().toISOString(),
    totals: { held: fmt(r.reg.held, d), confirmedInvestments: fmt(r.reg.confirmed, d), holders: r.reg.holders.filter((h) => h.balance > 0n).length, balanced: r.reg.held === r.reg.confirmed },
    holders: r.reg.holders.map((h) => holderView(h, r.reg.held, d)),
    reconciliation: reconciliationView(r.rec, r.block),
    actions: r.actions.map((a) => actionView(a, d)),
  };
}

export async function capTable(tenant: TenantContext, p: Principal, dealId: string) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    await requireOwnAgent(t, p);
    return capTableView(await registerOf(t, dealId));
  });
}

export async function capTableCsv(tenant: TenantContext, p: Principal, dealId: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    await requireOwnAgent(t, p);
    const v = capTableView(await registerOf(t, dealId));
    await audit(t, { actorId: p.userId, actorRole: 'transfer_agent', action: 'transfer_agent.cap_table_exported', targetType: 'deal', targetId: v.deal.id, metadata: { holders: v.holders.length, reconciliation: v.reconciliation.status } }, meta);
    const holders = toCsv(
      ['holder_id', 'name', 'email', 'amount', 'currency', 'percent', 'first_acquired_at', 'cost_basis', 'frozen', 'restrictions'],
      v.holders.map((h) => [h.holderId, h.name, h.email, h.amount, v.deal.currency, h.percent, h.firstAcquiredAt, h.costBasis, h.frozen ? 'yes' : 'no', h.restrictions.map((x) => x.summary).join('; ')]),
    );
    const totals = toCsv(['total_held', 'confirmed_investments', 'holders', 'reconciliation', 'indexed_block'], [[v.totals.held, v.totals.confirmedInvestments, v.totals.holders, v.reconciliation.status, v.reconciliation.indexedBlock]]);
    const wallets = toCsv(['wallet', 'expected_token_units', 'on_chain_token_units', 'matches', 'holder_ids'], v.reconciliation.wallets.map((w) => [w.wallet, w.expected, w.onChain, w.matches ? 'yes' : 'no', w.holderIds.join(' ')]));
    return { filename: `cap-table-${v.deal.slug}.csv`, body: `${holders}\r\n${totals}\r\n${wallets}` };
  });
}

export async function holderStatement(tenant: TenantContext, p: Principal, dealId: string, holderId: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const agent = await requireOwnAgent(t, p);
    const r = await registerOf(t, dealId);
    const v = capTableView(r);
    let holder = v.holders.find((h) => h.holderId === holderId);
    if (!holder) {
      // A member without a position gets a nil statement; someone who is not a member is unknown.
      const member = await findMember(t, { id: holderId });
      if (!member) throw new NotFound('No member with that id');
      holder = holderView({ holderId: member.id, email: member.email, name: `${member.first_name} ${member.last_name}`.trim(), balance: 0n, frozen: false, frozenReason: null, firstAcquiredAt: null, positions: [] }, 0n, r.deal.currency_decimals);
    }
    await audit(t, { actorId: p.userId, actorRole: 'transfer_agent', action: 'transfer_agent.holder_statement_read', targetType: 'user', targetId: holderId, metadata: { dealId } }, meta);
    return {
      statement: {
        transferAgent: { name: agent.display_name, registrationNumber: agent.registration_number, registrationJurisdiction: agent.registration_jurisdiction, contactEmail: agent.contact_email },
        deal: v.deal,
        asOf: v.asOf,
        holder,
        actions: v.actions.filter((a) => a.holderId === holderId || a.toHolderId === holderId),
        wallets: v.reconciliation.wallets.filter((w) => w.holderIds.includes(holderId)),
      },
    };
  });
}

function minorOf(value: string, decimals: number, field: string): bigint {
  try {
    const v = toMinorUnits(value, decimals);
    return v;
  } catch (e) {
    if (e instanceof AmountError) throw new ValidationError([{ field, message: `${field} ${e.message}` }]);
    throw e;
  }
}

/**
 * Records one corporate action; with an Idempotency-Key a retry replays the first answer (a
 * transfer is never recorded twice), other parameters with the same key get 422.
 */
export async function recordCorporateAction(tenant: TenantContext, p: Principal, dealId: string, input: CorporateActionInput, idempotencyKey: string | null, meta: RequestMeta) {
  const now = new Date();
  const effectiveAt = input.effectiveAt ? new Date(input.effectiveAt) : now;
  if (effectiveAt.getTime() > now.getTime() + 60_000) throw new ValidationError([{ field: 'effectiveAt', message: 'effectiveAt cannot be in the future: record an action once it takes effect' }]);
  const endpoint = `POST /api/transfer-agent/deals/${dealId}/actions`;
  return idempotent(tenant.id, p.userId, { endpoint, key: idempotencyKey }, requestFingerprint({ dealId, input }), async (t) => {
    await requireOwnAgent(t, p, { active: true });
    const deal = await requireDeal(t, dealId);
    // One action at a time per register: the balance a transfer checks is the one it moves.
    await repo.lockRegister(t, deal.id);
    const { reg } = await registerOf(t, deal.id);
    const holder = reg.holders.find((h) => h.holderId === input.holderId);
    if (!holder || (holder.balance === 0n && input.kind !== 'unfreeze')) throw new NotFound('That member holds nothing in this deal');
    let amount: bigint | null = null;
    let consideration: bigint | null = null;
    let toHolderId: string | null = null;
    if (input.kind === 'freeze' && holder.frozen) throw new Conflict('holder_frozen', 'This holder’s position is already frozen');
    if (input.kind === 'unfreeze' && !holder.frozen) throw new Conflict('holder_not_frozen', 'This holder’s position is not frozen');
    if (input.kind === 'transfer') {
      amount = minorOf(input.amount, deal.currency_decimals, 'amount');
      if (amount <= 0n) throw new ValidationError([{ field: 'amount', message: 'amount must be more than zero' }]);
      consideration = input.consideration === undefined ? null : minorOf(input.consideration, deal.currency_decimals, 'consideration');
      const receiver = await findMember(t, { id: input.toHolderId });
      if (!receiver) throw new NotFound('No member with that toHolderId');
      toHolderId = receiver.id;
      if (holder.frozen) throw new Conflict('holder_frozen', 'The transferring holder’s position is frozen');
      if (reg.holders.find((h) => h.holderId === receiver.id)?.frozen) throw new Conflict('holder_frozen', 'The receiving holder’s position is frozen');
      if (amount > holder.balance) throw new Conflict('insufficient_holding', `The holder has ${fmt(holder.balance, deal.currency_decimals)} ${deal.currency} in this deal`);
      // The compliance module's transfer gates (Reg S distribution compliance, Rule 144 holding
      // period, Reg CF resale limits, Rule 502(d) stop-transfer) apply to what the holder bought.
      if (holder.positions.some((x) => x.source === 'investment')) {
        const decision = await checkTransfer(t, { dealId: deal.id, sellerId: holder.holderId, buyerId: receiver.id, now });
        if (decision.blocking) throw new TransferBlocked(decision.blocking);
      }
    }
    const id = uuidv7();
    await repo.insertAction(t, { id, dealId: deal.id, kind: input.kind, holderId: holder.holderId, toHolderId, amount, consideration, reason: input.reason, effectiveAt, by: p.userId });
    await audit(
      t,
      {
        actorId: p.userId,
        actorRole: 'transfer_agent',
        action: `transfer_agent.${input.kind}_recorded`,
        targetType: 'deal',
        targetId: deal.id,
        metadata: { actionId: id, holderId: holder.holderId, toHolderId, amount: amount?.toString() ?? null, consideration: consideration?.toString() ?? null, reason: input.reason, effectiveAt: effectiveAt.toISOString() },
      },
      meta,
    );
    const after = capTableView(await registerOf(t, deal.id));
    return { status: 201, body: { action: after.actions.find((a) => a.id === id)!, totals: after.totals } };
  });
}
