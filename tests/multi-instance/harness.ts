// Several production web servers on one database (and one Redis when there is one), the job
// worker and the indexer once each, behind a small round-robin proxy: the platform as an
// operator with several app instances runs it (compose.yaml: `--scale web=N`). Each web server
// is started exactly as the production web role starts (docker/entrypoint.sh: node with
// --max-semi-space-size=32 and scripts/serve.ts on the `next build` output), the worker as
// scripts/worker.ts and the indexer as scripts/indexer.ts.
//
// The build: ensureBuild (scripts/build.ts, what npm start and the e2e run use) reuses .next
// when its fingerprint matches the sources, so `npm test` builds once, here or in the e2e step.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { ensureBuild } from '../../scripts/build';
import { findFreePort } from '../../src/server/chain/anvil';

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string; json: any; instance: number | null };
export type RequestOptions = { method?: string; path: string; host: string; token?: string; body?: unknown; headers?: Record<string, string> };

export type Instance = { index: number; port: number; child: ChildProcess };
export type Cluster = {
  instances: Instance[];
  proxyPort: number;
  redisUrl: string | null;
  /** Through the round-robin proxy (the load balancer). */
  request: (o: RequestOptions) => Promise<Reply>;
  /** Straight to one instance (to make a change on one and look through the other). */
  requestTo: (index: number, o: RequestOptions) => Promise<Reply>;
  stop: () => Promise<void>;
};

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export const freePort = findFreePort;

/**
 * The Redis the suite may use: REDIS_URL when set, else one answering PING on 127.0.0.1:6379
 * (the development machine's), else null, and the Redis-only tests skip saying so.
 */
export async function findRedis(): Promise<string | null> {
  const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const u = new URL(url);
  const ok = await new Promise<boolean>((resolve) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port || 6379) });
    const done = (v: boolean) => {
      s.destroy();
      resolve(v);
    };
    s.setTimeout(500, () => done(false));
    s.once('error', () => done(false));
    s.once('connect', () => s.write('PING\r\n'));
    s.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
  return ok ? url : null;
}

export function send(port: number, o: RequestOptions): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = o.body === undefined ? undefined : JSON.stringify(o.body);
    const headers: Record<string, string> = { host: o.host, ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const req = http.request({ host: '127.0.0.1', port, path: o.path, method: o.method ?? (body === undefined ? 'GET' : 'POST'), headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: any = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = null;
        }
        const inst = res.headers['x-test-instance'];
        resolve({ status: res.statusCode!, headers: res.headers, body: text, json, instance: inst === undefined ? null : Number(inst) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The load balancer: each request to the next instance in turn; the answer names the instance (x-test-instance). */
export function startProxy(ports: number[]): Promise<{ port: number; close: () => Promise<void> }> {
  let next = 0;
  const server = http.createServer((req, res) => {
    const index = next++ % ports.length;
    const up = http.request({ host: '127.0.0.1', port: ports[index], path: req.url, method: req.method, headers: req.headers, agent }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, { ...upRes.headers, 'x-test-instance': String(index) });
      upRes.pipe(res);
    });
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      }),
    ),
  );
}

/** Starts a role's script as production does and resolves once it printed its ready line. */
export function startRoleProcess(role: 'web' | 'worker' | 'indexer', args: string[], env: Record<string, string>, logFile: string, readyMs = 180_000): Promise<ChildProcess> {
  const script = { web: 'scripts/serve.ts', worker: 'scripts/worker.ts', indexer: 'scripts/indexer.ts' }[role];
  const flags = role === 'web' ? ['--max-semi-space-size=32'] : [];
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', script, ...args], {
    env: { ...process.env, NODE_ENV: 'production', CDP_ROLE: role, LOG_LEVEL: 'info', LOG_FORMAT: 'json', NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${role} not ready after ${readyMs} ms (log: ${logFile})`)), readyMs);
    child.stdout!.on('data', (d: Buffer) => {
      if (seen === null) return;
      seen = (seen + d.toString()).slice(-4000);
      if (/"msg":"ready/.test(seen)) {
        clearTimeout(timer);
        seen = null as unknown as string;
        resolve(child);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${role} exited (${code ?? signal}) before it was ready (log: ${logFile})`));
    });
  });
}

export async function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/**
 * N web servers (and the worker and indexer once each unless `roles: false`) on the suite's
 * database, with Redis when `redis` is given; logs in data/multi-instance/<name>-*.log.
 */
export async function startCluster(opts: { name: string; instances?: number; redis: string | null; roles?: boolean; env?: Record<string, string> }): Promise<Cluster> {
  await ensureBuild(() => {});
  const dir = path.resolve('data', 'multi-instance');
  mkdirSync(dir, { recursive: true });
  const env: Record<string, string> = { ...(opts.redis ? { REDIS_URL: opts.redis } : {}), ...opts.env };
  if (!opts.redis) delete process.env.REDIS_URL;
  const ports = await Promise.all(Array.from({ length: opts.instances ?? 2 }, () => freePort()));
  const children: ChildProcess[] = [];
  try {
    // One after another: two Next.js servers preparing at once on two cores take as long as in turn.
    for (const [i, port] of ports.entries()) children.push(await startRoleProcess('web', ['-p', String(port), '-H', '127.0.0.1'], { ...env, PORT: String(port) }, path.join(dir, `${opts.name}-web-${i}.log`)));
    if (opts.roles !== false) {
      children.push(await startRoleProcess('worker', [], env, path.join(dir, `${opts.name}-worker.log`)));
      children.push(await startRoleProcess('indexer', [], env, path.join(dir, `${opts.name}-indexer.log`)));
    }
  } catch (e) {
    await Promise.all(children.map((c) => stopProcess(c)));
    throw e;
  }
  const proxy = await startProxy(ports);
  const instances = ports.map((port, index) => ({ index, port, child: children[index]! }));
  return {
    instances,
    proxyPort: proxy.port,
    redisUrl: opts.redis,
    request: (o) => send(proxy.port, o),
    requestTo: async (index, o) => ({ ...(await send(ports[index]!, o)), instance: index }),
    stop: async () => {
      await proxy.close();
      await Promise.all(children.map((c) => stopProcess(c)));
    },
  };
}

/** Polls `probe` every `everyMs` until it answers true; resolves with the ms it took. */
export async function msUntil(probe: () => Promise<boolean>, limitMs: number, everyMs = 10): Promise<number> {
  const start = performance.now();
  for (;;) {
    if (await probe()) return performance.now() - start;
    if (performance.now() - start > limitMs) return Infinity;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
