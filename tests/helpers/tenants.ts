import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/server/db/types';
import { addUser, createTenant } from '../../src/server/platform/tenants';

export const PASSWORD = 'Correct-Horse-Battery-42';

export type TestTenant = { id: string; slug: string; host: string; admin: { id: string; email: string } };

/** A fresh tenant with a random slug, so test files never collide on the shared database. */
export async function makeTenant(opts: { settings?: Record<string, unknown>; domain?: string; aliases?: string[]; kycProvider?: 'manual' | 'sumsub' | 'shuftipro'; chains?: number[] } = {}): Promise<TestTenant> {
  const slug = `t-${randomBytes(5).toString('hex')}`;
  const email = `admin@${slug}.test`;
  const { id, adminId } = await createTenant(
    { adminId: null },
    {
      name: `Tenant ${slug}`,
      slug,
      domain: opts.domain ?? null,
      aliases: opts.aliases ?? [],
      kycProvider: opts.kycProvider,
      chains: opts.chains,
      settings: { rateLimits: { public: 100_000, authenticated: 100_000, admin: 100_000 }, ...opts.settings },
      admin: { email, password: PASSWORD, firstName: 'Ada', lastName: 'Admin' },
    },
  );
  return { id, slug, host: `${slug}.localhost`, admin: { id: adminId, email } };
}

export async function makeUser(tenant: TestTenant, roles: Role[] = ['investor'], email?: string): Promise<{ id: string; email: string }> {
  const e = email ?? `${roles[0]}-${randomBytes(4).toString('hex')}@example.com`;
  const id = await addUser(tenant.id, { email: e, password: PASSWORD, firstName: 'Test', lastName: 'User', roles });
  return { id, email: e };
}
