// pgbench (PostgreSQL 15's client; it speaks to the embedded 17 server) running a script of
// bench/sql/ as the app role, bounded in clients and seconds, against 127.0.0.1 only.
import { spawn } from 'node:child_process';

export type PgbenchResult = { tps: number; transactions: number; failed: number; latencyMs: number; seconds: number; output: string };

export type PgbenchSpec = {
  /** postgres://user:password@127.0.0.1:port/db of the role the script runs as. */
  url: string;
  script: string;
  clients: number;
  threads: number;
  seconds: number;
  vars: Record<string, string>;
  /** Per-statement latencies (-r) in the output. */
  perStatement?: boolean;
  /** Session settings for every client, e.g. `-c synchronous_commit=off` (PGOPTIONS). */
  options?: string;
};

export function runPgbench(spec: PgbenchSpec): Promise<PgbenchResult> {
  const u = new URL(spec.url);
  if (u.hostname !== '127.0.0.1') throw new Error(`pgbench only ever runs against 127.0.0.1, not ${u.hostname}`);
  const args = [
    '-n', // no vacuum of pgbench's own tables (there are none)
    '-M', 'extended', // parse/bind/execute per statement, as node-postgres sends parameterised queries
    '-c', String(spec.clients),
    '-j', String(spec.threads),
    '-T', String(spec.seconds),
    '-f', spec.script,
    ...(spec.perStatement ? ['-r'] : []),
    ...Object.entries(spec.vars).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
    // The same transport as the app: the embedded server's Unix socket when its URL names one.
    '-h', u.searchParams.get('host') ?? u.hostname, '-p', u.port, '-U', decodeURIComponent(u.username), u.pathname.slice(1),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('pgbench', args, { env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password), PGAPPNAME: 'bench-deals-pgbench', ...(spec.options ? { PGOPTIONS: spec.options } : {}) } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const killer = setTimeout(() => child.kill('SIGINT'), (spec.seconds + 30) * 1000);
    child.on('error', (e) => {
      clearTimeout(killer);
      reject(e);
    });
    child.on('exit', (code) => {
      clearTimeout(killer);
      const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? NaN);
      const r: PgbenchResult = {
        tps: num(/tps = ([\d.]+) \(without initial connection time\)/),
        transactions: num(/number of transactions actually processed: (\d+)/),
        failed: num(/number of failed transactions: (\d+)/) || 0,
        latencyMs: num(/latency average = ([\d.]+) ms/),
        seconds: spec.seconds,
        output: out,
      };
      if (code !== 0 || !Number.isFinite(r.tps) || /aborted|error/i.test(out.replace(/number of failed transactions: 0.*/g, '')))
        reject(new Error(`pgbench exited ${code}:\n${out}`));
      else resolve(r);
    });
  });
}
