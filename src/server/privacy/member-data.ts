/**
 * A member's own data, found through the catalog: every row of every tenant table that refers to
 * them (foreign keys to users, the trails' actor columns), so a new table is never left out.
 * Secrets (password and token hashes, MFA secrets, sealed keys) are left out of the copy.
 */
import { beginTenantTransaction, withOwnerClient } from '../db/copy';
import { NotFound } from '../errors';
import { ident } from '../tenant-data/catalog';
import { memberReferences } from './erase';

const SECRET = /(hash|secret|sealed|token|code)$/;

export type MemberData = { tables: Record<string, Record<string, unknown>[]>; kycDocuments: { id: string; cid: string; mime: string; encrypted: boolean }[] };

export async function memberData(tenantId: string, userId: string): Promise<MemberData> {
  return withOwnerClient(undefined, async (client) => {
    await beginTenantTransaction(client, tenantId, 'read');
    try {
      const tables: MemberData['tables'] = {};
      for (const [table, columns] of [...(await memberReferences(client))].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const where = columns.map((c) => `${ident(c)} = $2`).join(' or ');
        const { rows } = await client.query<Record<string, unknown>>(`select * from ${ident(table)} where tenant_id = $1 and (${where})`, [tenantId, userId]);
        if (rows.length) tables[table] = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !SECRET.test(k))));
      }
      if (!tables.users) throw new NotFound('No member has that id here', 'member_not_found');
      const { rows: kycDocuments } = await client.query<MemberData['kycDocuments'][number]>(
        `select d.id, d.cid, d.mime, d.encrypted from kyc_documents d join kyc_applications a on a.tenant_id = d.tenant_id and a.id = d.application_id where d.tenant_id = $1 and a.user_id = $2 order by d.uploaded_at`,
        [tenantId, userId],
      );
      return { tables, kycDocuments };
    } finally {
      await client.query('rollback').catch(() => {});
    }
  });
}
