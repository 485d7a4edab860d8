import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/server/config';
import { chainEnvSchema } from '../../src/server/chain/chains';

// .env.example is the operator's list of settings: everything the code reads is there, and
// nothing it does not read.
const root = path.resolve(import.meta.dirname, '../..');
const listed = new Set([...readFileSync(path.join(root, '.env.example'), 'utf8').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx|mjs)$/.test(name) && !/\.test\.ts$/.test(name) ? [p] : [];
  });
}

// Set by the runtime or the shell, not by an operator.
// LOG_ROLE is set by each process's entry script for the processes it starts (web, worker…).
const AMBIENT = new Set(['DEBUG', 'PGUSER', 'CI', 'LOG_ROLE']);

function readByCode(): Set<string> {
  const names = new Set<string>([...Object.keys(configSchema.shape), ...Object.keys(chainEnvSchema.shape)]);
  for (const file of ['src', 'scripts'].flatMap((d) => sources(path.join(root, d)))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)) names.add(m[1]!);
  }
  for (const a of AMBIENT) names.delete(a);
  return names;
}

describe('.env.example', () => {
  it('lists every variable the code reads, and only those', () => {
    const read = readByCode();
    expect([...read].filter((n) => !listed.has(n)).sort()).toEqual([]);
    expect([...listed].filter((n) => !read.has(n)).sort()).toEqual([]);
  });
});
