// On-chain deals and reservations for indexer tests: a deal made active through the API and
// bound to its sale (as the write side's deploy job does), and investors whose pending_payment
// investment names the wallet that will fund the escrow.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { withTenant } from '../../src/server/db/tenant';
import { call } from './api';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from './deals';
import { makeUser, type TestTenant } from './tenants';

export async function onChainDeal(tenant: TestTenant, chainId: number, sale: string) {
  const adminToken = await tokenFor(tenant, tenant.admin.email);
  const issuer = await makeVerifiedIssuer(tenant, adminToken);
  const deal = await makeActiveDeal(tenant, issuer.token, adminToken, { title: `On-chain deal ${randomBytes(3).toString('hex')}` });
  await withTenant(tenant.id, null, (t) => t.tx.updateTable('deals').set({ chain_id: chainId, sale_address: sale.toLowerCase() }).where('tenant_id', '=', tenant.id).where('id', '=', deal.id).execute());
  return { id: deal.id as string, adminToken };
}

/** A KYC-cleared investor's crypto commitment: pending_payment, waiting for the wallet's escrow. */
export async function reservation(tenant: TestTenant, chainId: number, dealId: string, wallet: string, amount = '1000') {
  const u = await makeUser(tenant, ['investor']);
  await withTenant(tenant.id, null, (t) => t.tx.updateTable('profiles').set({ kyc_status: 'approved' }).where('tenant_id', '=', tenant.id).where('user_id', '=', u.id).execute());
  const token = await tokenFor(tenant, u.email);
  const r = await call(invest, { host: tenant.host, token, params: { id: dealId }, body: { amount, paymentMethod: 'crypto', walletAddress: wallet } });
  expect(r.status).toBe(201);
  const id = r.json.investment.id as string;
  const row = await withTenant(tenant.id, null, async (t) => {
    // The write side's invest marks an on-chain commitment with its chain; set it where it did not.
    await t.tx.updateTable('investments').set({ chain_id: chainId }).where('tenant_id', '=', tenant.id).where('id', '=', id).where('chain_id', 'is', null).execute();
    return t.tx.selectFrom('investments').select(['status', 'amount']).where('tenant_id', '=', tenant.id).where('id', '=', id).executeTakeFirstOrThrow();
  });
  expect(row.status).toBe('pending_payment');
  return { id, userId: u.id, token, amount: BigInt(row.amount) };
}

export const investmentRow = (tenant: TestTenant, id: string) =>
  withTenant(tenant.id, null, (t) => t.tx.selectFrom('investments').selectAll().where('tenant_id', '=', tenant.id).where('id', '=', id).executeTakeFirstOrThrow());

export const escrowRowOf = (tenant: TestTenant, investmentId: string) =>
  withTenant(tenant.id, null, (t) => t.tx.selectFrom('escrow_investments').selectAll().where('tenant_id', '=', tenant.id).where('investment_id', '=', investmentId).executeTakeFirst());

export const movementsOf = (tenant: TestTenant, escrowId: string) =>
  withTenant(tenant.id, null, (t) =>
    t.tx.selectFrom('escrow_transactions').select(['kind', 'amount', 'tx_hash', 'chain_id', 'log_index']).where('tenant_id', '=', tenant.id).where('escrow_id', '=', escrowId).orderBy('created_at').orderBy('id').execute(),
  );

export const refundOf = (tenant: TestTenant, escrowId: string) =>
  withTenant(tenant.id, null, (t) => t.tx.selectFrom('escrow_refunds').select(['reason', 'note', 'tx_hash']).where('tenant_id', '=', tenant.id).where('escrow_id', '=', escrowId).executeTakeFirst());

export const unmatchedOf = (tenant: TestTenant) =>
  withTenant(tenant.id, null, (t) => t.tx.selectFrom('chain_unmatched_escrows').selectAll().where('tenant_id', '=', tenant.id).execute());
