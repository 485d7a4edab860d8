import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConfig, resetConfigCache } from '../../src/server/config';
import { closePools } from '../../src/server/db/pool';
import { ownerDatabaseUrl } from '../../src/server/db/urls';
import { seedDemoDeals } from '../../src/server/platform/demo-deals';
import { tenantTables } from '../../src/server/tenant-data/catalog';
import { deleteTenant } from '../../src/server/tenant-data/delete';
import { exportTenant } from '../../src/server/tenant-data/export';
import { importTenant } from '../../src/server/tenant-data/import';
import { comparableManifest, type ArchiveManifest } from '../../src/server/tenant-data/manifest';
import { makeSecondInstallation, type SecondInstallation } from '../helpers/second-database';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

// Issue 17: a tenant moves to another installation and back with the same ids, history, audit
// trail and files; export -> import -> export is identical, row for row and hash for hash.

let demo: TestTenant;
let second: SecondInstallation;
let dir: string;
const actor = { adminId: null };

async function rowsOfTenant(url: string, tenantId: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    let n = 0;
    for (const t of await tenantTables(c)) {
      const col = t.name === 'tenants' ? 'id' : 'tenant_id';
      n += Number((await c.query(`select count(*)::int as n from "${t.name}" where ${col} = $1`, [tenantId])).rows[0].n);
    }
    return n;
  } finally {
    await c.end();
  }
}

const dataDir = () => getConfig().DATA_DIR;

beforeAll(async () => {
  process.env.DATA_ENCRYPTION_KEY = randomBytes(32).toString('base64url');
  resetConfigCache();
  demo = await makeTenant({ aliases: [`${randomBytes(4).toString('hex')}.move.example`] });
  const issuer = await makeUser(demo, ['issuer']);
  const [i1, i2] = [await makeUser(demo), await makeUser(demo)];
  await seedDemoDeals(demo.id, demo.slug, { theme: 'alpha', password: PASSWORD, admin: demo.admin.email, issuer: issuer.email, investors: [i1.email, i2.email] });
  second = await makeSecondInstallation();
  dir = mkdtempSync(path.join(tmpdir(), 'cdp-export-'));
}, 120_000);

afterAll(async () => {
  await second?.drop();
  rmSync(dir, { recursive: true, force: true });
  await closePools();
});

describe('tenant export and import', () => {
  let first: ArchiveManifest;
  const archive = () => path.join(dir, 'first.tar');

  it('exports every tenant table from the catalog with counts, hashes and the encrypted KYC files', async () => {
    first = await exportTenant(demo.id, archive(), { dataDir: dataDir() });
    const c = new pg.Client({ connectionString: ownerDatabaseUrl(getConfig()) });
    await c.connect();
    const catalog = (await tenantTables(c)).map((t) => t.name);
    await c.end();
    expect(first.tables.map((t) => t.table).sort()).toEqual([...catalog].sort());
    const rows = Object.fromEntries(first.tables.map((t) => [t.table, t.rows]));
    expect(rows.tenants).toBe(1);
    expect(rows.users).toBeGreaterThanOrEqual(4);
    expect(rows.investments).toBeGreaterThan(10);
    expect(rows.audit_logs).toBeGreaterThan(0);
    expect(rows.kyc_documents).toBeGreaterThan(0);
    expect(rows.domain_aliases).toBe(1);
    expect(first.files.length).toBeGreaterThan(0);
    expect(first.missingFiles).toEqual([]);
    expect(first.schemaVersion).toMatch(/^\d{4}_/);
  });

  it('imports into a fresh installation and exports there identically, row for row and hash for hash', async () => {
    await importTenant(archive(), { databaseUrl: second.url, dataDir: second.dataDir, actor });
    const again = await exportTenant(demo.id, path.join(dir, 'second.tar'), { databaseUrl: second.url, dataDir: second.dataDir });
    expect(comparableManifest(again)).toEqual(comparableManifest(first));
  });

  it('refuses to import a tenant whose id or slug exists, and writes nothing', async () => {
    const before = await rowsOfTenant(second.url, demo.id);
    await expect(importTenant(archive(), { databaseUrl: second.url, dataDir: second.dataDir, actor })).rejects.toMatchObject({ status: 409, code: 'tenant_exists' });
    expect(await rowsOfTenant(second.url, demo.id)).toBe(before);
  });

  it('restore drill: delete the tenant, an altered archive is refused whole, the real one restores it exactly', async () => {
    await expect(deleteTenant(actor, demo.slug, { confirmSlug: 'wrong' })).rejects.toMatchObject({ status: 400 });
    const deleted = await deleteTenant(actor, demo.slug, { confirmSlug: demo.slug });
    expect(deleted.rows).toBe(first.tables.reduce((n, t) => n + t.rows, 0));
    expect(await rowsOfTenant(ownerDatabaseUrl(getConfig()), demo.id)).toBe(0);

    // One letter of an audit entry changed: the table's hash no longer matches the manifest.
    const bytes = readFileSync(archive());
    const at = bytes.indexOf(Buffer.from('"action":"'), bytes.indexOf(Buffer.from('tables/audit_logs.ndjson'))) + 10;
    expect(at).toBeGreaterThan(10);
    const tampered = Buffer.from(bytes);
    tampered[at] = tampered[at] === 0x78 ? 0x79 : 0x78;
    writeFileSync(path.join(dir, 'tampered.tar'), tampered);
    await expect(importTenant(path.join(dir, 'tampered.tar'), { dataDir: dataDir(), actor })).rejects.toMatchObject({ status: 400 });
    expect(await rowsOfTenant(ownerDatabaseUrl(getConfig()), demo.id)).toBe(0);

    await importTenant(archive(), { dataDir: dataDir(), actor });
    const restored = await exportTenant(demo.id, path.join(dir, 'restored.tar'), { dataDir: dataDir() });
    expect(comparableManifest(restored)).toEqual(comparableManifest(first));
  });
});
