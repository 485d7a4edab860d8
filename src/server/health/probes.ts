import { readdirSync } from 'node:fs';
import path from 'node:path';
import { appliedMigrationNames, pingDatabase } from './repo';

// Platform-level probes for orchestrators and load balancers: answered on any host (no
// tenant), cheap, and about this process only. /api/health stays the seed's richer check.

export type Readiness = { status: 'ready' | 'not_ready'; database: 'connected' | 'disconnected'; pendingMigrations: string[] };

/** Migration files (without .sql) that the database has not applied. */
export function pendingMigrations(files: string[], applied: Set<string>): string[] {
  return files.filter((f) => f.endsWith('.sql')).map((f) => f.slice(0, -4)).filter((name) => !applied.has(name)).sort();
}

const MIGRATIONS_DIR = path.resolve(process.cwd(), 'db', 'migrations');

async function check(): Promise<Readiness> {
  try {
    await pingDatabase();
  } catch {
    return { status: 'not_ready', database: 'disconnected', pendingMigrations: [] };
  }
  // An instance whose schema is behind its code must not take traffic (the release step runs migrations).
  const pending = pendingMigrations(readdirSync(MIGRATIONS_DIR), await appliedMigrationNames());
  return { status: pending.length ? 'not_ready' : 'ready', database: 'connected', pendingMigrations: pending };
}

const CACHE_MS = 1000;
let last: { at: number; value: Promise<Readiness> } | null = null;

/** Ready to serve: the database answers and every migration file is applied. Shared for a second. */
export function readiness(): Promise<Readiness> {
  const now = Date.now();
  if (!last || now - last.at > CACHE_MS) last = { at: now, value: check() };
  return last.value;
}
