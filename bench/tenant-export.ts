// Tenant export and import throughput against the bare COPY of the same rows, in one run:
//   npx tsx bench/tenant-export.ts [investments=1000000]
// export: exportTenant() (NDJSON via COPY ... TO STDOUT, SHA-256, tar on disk) vs a bare
//   `COPY (select * from t where tenant_id = ...) TO STDOUT` of every tenant table, drained;
// import: importTenant() into a second database (one transaction, checked against the manifest) vs
//   a bare `COPY t FROM STDIN` of the same rows (text format, captured first) in FK order, one transaction.
// Its own embedded PostgreSQL on 127.0.0.1:3271 and data folder data/bench-tenant-export.
import { statSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { startBenchDatabase } from './lib/embedded-bench';

const N = Number(process.argv[2] ?? 1_000_000);
const { dataDir, embedded } = await startBenchDatabase('bench-tenant-export', 3271, 'bench_export');
const { migrate } = await import('../src/server/db/migrate');
const { getConfig } = await import('../src/server/config');
const { closePools } = await import('../src/server/db/pool');
const { createTenant, addUser } = await import('../src/server/platform/tenants');
const { seedDemoDeals } = await import('../src/server/platform/demo-deals');
const { tenantTables, ident, tenantFilter } = await import('../src/server/tenant-data/catalog');
const { exportTenant } = await import('../src/server/tenant-data/export');
const { importTenant } = await import('../src/server/tenant-data/import');

const say = (m: string) => console.log(`[bench] ${m}`);
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

try {
  const password = 'Quiet-Harbor-Ledger-2026';
  const { id: tenantId } = await createTenant({ adminId: null }, { name: 'Export bench', slug: 'export-bench', admin: { email: 'admin@export-bench.example', password, firstName: 'Ada', lastName: 'Admin' } });
  for (const e of ['issuer', 'i1', 'i2']) await addUser(tenantId, { email: `${e}@export-bench.example`, password, firstName: e, lastName: 'Bench', roles: e === 'issuer' ? ['issuer'] : ['investor'] });
  await seedDemoDeals(tenantId, 'export-bench', { theme: 'alpha', password, admin: 'admin@export-bench.example', issuer: 'issuer@export-bench.example', investors: ['i1@export-bench.example', 'i2@export-bench.example'] });
  const owner = new pg.Client({ connectionString: embedded.url });
  owner.on('error', () => {});
  await owner.connect();
  // One INSERT ... SELECT generate_series: copies of a real investment (valid keys), new ids.
  const have = Number((await owner.query('select count(*)::int as n from investments where tenant_id = $1', [tenantId])).rows[0].n);
  await owner.query(
    `insert into investments select r.*
     from (select * from investments where tenant_id = $1 limit 1) i, generate_series(1, $2) g,
       lateral json_populate_record(null::investments, (row_to_json(i)::jsonb || jsonb_build_object('id', gen_random_uuid(), 'n', g))::json) r`,
    [tenantId, Math.max(0, N - have)],
  );
  await owner.query('vacuum analyze');
  const tables = await tenantTables(owner);
  const idLit = `'${tenantId}'`;

  // Bare export: COPY of every table's rows, drained (no hashing, no file).
  let bareBytes = 0;
  let bareRows = 0;
  const captured = new Map<string, Buffer[]>();
  await owner.query('begin isolation level repeatable read read only');
  let t0 = process.hrtime.bigint();
  for (const t of tables) {
    const stream = owner.query(copyTo(`copy (select ${t.insertable.map(ident).join(', ')} from ${ident(t.name)} where ${tenantFilter(t, idLit)}) to stdout`));
    const chunks: Buffer[] = [];
    await pipeline(stream, new Writable({ write(c: Buffer, _e, done) { bareBytes += c.length; chunks.push(c); done(); } }));
    bareRows += stream.rowCount;
    captured.set(t.name, chunks);
  }
  const bareExportMs = ms(t0);
  await owner.query('rollback');

  const archive = path.join(dataDir, 'export.tar');
  t0 = process.hrtime.bigint();
  const manifest = await exportTenant(tenantId, archive, { dataDir });
  const exportMs = ms(t0);
  const archiveBytes = statSync(archive).size;
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);

  // A second installation: its own database on the same server.
  await owner.query('create database bench_import');
  const secondUrl = embedded.url.replace('/bench_export', '/bench_import');
  await migrate({ ownerUrl: secondUrl, appPassword: getConfig().APP_DB_PASSWORD });
  const second = new pg.Client({ connectionString: secondUrl });
  await second.connect();
  await second.query('begin');
  t0 = process.hrtime.bigint();
  for (const t of tables) {
    const copy = second.query(copyFrom(`copy ${ident(t.name)} (${t.insertable.map(ident).join(', ')}) from stdin`));
    await pipeline(async function* () {
      yield* captured.get(t.name)!;
    }, copy);
  }
  const bareImportMs = ms(t0);
  await second.query('rollback');
  await second.end();

  t0 = process.hrtime.bigint();
  await importTenant(archive, { databaseUrl: secondUrl, dataDir: path.join(dataDir, 'second'), actor: { adminId: null } });
  const importMs = ms(t0);
  await owner.end();

  const mbs = (bytes: number, msTaken: number) => (bytes / 1e6 / (msTaken / 1000)).toFixed(1);
  const rps = (r: number, msTaken: number) => Math.round(r / (msTaken / 1000)).toLocaleString('en');
  say(`tenant: ${rows.toLocaleString('en')} rows (${manifest.tables.find((t) => t.table === 'investments')!.rows.toLocaleString('en')} investments), archive ${(archiveBytes / 1e6).toFixed(1)} MB, bare COPY text ${(bareBytes / 1e6).toFixed(1)} MB (${bareRows.toLocaleString('en')} rows)`);
  say(`bare COPY TO STDOUT:  ${bareExportMs.toFixed(0)} ms  ${mbs(bareBytes, bareExportMs)} MB/s  ${rps(bareRows, bareExportMs)} rows/s`);
  say(`export (archive):     ${exportMs.toFixed(0)} ms  ${mbs(archiveBytes, exportMs)} MB/s  ${rps(rows, exportMs)} rows/s  = ${((bareExportMs / exportMs) * 100).toFixed(0)}% of bare (goal >= 70%)`);
  say(`bare COPY FROM STDIN: ${bareImportMs.toFixed(0)} ms  ${mbs(bareBytes, bareImportMs)} MB/s  ${rps(bareRows, bareImportMs)} rows/s`);
  say(`import (archive):     ${importMs.toFixed(0)} ms  ${mbs(archiveBytes, importMs)} MB/s  ${rps(rows, importMs)} rows/s  = ${((bareImportMs / importMs) * 100).toFixed(0)}% of bare (goal >= 50%)`);
} catch (err) {
  console.error('[bench] failed:', err);
  process.exitCode = 1;
} finally {
  await closePools();
  await embedded.stop();
}
