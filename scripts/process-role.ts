// What every long-running process of the image shares: its role in the logs, console output
// routed into the structured log, the configuration checked before anything starts (a bad
// value stops it with the usual message and exit code 1), and a graceful stop on SIGINT/SIGTERM.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { ConfigError, getConfig, type Config } from '../src/server/config';
import { routeConsoleToLog, setLogRole } from '../src/server/log';

export function startRole(role: string): { config: Config; log: Logger } {
  let config: Config;
  try {
    config = getConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const log = setLogRole(role);
  routeConsoleToLog();
  return { config, log };
}

/** Runs `stop` once on the first SIGINT/SIGTERM, then exits (1 if stopping failed). */
export function onStopSignal(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'stopping');
      stop().then(
        () => {
          log.info('stopped');
          process.exit(0);
        },
        (e) => {
          log.error({ err: e }, 'stop failed');
          process.exit(1);
        },
      );
    });
  }
}

/**
 * The heartbeat file docker/healthcheck.mjs reads for processes without an HTTP port. The
 * process calls beat() each time its loop completes a round; a file older than a minute
 * marks the container unhealthy.
 */
export function heartbeat(role: string): () => void {
  const file = path.join(os.tmpdir(), `cdp-${role}.alive`);
  const beat = () => {
    try {
      writeFileSync(file, new Date().toISOString());
    } catch {
      // A read-only /tmp only costs the health check.
    }
  };
  beat();
  return beat;
}
