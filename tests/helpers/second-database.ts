import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { getConfig } from '../../src/server/config';
import { migrate } from '../../src/server/db/migrate';
import { ownerDatabaseUrl } from '../../src/server/db/urls';

/** Another installation on the same server: its own database (migrated) and its own data directory. */
export type SecondInstallation = { url: string; dataDir: string; drop: () => Promise<void> };

export async function makeSecondInstallation(): Promise<SecondInstallation> {
  const ownerUrl = ownerDatabaseUrl(getConfig());
  const name = `cdp_second_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ownerUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ownerUrl);
  url.pathname = `/${name}`;
  await migrate({ ownerUrl: url.toString(), appPassword: getConfig().APP_DB_PASSWORD });
  const dataDir = path.resolve('data', `test-${name}`);
  return {
    url: url.toString(),
    dataDir,
    drop: async () => {
      const c = new pg.Client({ connectionString: ownerUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
