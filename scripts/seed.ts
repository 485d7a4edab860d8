// npm run seed: creates the demo tenants and accounts if they are missing.
import { getConfig } from '../src/server/config';
import { closePools } from '../src/server/db/pool';
import { migrate } from '../src/server/db/migrate';
import { DEMO_PASSWORD, seedDemo } from '../src/server/platform/demo-seed';
import { withDatabase } from './database';

await withDatabase(getConfig(), async (ownerUrl) => {
  await migrate({ ownerUrl, appPassword: getConfig().APP_DB_PASSWORD });
  const accounts = await seedDemo(console.log);
  for (const a of accounts) console.log(`${a.tenant.padEnd(6)} ${a.email.padEnd(28)} ${a.roles.join(',')}`);
  console.log(`password for every demo account: ${DEMO_PASSWORD}`);
  await closePools();
});
