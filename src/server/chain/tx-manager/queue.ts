// Putting a transaction in the manager's queue: inside the caller's transaction, so a decision
// and the transaction that carries it commit together, and once per dedupe key, so a job or a
// request that runs twice queues one transaction.
import type { Kysely } from 'kysely';
import type { TenantTx } from '../../db/tenant';
import type { Database } from '../../db/types';
import { uuidv7 } from '../../ids';
import { platformAdminSigner, tenantSigner } from '../signers';
import { insertTxOnce } from './repo';

export type TxSpec = {
  chainId: number;
  to: string | null;
  data: string;
  value?: bigint;
  purpose: string;
  referenceType: 'escrow' | 'deal' | 'tenant' | 'platform' | 'staking_pool' | 'lending_pool' | 'asset' | 'identity_registry';
  referenceId: string;
  dedupeKey: string;
};

export async function enqueueTenantTransaction(t: TenantTx, role: 'operator' | 'tenant_admin', spec: TxSpec) {
  const from = tenantSigner(spec.chainId, t.tenantId, role).address;
  return insertTxOnce(t.tx, { id: uuidv7(), tenantId: t.tenantId, from, signerRole: role, createdBy: t.userId, ...spec, dedupeKey: `${t.tenantId}:${spec.dedupeKey}` });
}

/** Platform-key transactions for a tenant (its provisioning): the owner's path only; the row is the tenant's. */
export async function enqueuePlatformTransaction(db: Kysely<Database>, tenantId: string, spec: TxSpec) {
  const from = platformAdminSigner(spec.chainId).address;
  return insertTxOnce(db, { id: uuidv7(), tenantId, from, signerRole: 'platform_admin', createdBy: null, ...spec, dedupeKey: `platform:${spec.dedupeKey}` });
}

/** A tenant-role transaction queued by a platform job (the sale deployment): owner path, tenant's signer. */
export async function enqueueTenantTransactionAsSystem(db: Kysely<Database>, tenantId: string, role: 'operator' | 'tenant_admin', spec: TxSpec) {
  const from = tenantSigner(spec.chainId, tenantId, role).address;
  return insertTxOnce(db, { id: uuidv7(), tenantId, from, signerRole: role, createdBy: null, ...spec, dedupeKey: `${tenantId}:${spec.dedupeKey}` });
}
