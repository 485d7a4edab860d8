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

describe('the change feed after its connection dropped', () => {
  it('reconnects and forgets every cached tenant, so a change made while it was down is not served stale', async () => {
    const t = await makeTenant();
    const base = getConfig().PLATFORM_BASE_DOMAIN;
    expect((await resolveTenant(t.host, base))?.name).toBe(`Tenant ${t.slug}`);
    const feedName = `cdp-change-feed:${process.pid}`;
    const feedPid = async () =>
      (await sql<{ pid: number }>`select pid from pg_stat_activity where application_name = ${feedName}`.execute(ownerDb())).rows[0]?.pid;
    let before: number | undefined;
    for (let i = 0; i < 100 && !before; i++) {
      before = await feedPid();
      if (!before) await new Promise((r) => setTimeout(r, 50));
    }
    expect(before).toBeDefined();
    // Drop the feed's connection, and change the tenant while nobody listens (the reconnect waits 500 ms).
    await sql`select pg_terminate_backend(${before!})`.execute(ownerDb());
    await sql`update tenants set name = 'Changed While Deaf' where id = ${t.id}`.execute(ownerDb());
    let after: number | undefined;
    for (let i = 0; i < 200 && (!after || after === before); i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = await feedPid();
    }
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    // The notification was missed; the reconnect emptied the cache (TTL is 30 s, so nothing else would).
    let name: string | undefined;
    for (let i = 0; i < 40 && name !== 'Changed While Deaf'; i++) {
      name = (await resolveTenant(t.host, base))?.name;
      if (name !== 'Changed While Deaf') await new Promise((r) => setTimeout(r, 50));
    }
    expect(name).toBe('Changed While Deaf');
  });
});
