import type { TenantTx } from '../db/tenant';

// SQL for wallet nonces and links. Every statement names the tenant as well as relying on RLS.

export async function pruneNonces(t: TenantTx, userId: string): Promise<void> {
  await t.tx
    .deleteFrom('wallet_nonces')
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', '<=', new Date()), eb('used_at', 'is not', null)]))
    .execute();
}

export async function insertNonce(t: TenantTx, row: { userId: string; nonce: string; expiresAt: Date }): Promise<void> {
  await t.tx.insertInto('wallet_nonces').values({ tenant_id: t.tenantId, user_id: row.userId, nonce: row.nonce, expires_at: row.expiresAt }).execute();
}

/**
 * Spends the nonce if it is this user's, unused and unexpired: one conditional UPDATE, so of
 * two requests racing with the same message exactly one gets the row back.
 */
export async function spendNonce(t: TenantTx, userId: string, nonce: string, now: Date): Promise<boolean> {
  const row = await t.tx
    .updateTable('wallet_nonces')
    .set({ used_at: now })
    .where('tenant_id', '=', t.tenantId)
    .where('nonce', '=', nonce)
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('nonce')
    .executeTakeFirst();
  return row !== undefined;
}

export async function findNonce(t: TenantTx, nonce: string) {
  return t.tx.selectFrom('wallet_nonces').select(['user_id', 'expires_at', 'used_at']).where('tenant_id', '=', t.tenantId).where('nonce', '=', nonce).executeTakeFirst();
}

export async function findLinkByAddress(t: TenantTx, address: string) {
  return t.tx.selectFrom('wallet_links').selectAll().where('tenant_id', '=', t.tenantId).where('address', '=', address).executeTakeFirst();
}

/** Links the address to the user; re-linking the same address refreshes chain and time. */
export async function upsertLink(t: TenantTx, row: { userId: string; address: string; chainId: number }) {
  return t.tx
    .insertInto('wallet_links')
    .values({ tenant_id: t.tenantId, user_id: row.userId, address: row.address, chain_id: row.chainId, linked_at: new Date() })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'address']).doUpdateSet({ chain_id: row.chainId, linked_at: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteLink(t: TenantTx, userId: string, address: string): Promise<boolean> {
  const r = await t.tx.deleteFrom('wallet_links').where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).where('address', '=', address).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

export async function listLinks(t: TenantTx, userId: string) {
  return t.tx.selectFrom('wallet_links').selectAll().where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).orderBy('linked_at', 'desc').execute();
}

/**
 * profiles.wallet_address mirrors the most recently linked wallet. Written here, in the
 * link's own transaction, because the auth module's profile patch does not cover the column.
 */
export async function setProfileWallet(t: TenantTx, userId: string, address: string | null): Promise<void> {
  await t.tx.updateTable('profiles').set({ wallet_address: address, updated_at: new Date() }).where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).execute();
}

export async function profileWallet(t: TenantTx, userId: string): Promise<string | null> {
  const row = await t.tx.selectFrom('profiles').select('wallet_address').where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).executeTakeFirst();
  return row?.wallet_address ?? null;
}
