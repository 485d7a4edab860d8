import { sql } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { Role } from '../db/types';

export async function listUsers(t: TenantTx, opts: { search?: string; role?: Role; limit: number; offset: number }) {
  let q = t.tx
    .selectFrom('users as u')
    .innerJoin('profiles as p', (j) => j.onRef('p.tenant_id', '=', 'u.tenant_id').onRef('p.user_id', '=', 'u.id'))
    .where('u.tenant_id', '=', t.tenantId);
  if (opts.search) {
    const like = `%${opts.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('u.email', 'ilike', like), eb('u.first_name', 'ilike', like), eb('u.last_name', 'ilike', like)]));
  }
  if (opts.role)
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('tenant_user_roles as r').select(sql`1`.as('one')).whereRef('r.tenant_id', '=', 'u.tenant_id').whereRef('r.user_id', '=', 'u.id').where('r.role', '=', opts.role!)),
    );
  const [rows, total] = await Promise.all([
    q
      .select([
        'u.id',
        'u.email',
        'u.first_name',
        'u.last_name',
        'u.status',
        'u.email_verified_at',
        'u.mfa_enabled_at',
        'u.created_at',
        'p.verification_level',
        'p.kyc_status',
        sql<Role[]>`coalesce((select array_agg(r.role order by r.role) from tenant_user_roles r where r.tenant_id = u.tenant_id and r.user_id = u.id), '{}')`.as('roles'),
      ])
      .orderBy('u.created_at', 'desc')
      .orderBy('u.id')
      .limit(opts.limit)
      .offset(opts.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function setUserStatus(t: TenantTx, userId: string, status: 'active' | 'disabled'): Promise<number> {
  const r = await t.tx.updateTable('users').set({ status, updated_at: new Date() }).where('tenant_id', '=', t.tenantId).where('id', '=', userId).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function countRoleHolders(t: TenantTx, role: Role): Promise<number> {
  const r = await t.tx
    .selectFrom('tenant_user_roles as r')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'r.tenant_id').onRef('u.id', '=', 'r.user_id'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('r.tenant_id', '=', t.tenantId)
    .where('r.role', '=', role)
    .where('u.status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A member of the tenant by id or email (case-insensitive), or undefined. */
export function findMember(t: TenantTx, by: { id?: string; email?: string }) {
  let q = t.tx.selectFrom('users').select(['id', 'email', 'first_name', 'last_name', 'status']).where('tenant_id', '=', t.tenantId);
  if (by.id) q = q.where('id', '=', by.id);
  if (by.email) q = q.where(sql`lower(email)`, '=', by.email.toLowerCase());
  return q.executeTakeFirst();
}

/** Whether the member holds the role in this tenant. */
export async function userHasRole(t: TenantTx, userId: string, role: Role): Promise<boolean> {
  const r = await t.tx.selectFrom('tenant_user_roles').select('user_id').where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).where('role', '=', role).executeTakeFirst();
  return !!r;
}
