import type { Transaction } from 'kysely';
import { uuidv7 } from '../ids';
import { ownerDb } from './pool';
import type { Database } from './types';

export type PlatformActor = { adminId: string | null; ip?: string | null; userAgent?: string | null };

/**
 * The separate, audited path for platform (super-admin) operations: it runs as the owner,
 * and every call writes a platform_audit_logs row in the same transaction, so an operation
 * without its audit entry cannot commit.
 */
export async function withPlatform<T>(
  actor: PlatformActor,
  action: { action: string; targetTenantId?: string | null; target?: string | null; metadata?: Record<string, unknown> },
  fn: (tx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return ownerDb()
    .transaction()
    .execute(async (tx) => {
      const result = await fn(tx);
      await tx
        .insertInto('platform_audit_logs')
        .values({
          id: uuidv7(),
          admin_id: actor.adminId,
          action: action.action,
          target_tenant_id: action.targetTenantId ?? null,
          target: action.target ?? null,
          metadata: JSON.stringify(action.metadata ?? {}),
          ip: actor.ip ?? null,
          user_agent: actor.userAgent ?? null,
        })
        .execute();
      return result;
    });
}

/**
 * The platform's own background machinery (the chain transaction manager and contract
 * provisioning): the owner, no tenant, one transaction. It handles rows of every tenant
 * because one signer's nonces are shared by all of them; what it does for a tenant was
 * decided and audited inside that tenant's withTenant transaction, never here.
 */
export async function withChainSystem<T>(fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  return ownerDb().transaction().execute(fn);
}

/**
 * The operator console's own bookkeeping and reads (its sessions, the tenants overview): the
 * owner, no tenant, one transaction. Whatever it changes for a tenant goes through withPlatform.
 */
export async function withConsole<T>(fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  return ownerDb().transaction().execute(fn);
}
