/**
 * Tenant deletion (platform only, audited): every row of every tenant table, children first,
 * then the tenants row. The audit trails are append-only for everyone else; this is the one
 * path that removes them, with session_replication_role = replica for the transaction (owner
 * only), and it leaves its own entry in platform_audit_logs, which is never deleted.
 * Stored files are content-addressed and may be shared, so they stay on disk.
 */
import { beginTenantTransaction, uuidLiteral, withOwnerClient } from '../db/copy';
import type { PlatformActor } from '../db/platform';
import { NotFound, ValidationError } from '../errors';
import { uuidv7 } from '../ids';
import { ident, tenantFilter, tenantTables, TENANTS_TABLE } from './catalog';

export async function deleteTenant(actor: PlatformActor, slug: string, opts: { confirmSlug: string; databaseUrl?: string }): Promise<{ id: string; rows: number }> {
  if (opts.confirmSlug !== slug) throw new ValidationError([{ field: 'confirmSlug', message: 'type the tenant slug again to confirm its deletion' }]);
  return withOwnerClient(opts.databaseUrl, async (client) => {
    const tenant = (await client.query<{ id: string }>('select id from tenants where slug = $1', [slug])).rows[0];
    if (!tenant) throw new NotFound(`No tenant has the slug "${slug}"`, 'tenant_not_found');
    await beginTenantTransaction(client, tenant.id, 'write');
    try {
      const tables = await tenantTables(client);
      const idLiteral = uuidLiteral(tenant.id);
      await client.query(`set local session_replication_role = replica`);
      let rows = 0;
      for (const table of [...tables].reverse()) {
        if (table.name === TENANTS_TABLE) continue;
        rows += (await client.query(`delete from ${ident(table.name)} where ${tenantFilter(table, idLiteral)}`)).rowCount ?? 0;
      }
      // Back to normal for the tenants row, so its change trigger tells every instance to forget the tenant.
      await client.query(`set local session_replication_role = origin`);
      rows += (await client.query('delete from tenants where id = $1', [tenant.id])).rowCount ?? 0;
      await client.query(
        `insert into platform_audit_logs (id, admin_id, action, target_tenant_id, target, metadata, ip, user_agent) values ($1, $2, 'tenant.delete', $3, $4, $5, $6, $7)`,
        [uuidv7(), actor.adminId, tenant.id, slug, JSON.stringify({ rows }), actor.ip ?? null, actor.userAgent ?? null],
      );
      await client.query('commit');
      return { id: tenant.id, rows };
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    }
  });
}
