// The image's HEALTHCHECK, for every role. The web process answers /api/readyz (database up,
// migrations applied; no tenant host needed). Processes without an HTTP port (worker, mailer,
// indexer) touch a heartbeat file while their loop runs; a heartbeat older than a minute means
// the process is stuck or gone.
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const role = process.env.CDP_ROLE ?? 'web';
const port = process.env.PORT ?? '3000';
const STALE_MS = 60_000;

async function check() {
  if (role === 'web') {
    const r = await fetch(`http://127.0.0.1:${port}/api/readyz`, { signal: AbortSignal.timeout(4000) });
    return r.ok;
  }
  const file = path.join(os.tmpdir(), `cdp-${role}.alive`);
  return Date.now() - statSync(file).mtimeMs < STALE_MS;
}

check().then(
  (ok) => process.exit(ok ? 0 : 1),
  () => process.exit(1),
);
