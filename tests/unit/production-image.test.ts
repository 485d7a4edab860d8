import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The image runs every process of the platform, one role per container (docker/entrypoint.sh),
// and compose.yaml starts them all. No Docker daemon runs the tests, so this checks what can be
// checked without one: the files agree with each other, and the entrypoint and the health
// check behave as the containers will run them.
const root = path.resolve(import.meta.dirname, '../..');
const read = (f: string) => readFileSync(path.join(root, f), 'utf8');
const entrypoint = read('docker/entrypoint.sh');
const roles = [...entrypoint.matchAll(/^\s+(\w+)\)\s+exec (.+?) ;;$/gm)].map((m) => ({ role: m[1]!, command: m[2]! }));

describe('the production image', () => {
  it('has a command for each role, and each role runs a script that exists', () => {
    expect(roles.map((r) => r.role).sort()).toEqual(['indexer', 'mailer', 'migrate', 'web', 'worker']);
    for (const r of roles) {
      const script = /scripts\/[\w-]+\.ts/.exec(r.command)![0];
      expect(existsSync(path.join(root, script)), `${r.role}: ${script}`).toBe(true);
    }
  });

  it('runs as an unprivileged user owning a declared data volume, with a health check and the role entrypoint', () => {
    const dockerfile = read('Dockerfile');
    const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(final).toMatch(/^USER node$/m);
    expect(final).toContain('chown node:node /app/data');
    expect(final).toContain('VOLUME ["/app/data"]');
    expect(final).toContain('HEALTHCHECK');
    expect(final).toContain('CMD ["node", "docker/healthcheck.mjs"]');
    expect(final).toContain('ENTRYPOINT ["docker/entrypoint.sh"]');
    for (const m of final.matchAll(/^COPY --from=build \/app\/(\S+)/gm)) {
      if (m[1] === '.next') continue; // made by the build stage
      expect(existsSync(path.join(root, m[1]!)), m[1]).toBe(true);
    }
  });

  it('compose starts PostgreSQL, Redis, the migration and every role, with only settings the platform reads', () => {
    const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, { command?: string[]; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }> }> };
    const s = compose.services;
    expect(Object.keys(s).sort()).toEqual(['indexer', 'lb', 'mailer', 'migrate', 'postgres', 'redis', 'web', 'worker']);
    for (const role of ['web', 'worker', 'mailer', 'indexer']) {
      expect(s[role]!.command).toEqual([role]);
      expect(s[role]!.depends_on!.migrate!.condition).toBe('service_completed_successfully');
    }
    expect(s.migrate!.command).toEqual(['migrate']);
    expect(s.migrate!.depends_on!.postgres!.condition).toBe('service_healthy');
    const documented = new Set([...read('.env.example').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));
    const passed = Object.keys(s.web!.environment!);
    expect(passed.filter((k) => !documented.has(k))).toEqual([]);
  });

  it('compose runs several web replicas behind the lb service, which alone publishes a port (issue 22)', () => {
    type Service = { ports?: string[]; deploy?: { replicas?: string | number }; environment?: Record<string, string>; volumes?: string[] };
    const s = (parse(read('compose.yaml'), { merge: true }) as { services: Record<string, Service> }).services;
    expect(s.web!.ports).toBeUndefined();
    expect(String(s.web!.deploy!.replicas)).toMatch(/^\$\{WEB_REPLICAS:-[2-9]\}$/);
    expect(s.web!.environment!.TRUST_PROXY).toBe('true');
    expect(s.web!.environment!.DATABASE_URL).toBeDefined();
    expect(s.lb!.ports).toEqual(['${PORT:-3000}:3000']);
    const cfg = read('docker/haproxy.cfg');
    expect(s.lb!.volumes).toContain('./docker/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro');
    expect(cfg).toMatch(/server-template web \d+ web:3000 check resolvers docker/);
    expect(cfg).toMatch(/option forwardfor/);
  });
});

describe('the entrypoint and the health check, as a container runs them', { timeout: 90_000 }, () => {
  it('a role without an HTTP port is healthy while its loop beats, unhealthy once the heartbeat is a minute old', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'role-'));
    const env = { PATH: process.env.PATH ?? '', TMPDIR: tmp, NODE_ENV: 'production' as const, DATABASE_URL: process.env.DATABASE_URL!, APP_DB_PASSWORD: process.env.APP_DB_PASSWORD ?? 'cdp-app-local-only', LOG_LEVEL: 'info' };
    const child = spawn('sh', ['docker/entrypoint.sh', 'mailer'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const health = () => spawnSync(process.execPath, ['docker/healthcheck.mjs'], { cwd: root, env: { ...env, CDP_ROLE: 'mailer' } }).status;
    try {
      await expect.poll(() => out.includes('ready: mail delivery started'), { timeout: 60_000 }).toBe(true);
      await expect.poll(health, { timeout: 10_000 }).toBe(0);
      const beat = path.join(tmp, 'cdp-mailer.alive');
      const old = new Date(Date.now() - 2 * 60_000);
      child.kill('SIGSTOP'); // a stuck process: its loop no longer beats
      utimesSync(beat, old, old);
      expect(health()).toBe(1);
      child.kill('SIGCONT');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(JSON.parse(out.trim().split('\n')[0]!)).toMatchObject({ role: 'mailer' });
  });

  it('an unknown role runs as a command, so `docker run <image> sh` still works', () => {
    const r = spawnSync('sh', ['docker/entrypoint.sh', 'echo', 'hello'], { cwd: root, encoding: 'utf8' });
    expect(r.stdout).toBe('hello\n');
  });
});
