// On-chain deals and reservations for indexer tests: a deal made active through the API and
// bound to its sale (as the write side's deploy job does), and investors whose pending_payment
// investment names the wallet that will fund the escrow (the invest API's on-chain path is the
// write side's, tested there).
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { withTenant } from '../../src/server/db/tenant';
import { dealForInvestment, reserveDealCapacity } from '../../src/server/deals/capacity';
import { uuidv7 } from '../../src/server/ids';
import { insertEvent, insertInvestment } from '../../src/server/investments/repo';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from './deals';
import { makeUser, type TestTenant } from './tenants';

export async function onChainDeal(tenant: TestTenant, chainId: number, sale: string) {
  const adminToken = await tokenFor(tenant, tenant.admin.email);
  const issuer = await makeVerifiedIssuer(tenant, adminToken);
  const deal = await makeActiveDeal(tenant, issuer.token, adminToken, { title: `On-chain deal ${randomBytes(3).toString('hex')}` });
  // What the write side's sale deployment records once the deal's TokenSale is mined.
  await withTenant(tenant.id, null, (t) => t.tx.updateTable('deals').set({ chain_id: chainId, sale_address: sale.toLowerCase() }).where('tenant_id', '=', tenant.id).where('id', '=', deal.id).execute());
  return { id: deal.id as string, adminToken };
}

/**
 * A KYC-cleared investor's on-chain commitment as the invest API leaves it for an on-chain deal:
 * pending_payment, its capacity reserved, naming the chain and the wallet that will fund the
 * escrow. `amount` is in the deal currency's minor units (cents); the wallet funds
 * `tokenAmount` base units of the 6-decimal payment token.
 */
export async function reservation(tenant: TestTenant, chainId: number, dealId: string, wallet: string, amountCents = 100_000n) {
  const u = await makeUser(tenant, ['investor']);
  const id = uuidv7();
  await withTenant(tenant.id, { userId: u.id }, async (t) => {
    const deal = await dealForInvestment(t, dealId);
    await insertInvestment(t, {
      id,
      deal_id: dealId,
      investor_id: u.id,
      amount: amountCents.toString(),
      currency: deal.currency,
      currency_decimals: deal.currency_decimals,
      payment_method: 'crypto',
      wallet_address: wallet.toLowerCase(),
      status: 'pending_payment',
      chain_id: chainId,
      funding_expires_at: new Date(Date.now() + 30 * 60_000),
    });
    await insertEvent(t, id, null, 'pending_payment', u.id, null);
    await reserveDealCapacity(t, deal, amountCents);
    expect(deal.currency_decimals).toBe(2);
  });
  return { id, userId: u.id, email: u.email, amount: amountCents, tokenAmount: amountCents * 10_000n };
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
