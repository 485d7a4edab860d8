// Platform operator's tenant moves, until the console offers them:
//   npm run tenant:export -- <slug> <file.tar>
//   npm run tenant:import -- <file.tar>
//   npm run tenant:delete -- <slug> --confirm <slug>
// Each is audited in platform_audit_logs (actor: the operator's shell, admin id null).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getConfig, resetConfigCache } from '../src/server/config';
import { closePools } from '../src/server/db/pool';
import { migrate } from '../src/server/db/migrate';
import { deleteTenantData, exportTenantNow, importTenantArchive } from '../src/server/tenant-data/service';
import { withDatabase } from './database';

const [command, ...args] = process.argv.slice(2);
const actor = { adminId: null, userAgent: `cli:${command}` };
const usage = 'usage: tenant-data.ts export <slug> <file> | import <file> | delete <slug> --confirm <slug>';

async function run(): Promise<void> {
  if (command === 'export' && args.length === 2) {
    const m = await exportTenantNow(actor, args[0]!, args[1]!);
    for (const t of m.tables.filter((x) => x.rows > 0)) console.log(`${t.table.padEnd(40)} ${String(t.rows).padStart(10)} rows  ${t.sha256.slice(0, 16)}`);
    console.log(`${m.files.length} files, ${m.missingFiles.length} missing; schema ${m.schemaVersion}; archive ${args[1]}`);
  } else if (command === 'import' && args.length === 1) {
    const m = await importTenantArchive(actor, args[0]!);
    console.log(`imported tenant ${m.tenant.slug} (${m.tenant.id}): ${m.tables.reduce((n, t) => n + t.rows, 0)} rows, ${m.files.length} files`);
  } else if (command === 'delete' && args.length === 3 && args[1] === '--confirm') {
    const r = await deleteTenantData(actor, args[0]!, args[2]!);
    console.log(`deleted tenant ${args[0]} (${r.id}): ${r.rows} rows`);
  } else {
    console.error(usage);
    process.exitCode = 2;
  }
}

/**
 * With `npm start` running on the embedded database, use its server: starting the embedded
 * database here would take that running server for a stale one.
 */
function useRunningEmbeddedServer(): void {
  const config = getConfig();
  if (config.DATABASE_URL) return;
  const lock = path.resolve(config.DATA_DIR, 'npm-start.lock');
  if (!existsSync(lock)) return;
  try {
    process.kill((JSON.parse(readFileSync(lock, 'utf8')) as { pid: number }).pid, 0);
  } catch {
    return;
  }
  process.env.DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${config.EMBEDDED_PG_PORT}/community_deals`;
  resetConfigCache();
}

useRunningEmbeddedServer();
await withDatabase(getConfig(), async (ownerUrl) => {
  await migrate({ ownerUrl, appPassword: getConfig().APP_DB_PASSWORD });
  try {
    await run();
  } catch (err) {
    const e = err as { status?: number; code?: string; message?: string; errors?: unknown };
    console.error(`${e.code ?? 'error'}: ${e.message}${e.errors ? ` ${JSON.stringify(e.errors)}` : ''}`);
    process.exitCode = 1;
  } finally {
    await closePools();
  }
});
