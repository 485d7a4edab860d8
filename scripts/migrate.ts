// npm run migrate: applies db/migrations to DATABASE_URL, or to the embedded database under ./data.
import { getConfig } from '../src/server/config';
import { migrate } from '../src/server/db/migrate';
import { withDatabase } from './database';

await withDatabase(getConfig(), async (ownerUrl) => {
  const applied = await migrate({ ownerUrl, appPassword: getConfig().APP_DB_PASSWORD, log: console.log });
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
});
