import { openSync, readFileSync, rmSync, writeFileSync, closeSync, existsSync } from 'node:fs';
import path from 'node:path';

// One `npm start` per data folder. A second one used to find the first one's PostgreSQL,
// take it for a stale server and stop it under the running platform.

type Holder = { pid: number; port: number; startedAt: string };

function alive(holder: Holder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // A crashed start leaves its file behind and its pid may be reused: on Linux, make sure the
  // process holding the pid is still a platform start.
  const cmdline = `/proc/${holder.pid}/cmdline`;
  return !existsSync('/proc/self/cmdline') || (existsSync(cmdline) && readFileSync(cmdline, 'utf8').includes('start.ts'));
}

/** Claims DATA_DIR for this process, or throws naming the start that holds it. Returns the release. */
export function claimDataDir(dataDir: string, port: number, say: (m: string) => void): () => void {
  const file = path.resolve(dataDir, 'npm-start.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeFileSync(fd, JSON.stringify({ pid: process.pid, port, startedAt: new Date().toISOString() } satisfies Holder));
      closeSync(fd);
      return () => {
        try {
          if ((JSON.parse(readFileSync(file, 'utf8')) as Holder).pid === process.pid) rmSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: Holder | null = null;
      try {
        holder = JSON.parse(readFileSync(file, 'utf8')) as Holder;
      } catch {
        /* half-written or unreadable: treated as stale */
      }
      if (holder && alive(holder)) {
        throw new Error(
          `another npm start (pid ${holder.pid}, port ${holder.port}, since ${holder.startedAt}) is running on ${path.resolve(dataDir)}; ` +
            'stop it first (Ctrl-C in its terminal), or give this one its own DATA_DIR and PORT',
        );
      }
      say(`a previous start on ${path.resolve(dataDir)} ended without cleaning up${holder ? ` (pid ${holder.pid})` : ''}; taking over`);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not claim ${file}`);
}
