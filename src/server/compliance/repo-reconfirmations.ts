import type { TenantTx } from '../db/tenant';
import type { ReconfirmationStatus } from '../db/types';

// SQL of the Reg CF material changes and the reconfirmations they ask for (0034, 227.304(c)).

const COMMITMENTS = ['pending_kyc', 'pending_payment', 'in_escrow'] as const;

export async function insertMaterialChange(
  t: TenantTx,
  r: { id: string; dealId: string; kinds: string[]; description: string; previousEndsAt: Date | null; newEndsAt: Date | null; reconfirmBy: Date; createdBy: string; at: Date },
) {
  await t.tx
    .insertInto('deal_material_changes')
    .values({
      tenant_id: t.tenantId,
      id: r.id,
      deal_id: r.dealId,
      kinds: r.kinds,
      description: r.description,
      previous_ends_at: r.previousEndsAt,
      new_ends_at: r.newEndsAt,
      reconfirm_by: r.reconfirmBy,
      created_by: r.createdBy,
      created_at: r.at,
    })
    .execute();
}

/** The deal's commitments outstanding (not yet sold, not withdrawn), with the investor's email, locked. */
export function outstandingCommitments(t: TenantTx, dealId: string) {
  return t.tx
    .selectFrom('investments as i')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'i.tenant_id').onRef('u.id', '=', 'i.investor_id'))
    .select(['i.id', 'i.investor_id', 'u.email'])
    .where('i.tenant_id', '=', t.tenantId)
    .where('i.deal_id', '=', dealId)
    .where('i.status', 'in', COMMITMENTS)
    .orderBy('i.id')
    .forUpdate('i')
    .execute();
}

export async function insertReconfirmations(t: TenantTx, changeId: string, dueAt: Date, rows: { investmentId: string; investorId: string }[]) {
  if (rows.length === 0) return;
  await t.tx
    .insertInto('investment_reconfirmations')
    .values(rows.map((r) => ({ tenant_id: t.tenantId, material_change_id: changeId, investment_id: r.investmentId, investor_id: r.investorId, due_at: dueAt })))
    .execute();
}

export function pendingReconfirmationsOf(t: TenantTx, investmentId: string) {
  return t.tx
    .selectFrom('investment_reconfirmations')
    .select(['material_change_id', 'due_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('investment_id', '=', investmentId)
    .where('status', '=', 'pending')
    .orderBy('due_at')
    .execute();
}

export async function decideReconfirmations(t: TenantTx, investmentId: string, status: Exclude<ReconfirmationStatus, 'pending'>, at: Date): Promise<number> {
  const r = await t.tx
    .updateTable('investment_reconfirmations')
    .set({ status, decided_at: at })
    .where('tenant_id', '=', t.tenantId)
    .where('investment_id', '=', investmentId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Pending reconfirmations whose five business days ended before `now`, one row per investment. */
export function overdueReconfirmations(t: TenantTx, now: Date, limit: number) {
  return t.tx
    .selectFrom('investment_reconfirmations as r')
    .innerJoin('investments as i', (j) => j.onRef('i.tenant_id', '=', 'r.tenant_id').onRef('i.id', '=', 'r.investment_id'))
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'r.tenant_id').onRef('u.id', '=', 'r.investor_id'))
    .innerJoin('deals as d', (j) => j.onRef('d.tenant_id', '=', 'r.tenant_id').onRef('d.id', '=', 'i.deal_id'))
    .select(['r.investment_id', 'r.investor_id', 'u.email', 'd.title'])
    .distinct()
    .where('r.tenant_id', '=', t.tenantId)
    .where('r.status', '=', 'pending')
    .where('r.due_at', '<', now)
    .orderBy('r.investment_id')
    .limit(limit)
    .execute();
}

/** The investor's reconfirmations still awaiting an answer, with the change and the deal. */
export function pendingReconfirmationsOfInvestor(t: TenantTx, investorId: string) {
  return t.tx
    .selectFrom('investment_reconfirmations as r')
    .innerJoin('deal_material_changes as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.material_change_id'))
    .innerJoin('deals as d', (j) => j.onRef('d.tenant_id', '=', 'c.tenant_id').onRef('d.id', '=', 'c.deal_id'))
    .select(['r.investment_id', 'r.due_at', 'c.id as change_id', 'c.kinds', 'c.description', 'c.created_at', 'c.new_ends_at', 'd.id as deal_id', 'd.title'])
    .where('r.tenant_id', '=', t.tenantId)
    .where('r.investor_id', '=', investorId)
    .where('r.status', '=', 'pending')
    .orderBy('r.due_at')
    .execute();
}

export function materialChangesOf(t: TenantTx, dealId: string) {
  return t.tx
    .selectFrom('deal_material_changes as c')
    .select([
      'c.id',
      'c.kinds',
      'c.description',
      'c.previous_ends_at',
      'c.new_ends_at',
      'c.reconfirm_by',
      'c.created_at',
      (eb) => eb.selectFrom('investment_reconfirmations as r').select((e) => e.fn.countAll<string>().as('n')).whereRef('r.tenant_id', '=', 'c.tenant_id').whereRef('r.material_change_id', '=', 'c.id').as('notified'),
      (eb) =>
        eb.selectFrom('investment_reconfirmations as r').select((e) => e.fn.countAll<string>().as('n')).whereRef('r.tenant_id', '=', 'c.tenant_id').whereRef('r.material_change_id', '=', 'c.id').where('r.status', '=', 'reconfirmed').as('reconfirmed'),
      (eb) =>
        eb.selectFrom('investment_reconfirmations as r').select((e) => e.fn.countAll<string>().as('n')).whereRef('r.tenant_id', '=', 'c.tenant_id').whereRef('r.material_change_id', '=', 'c.id').where('r.status', '=', 'cancelled').as('cancelled'),
    ])
    .where('c.tenant_id', '=', t.tenantId)
    .where('c.deal_id', '=', dealId)
    .orderBy('c.created_at')
    .execute();
}

export function lockInvestment(t: TenantTx, id: string) {
  return t.tx.selectFrom('investments').select(['id', 'investor_id', 'deal_id', 'status']).where('tenant_id', '=', t.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}
