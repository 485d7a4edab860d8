import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { closePools, ownerDb } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { ValidationError } from '../../src/server/errors';
import { invalidateTenantCache, resolveTenant } from '../../src/server/tenancy/resolve';
import { call } from '../helpers/api';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// Findings 6 and 7 of the outside attack run (issue 21): a tenant taking another tenant's
// host name, and two tables every tenant context could read.

const rand = () => randomBytes(4).toString('hex');
let a: TestTenant;
let b: TestTenant;
beforeAll(async () => {
  a = await makeTenant();
  b = await makeTenant();
});
afterAll(async () => {
  await closePools();
});

async function refusal(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error('expected the statement to be refused');
}

describe('host names belong to the platform', () => {
  it("the app role cannot set its own tenant's domain (or any alias), even inside its own tenant", async () => {
    const setDomain = withTenant(a.id, null, ({ tx }) => sql`update tenants set domain = ${b.host} where id = ${a.id}`.execute(tx));
    expect((await refusal(setDomain)).code).toBe('42501');
    const addAlias = withTenant(a.id, null, ({ tx }) => sql`insert into domain_aliases (tenant_id, id, domain) values (${a.id}, gen_random_uuid(), ${`x-${rand()}.example`})`.execute(tx));
    expect((await refusal(addAlias)).code).toBe('42501');
  });

  it("a domain under the platform's own domain never wins over the slug there", async () => {
    // The state the attack reached: alpha's domain set to beta's platform host name.
    await sql`update tenants set domain = ${b.host} where id = ${a.id}`.execute(ownerDb());
    invalidateTenantCache();
    try {
      expect((await resolveTenant(b.host, 'localhost'))?.id).toBe(b.id);
      expect((await resolveTenant(a.host, 'localhost'))?.id).toBe(a.id);
    } finally {
      await sql`update tenants set domain = null where id = ${a.id}`.execute(ownerDb());
      invalidateTenantCache();
    }
  });

  it('provisioning refuses a domain or alias under the platform domain, naming the field', async () => {
    const e = await refusal(makeTenant({ domain: `shop.${b.host}`, aliases: [`ok-${rand()}.example`, b.host] }));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).fields.map((f) => f.field)).toEqual(['domain', 'aliases.1']);
  });

  it("one host name, one tenant: an alias of one tenant cannot be another's domain, nor the reverse", async () => {
    const name = `shared-${rand()}.example`;
    await makeTenant({ aliases: [name] });
    expect((await refusal(makeTenant({ domain: name }))).code).toBe('23505');
    const other = `primary-${rand()}.example`;
    await makeTenant({ domain: other });
    expect((await refusal(makeTenant({ aliases: [other] }))).code).toBe('23505');
  });
});

describe('rate-limit counters and webhook receipts are out of tenant reach', () => {
  it('the app role cannot read or delete rate-limit counters, and they hold no email or address', async () => {
    const user = await makeUser(a);
    const ip = `192.0.2.${Math.floor(Math.random() * 200) + 1}`;
    await call(login, { host: a.host, ip, body: { email: user.email, password: 'not-the-password-1' } });

    expect((await refusal(withTenant(a.id, null, ({ tx }) => sql`select * from limits.rate_limits`.execute(tx)))).code).toBe('42501');
    expect((await refusal(withTenant(a.id, null, ({ tx }) => sql`delete from limits.rate_limits`.execute(tx)))).code).toBe('42501');
    expect((await refusal(withTenant(a.id, null, ({ tx }) => sql`select * from public.rate_limits`.execute(tx)))).code).toBe('42P01');

    const { rows } = await sql<{ key: string }>`select key from limits.rate_limits`.execute(ownerDb());
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.key).not.toContain(user.email);
      expect(r.key).not.toContain(ip);
      expect(r.key).not.toContain(a.id);
    }
  });

  it("webhook receipts are tenant rows: one tenant's context sees none of another's", async () => {
    const eventId = `evt-${rand()}`;
    await withTenant(b.id, null, ({ tx }) => sql`insert into kyc_webhook_receipts (tenant_id, provider, event_id, outcome) values (${b.id}, 'sumsub', ${eventId}, 'applied')`.execute(tx));
    const seen = await withTenant(a.id, null, ({ tx }) => sql<{ n: number }>`select count(*)::int as n from kyc_webhook_receipts where event_id = ${eventId}`.execute(tx));
    expect(seen.rows[0]!.n).toBe(0);
    const write = withTenant(a.id, null, ({ tx }) => sql`insert into kyc_webhook_receipts (tenant_id, provider, event_id, outcome) values (${b.id}, 'sumsub', ${`evt-${rand()}`}, 'applied')`.execute(tx));
    expect((await refusal(write)).code).toBe('42501');
  });
});
