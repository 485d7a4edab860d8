// SQL of asset tokenization: applications and their review, issued assets, issuer updates, the
// token movements the indexer writes, and the issuing job's platform-side scans. Every tenant query
// filters on tenant_id beside RLS.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { AssetApplicationStatus, AssetApplicationsTable, AssetsTable, Database } from '../db/types';

type Db = Kysely<Database>;

export type ApplicationRow = Selectable<AssetApplicationsTable>;
export type AssetRow = Selectable<AssetsTable>;

export type ApplicationFields = Partial<{
  asset_type: ApplicationRow['asset_type'];
  name: string;
  symbol: string;
  description: string;
  valuation: string;
  currency: string;
  currency_decimals: number;
  supply: string;
  decimals: number;
  jurisdiction: string;
  regulation: ApplicationRow['regulation'];
  chain_id: number;
  treasury_address: string;
  lockup_seconds: number;
  reg_s_period_seconds: number;
  max_holders: number;
  max_balance: string;
  allowed_countries: string[];
}>;

export async function insertApplication(t: TenantTx, a: { id: string; issuerId: string; createdBy: string } & Required<ApplicationFields>): Promise<void> {
  const { id, issuerId, createdBy, ...fields } = a;
  await t.tx
    .insertInto('asset_applications')
    .values({ tenant_id: t.tenantId, id, issuer_id: issuerId, created_by: createdBy, ...fields })
    .execute();
}

export async function findApplication(t: TenantTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<ApplicationRow | undefined> {
  let q = t.tx.selectFrom('asset_applications').selectAll().where('tenant_id', '=', t.tenantId).where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Whether the tenant has any application at all (the demo seed's idempotency). */
export async function hasApplications(t: TenantTx): Promise<boolean> {
  return !!(await t.tx.selectFrom('asset_applications').select('id').where('tenant_id', '=', t.tenantId).limit(1).executeTakeFirst());
}

export async function listApplications(t: TenantTx, f: { issuerId?: string; status?: AssetApplicationStatus; excludeDrafts?: boolean }): Promise<ApplicationRow[]> {
  let q = t.tx.selectFrom('asset_applications').selectAll().where('tenant_id', '=', t.tenantId);
  if (f.issuerId) q = q.where('issuer_id', '=', f.issuerId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.excludeDrafts) q = q.where('status', '<>', 'draft');
  return q.orderBy('updated_at', 'desc').orderBy('id').limit(500).execute();
}

/** Changes the row only while it is still in one of `from` (the caller holds its lock); returns whether it did. */
export async function updateApplication(
  t: TenantTx,
  id: string,
  from: AssetApplicationStatus[],
  set: ApplicationFields & Partial<{ status: AssetApplicationStatus; review_reason: string | null; reviewed_by: string; reviewed_at: Date; submitted_at: Date }>,
): Promise<boolean> {
  const r = await t.tx
    .updateTable('asset_applications')
    .set({ ...set, updated_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertApplicationEvent(t: TenantTx, e: { id: string; applicationId: string; action: 'submit' | 'request_changes' | 'approve' | 'reject'; actorId: string; reason: string | null }): Promise<void> {
  await t.tx
    .insertInto('asset_application_events')
    .values({ tenant_id: t.tenantId, id: e.id, application_id: e.applicationId, action: e.action, actor_id: e.actorId, reason: e.reason })
    .execute();
}

export async function listApplicationEvents(t: TenantTx, applicationId: string) {
  return t.tx
    .selectFrom('asset_application_events as e')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'e.tenant_id').onRef('u.id', '=', 'e.actor_id'))
    .select(['e.id', 'e.action', 'e.reason', 'e.created_at', 'e.actor_id', 'u.first_name', 'u.last_name'])
    .where('e.tenant_id', '=', t.tenantId)
    .where('e.application_id', '=', applicationId)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
}

// ---- documents (the issuer's own, from the documents storage)

/** Of these document ids, those that are live documents of this issuer. */
export async function issuerDocumentIds(t: TenantTx, issuerId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await t.tx
    .selectFrom('documents')
    .select('id')
    .where('tenant_id', '=', t.tenantId)
    .where('owner_type', '=', 'issuer')
    .where('owner_id', '=', issuerId)
    .where('archived_at', 'is', null)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function replaceApplicationDocuments(t: TenantTx, applicationId: string, ids: string[]): Promise<void> {
  await t.tx.deleteFrom('asset_documents').where('tenant_id', '=', t.tenantId).where('application_id', '=', applicationId).execute();
  if (ids.length)
    await t.tx
      .insertInto('asset_documents')
      .values(ids.map((document_id) => ({ tenant_id: t.tenantId, application_id: applicationId, document_id })))
      .execute();
}

export async function applicationDocuments(t: TenantTx, applicationId: string) {
  return t.tx
    .selectFrom('asset_documents as ad')
    .innerJoin('documents as d', (j) => j.onRef('d.tenant_id', '=', 'ad.tenant_id').onRef('d.id', '=', 'ad.document_id'))
    .select(['d.id', 'd.title', 'd.kind', 'd.current_version', 'd.created_at'])
    .where('ad.tenant_id', '=', t.tenantId)
    .where('ad.application_id', '=', applicationId)
    .where('d.archived_at', 'is', null)
    .orderBy('d.title')
    .execute();
}

// ---- assets

export async function insertAsset(t: TenantTx, a: ApplicationRow, id: string, approvedBy: string): Promise<void> {
  await t.tx
    .insertInto('assets')
    .values({
      tenant_id: t.tenantId,
      id,
      application_id: a.id,
      issuer_id: a.issuer_id,
      name: a.name,
      symbol: a.symbol,
      asset_type: a.asset_type,
      chain_id: a.chain_id,
      valuation: a.valuation,
      currency: a.currency,
      currency_decimals: a.currency_decimals,
      approved_by: approvedBy,
    })
    .execute();
}

export async function findAsset(t: TenantTx, id: string): Promise<AssetRow | undefined> {
  return t.tx.selectFrom('assets').selectAll().where('tenant_id', '=', t.tenantId).where('id', '=', id).executeTakeFirst();
}

export async function findAssetByApplication(t: TenantTx, applicationId: string): Promise<AssetRow | undefined> {
  return t.tx.selectFrom('assets').selectAll().where('tenant_id', '=', t.tenantId).where('application_id', '=', applicationId).executeTakeFirst();
}

export async function listAssets(t: TenantTx, f: { issuedOnly: boolean; issuerId?: string }): Promise<AssetRow[]> {
  let q = t.tx.selectFrom('assets').selectAll().where('tenant_id', '=', t.tenantId);
  if (f.issuedOnly) q = q.where('status', '=', 'issued');
  if (f.issuerId) q = q.where('issuer_id', '=', f.issuerId);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(500).execute();
}

export async function setAssetValuation(t: TenantTx, id: string, valuation: bigint): Promise<void> {
  await t.tx.updateTable('assets').set({ valuation }).where('tenant_id', '=', t.tenantId).where('id', '=', id).execute();
}

export async function insertAssetUpdate(t: TenantTx, u: { id: string; assetId: string; kind: 'news' | 'valuation'; title: string; body: string; valuation: bigint | null; postedBy: string }): Promise<void> {
  await t.tx
    .insertInto('asset_updates')
    .values({ tenant_id: t.tenantId, id: u.id, asset_id: u.assetId, kind: u.kind, title: u.title, body: u.body, valuation: u.valuation, posted_by: u.postedBy })
    .execute();
}

export async function listAssetUpdates(t: TenantTx, assetId: string) {
  return t.tx
    .selectFrom('asset_updates')
    .select(['id', 'kind', 'title', 'body', 'valuation', 'created_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('asset_id', '=', assetId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
}

export async function listAssetTransactions(t: TenantTx, assetId: string, limit: number) {
  return t.tx
    .selectFrom('asset_transactions')
    .select(['id', 'kind', 'from_address', 'to_address', 'amount', 'tx_hash', 'log_index', 'block_number', 'block_time'])
    .where('tenant_id', '=', t.tenantId)
    .where('asset_id', '=', assetId)
    .orderBy('block_number', 'desc')
    .orderBy('log_index', 'desc')
    .limit(limit)
    .execute();
}

/** Balances from the indexed movements: what each address received minus what it sent, above zero. */
export async function assetHolders(t: TenantTx, assetId: string): Promise<{ address: string; balance: string }[]> {
  const r = await sql<{ address: string; balance: string }>`
    select address, sum(delta)::text as balance from (
      select to_address as address, amount as delta from asset_transactions
        where tenant_id = ${t.tenantId} and asset_id = ${assetId} and to_address is not null
      union all
      select from_address, -amount from asset_transactions
        where tenant_id = ${t.tenantId} and asset_id = ${assetId} and from_address is not null
    ) m group by address having sum(delta) > 0 order by sum(delta) desc, address`.execute(t.tx);
  return r.rows;
}

// ---- the indexer's side

export type ChainLog = { chainId: number; txHash: string; logIndex: number; blockNumber: bigint; at: Date };

/** The platform-deployed tokens among these addresses, with their tenant (the indexer's registry lookup; its own RLS policy). */
export async function findAssetTokens(db: Db, chainId: number, addresses: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (!addresses.length) return found;
  const rows = await db
    .selectFrom('assets')
    .select(['token_address', 'tenant_id'])
    .where('chain_id', '=', String(chainId))
    .where('token_address', 'in', addresses)
    .execute();
  for (const r of rows) if (r.token_address) found.set(r.token_address, r.tenant_id);
  return found;
}

export async function assetIdByToken(t: TenantTx, chainId: number, token: string): Promise<string | null> {
  const r = await t.tx
    .selectFrom('assets')
    .select('id')
    .where('tenant_id', '=', t.tenantId)
    .where('chain_id', '=', String(chainId))
    .where('token_address', '=', token.toLowerCase())
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function insertAssetTransaction(
  t: TenantTx,
  m: { id: string; assetId: string; kind: 'issue' | 'transfer' | 'forced' | 'recovery'; from: string | null; to: string | null; amount: bigint },
  log: ChainLog,
): Promise<void> {
  await t.tx
    .insertInto('asset_transactions')
    .values({
      tenant_id: t.tenantId,
      id: m.id,
      asset_id: m.assetId,
      kind: m.kind,
      from_address: m.from,
      to_address: m.to,
      amount: m.amount,
      chain_id: log.chainId,
      tx_hash: log.txHash,
      log_index: log.logIndex,
      block_number: log.blockNumber,
      block_time: log.at,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'chain_id', 'tx_hash', 'log_index']).doNothing())
    .execute();
}

export async function deleteAssetTransactionOfLog(t: TenantTx, log: { chainId: number; txHash: string; logIndex: number }): Promise<void> {
  await t.tx
    .deleteFrom('asset_transactions')
    .where('tenant_id', '=', t.tenantId)
    .where('chain_id', '=', String(log.chainId))
    .where('tx_hash', '=', log.txHash)
    .where('log_index', '=', log.logIndex)
    .execute();
}

// ---- the issuing job (platform side: owner, every tenant)

/** Approved assets without their token, whose tenant has its contracts on the asset's chain and is active. */
export async function assetsAwaitingToken(db: Db, limit: number, tenantIds?: string[]) {
  let q = db
    .selectFrom('assets as a')
    .innerJoin('asset_applications as p', (j) => j.onRef('p.tenant_id', '=', 'a.tenant_id').onRef('p.id', '=', 'a.application_id'))
    .innerJoin('tenant_chain_contracts as c', (j) => j.onRef('c.tenant_id', '=', 'a.tenant_id').on(sql<boolean>`c.chain_id = a.chain_id`))
    .innerJoin('tenants as t', 't.id', 'a.tenant_id')
    .select([
      'a.tenant_id',
      'a.id',
      'a.chain_id',
      'a.created_at',
      'p.name',
      'p.symbol',
      'p.decimals',
      'p.supply',
      'p.treasury_address',
      'p.lockup_seconds',
      'p.reg_s_period_seconds',
      'p.max_holders',
      'p.max_balance',
      'p.allowed_countries',
    ])
    .where('a.status', '=', 'issuing')
    .where('c.deploy_status', '=', 'deployed')
    .where('t.status', '=', 'active')
    // A failed deployment waits for an admin's retry (GET /api/admin/chain/transactions?status=failed).
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('chain_transactions as x').select('x.id').whereRef('x.tenant_id', '=', 'a.tenant_id').where('x.reference_type', 'in', ['asset', 'identity_registry']).where('x.status', '=', 'failed'))),
    )
    .orderBy('a.created_at')
    .limit(limit);
  if (tenantIds) q = q.where('a.tenant_id', 'in', tenantIds);
  return q.execute();
}

export async function findRegistry(t: TenantTx, chainId: number) {
  return t.tx.selectFrom('asset_identity_registries').selectAll().where('tenant_id', '=', t.tenantId).where('chain_id', '=', String(chainId)).executeTakeFirst();
}

export async function saveRegistry(t: TenantTx, chainId: number, address: string, txId: string): Promise<void> {
  await t.tx
    .insertInto('asset_identity_registries')
    .values({ tenant_id: t.tenantId, chain_id: chainId, registry_address: address.toLowerCase(), deploy_tx_id: txId })
    .onConflict((oc) => oc.columns(['tenant_id', 'chain_id']).doNothing())
    .execute();
}

/** The asset gets its token; once only. Returns whether this call set it. */
export async function setAssetToken(t: TenantTx, id: string, v: { token: string; registry: string; txId: string; issuedAt: Date; regSEndsAt: Date | null }): Promise<boolean> {
  const r = await t.tx
    .updateTable('assets')
    .set({ status: 'issued', token_address: v.token.toLowerCase(), registry_address: v.registry.toLowerCase(), deploy_tx_id: v.txId, issued_at: v.issuedAt, reg_s_period_ends_at: v.regSEndsAt })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .where('status', '=', 'issuing')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Tenants with a deployed identity registry on a chain (the registration job's scope). */
export async function deployedRegistries(db: Db, tenantIds?: string[]) {
  let q = db
    .selectFrom('asset_identity_registries as r')
    .innerJoin('tenants as t', 't.id', 'r.tenant_id')
    .select(['r.tenant_id', 'r.chain_id', 'r.registry_address'])
    .where('r.registry_address', 'is not', null)
    .where('t.status', '=', 'active');
  if (tenantIds) q = q.where('r.tenant_id', 'in', tenantIds);
  return q.execute();
}

export type WantedIdentity = { wallet_address: string; user_id: string; country: string; category: number };

/**
 * What the registry should hold: every wallet linked on this chain by a member whose KYC is approved
 * and who has a country. A US person (their declaration says so) is registered as "US", whatever the
 * residence; the category is 2 (accredited) with a live accredited level, else 1 (retail).
 */
export async function wantedIdentities(t: TenantTx, chainId: number): Promise<WantedIdentity[]> {
  const r = await sql<WantedIdentity>`
    select w.address as wallet_address, w.user_id,
           case when d.is_us_person then 'US' else coalesce(d.residence_country, p.country) end as country,
           case when exists (select 1 from user_verification_levels v
                              where v.tenant_id = w.tenant_id and v.user_id = w.user_id and v.level = 'accredited' and v.revoked_at is null)
                then 2 else 1 end as category
      from wallet_links w
      join profiles p on p.tenant_id = w.tenant_id and p.user_id = w.user_id
      left join investor_declarations d on d.tenant_id = w.tenant_id and d.user_id = w.user_id
     where w.tenant_id = ${t.tenantId} and w.chain_id = ${chainId}
       and p.kyc_status = 'approved'
       and (d.is_us_person or coalesce(d.residence_country, p.country) is not null)
     order by w.address`.execute(t.tx);
  return r.rows.map((row) => ({ ...row, category: Number(row.category) }));
}

export async function currentRegistrations(t: TenantTx, chainId: number) {
  return t.tx
    .selectFrom('asset_identity_registrations')
    .select(['wallet_address', 'user_id', 'country', 'category'])
    .where('tenant_id', '=', t.tenantId)
    .where('chain_id', '=', String(chainId))
    .execute();
}

/** Counts one recorded registry write (see asset_identity_registries.write_seq). */
export async function bumpWriteSeq(t: TenantTx, chainId: number): Promise<void> {
  await t.tx
    .updateTable('asset_identity_registries')
    .set((eb) => ({ write_seq: eb('write_seq', '+', 1) }))
    .where('tenant_id', '=', t.tenantId)
    .where('chain_id', '=', String(chainId))
    .execute();
}

export async function recordRegistrations(t: TenantTx, chainId: number, rows: WantedIdentity[], txId: string): Promise<void> {
  if (!rows.length) return;
  await t.tx
    .insertInto('asset_identity_registrations')
    .values(rows.map((r) => ({ tenant_id: t.tenantId, chain_id: chainId, wallet_address: r.wallet_address, user_id: r.user_id, country: r.country, category: r.category, tx_id: txId })))
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'chain_id', 'wallet_address']).doUpdateSet((eb) => ({
        user_id: eb.ref('excluded.user_id'),
        country: eb.ref('excluded.country'),
        category: eb.ref('excluded.category'),
        tx_id: eb.ref('excluded.tx_id'),
        registered_at: new Date(),
      })),
    )
    .execute();
}

export async function deleteRegistration(t: TenantTx, chainId: number, wallet: string): Promise<void> {
  await t.tx
    .deleteFrom('asset_identity_registrations')
    .where('tenant_id', '=', t.tenantId)
    .where('chain_id', '=', String(chainId))
    .where('wallet_address', '=', wallet)
    .execute();
}
