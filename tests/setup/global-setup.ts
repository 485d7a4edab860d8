import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/server/db/embedded';
import { migrate } from '../../src/server/db/migrate';
import { ownerDatabaseUrl } from '../../src/server/db/urls';
import { parseConfig } from '../../src/server/config';

// The suite runs against DATABASE_URL when set (CI: 127.0.0.1:5432/test) and otherwise
// against a throw-away embedded PostgreSQL, started here and removed afterwards.
let embedded: EmbeddedDatabase | null = null;
let embeddedDir: string | null = null;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function setup(): Promise<void> {
  (process.env as Record<string, string>).NODE_ENV = 'test';
  process.env.APP_ENV = 'local';
  process.env.LOG_LEVEL ??= 'silent';
  process.env.JWT_KEYS = `test-current:${randomBytes(32).toString('base64')},test-previous:${randomBytes(32).toString('base64')}`;
  process.env.DATA_DIR = path.resolve('data', 'test');
  if (!process.env.DATABASE_URL) {
    embeddedDir = path.resolve('data', `test-pg-${process.pid}`);
    embedded = await startEmbeddedPostgres({ dataDir: embeddedDir, port: await freePort(), database: 'cdp_test', log: () => {} });
    process.env.DATABASE_URL = embedded.url;
  }
  const config = parseConfig(process.env);
  await migrate({ ownerUrl: ownerDatabaseUrl(config), appPassword: config.APP_DB_PASSWORD });
}

export async function teardown(): Promise<void> {
  await embedded?.stop();
  if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
}
