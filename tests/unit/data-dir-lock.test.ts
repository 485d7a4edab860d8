import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimDataDir } from '../../scripts/data-dir-lock';

const quiet = () => {};

describe('one npm start per data folder', () => {
  it('a second start is refused, naming the one that runs; after that one ends, the folder can be claimed again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cdp-lock-'));
    // Another platform start: a live process whose command line is a start script.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', 'scripts/start.ts'], { stdio: 'ignore' });
    await new Promise((r) => other.once('spawn', r));
    writeFileSync(path.join(dir, 'npm-start.lock'), JSON.stringify({ pid: other.pid, port: 3000, startedAt: '2026-12-07T10:00:00.000Z' }));
    try {
      expect(() => claimDataDir(dir, 3001, quiet)).toThrow(new RegExp(`another npm start \\(pid ${other.pid}, port 3000, since 2026-12-07T10:00:00.000Z\\)`));
    } finally {
      other.kill('SIGKILL');
      await new Promise((r) => other.once('exit', r));
    }
    const said: string[] = [];
    const release = claimDataDir(dir, 3001, (m) => said.push(m));
    expect(said.join()).toContain('taking over');
    expect(JSON.parse(readFileSync(path.join(dir, 'npm-start.lock'), 'utf8'))).toMatchObject({ pid: process.pid, port: 3001 });
    release();
    expect(existsSync(path.join(dir, 'npm-start.lock'))).toBe(false);
  });

  it('a lock left by a process that is not a platform start (a reused pid) does not block', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cdp-lock-'));
    // This test runner is alive but is not `start.ts`.
    writeFileSync(path.join(dir, 'npm-start.lock'), JSON.stringify({ pid: process.ppid, port: 3000, startedAt: '2026-12-07T10:00:00.000Z' }));
    const release = claimDataDir(dir, 3002, quiet);
    release();
  });
});
