import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { getConfig } from '../../src/server/config';
import { ownerDb } from '../../src/server/db/pool';
import { resolveTenant } from '../../src/server/tenancy/resolve';
import { makeTenant } from '../helpers/tenants';

describe('tenant cache across app instances', () => {
  it('drops a cached tenant when another instance (here: plain SQL) changes it', async () => {
    const t = await makeTenant();
    const base = getConfig().PLATFORM_BASE_DOMAIN;
    const before = await resolveTenant(t.host, base);
    expect(before?.name).toBe(`Tenant ${t.slug}`);
    // Give the LISTEN connection a moment to be established, then change the row behind the cache's back.
    await new Promise((r) => setTimeout(r, 300));
    await sql`update tenants set name = 'Changed Elsewhere' where id = ${t.id}`.execute(ownerDb());
    let after = before;
    for (let i = 0; i < 40 && after?.name !== 'Changed Elsewhere'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = await resolveTenant(t.host, base);
    }
    expect(after?.name).toBe('Changed Elsewhere');
  });
});
