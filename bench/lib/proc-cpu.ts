// CPU time of the processes behind a benchmark figure, read from /proc (Linux): which process
// a run kept busy, so a report can say where the time went instead of guessing.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

const TICKS_PER_SECOND = 100; // USER_HZ; Linux reports /proc/<pid>/stat times in it on every platform it runs on

/** Groups a process by its name: `next-server (v16…)` and every `postgres: …` backend count as one each. */
function groupOf(comm: string): string {
  if (comm.startsWith('next-server')) return 'next-server';
  if (comm.startsWith('postgres')) return 'postgres';
  return comm;
}

function cpuSecondsByGroup(): Map<string, number> {
  const out = new Map<string, number>();
  if (os.platform() !== 'linux') return out;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // the process ended meanwhile
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime + stime
    const g = pid === String(process.pid) ? 'load generator' : groupOf(comm);
    out.set(g, (out.get(g) ?? 0) + seconds);
  }
  return out;
}

export type CpuUse = { wallSeconds: number; cpuSeconds: Map<string, number> };

/** Runs `f` and reports the CPU seconds each process group used meanwhile (empty off Linux). */
export async function withCpu<T>(f: () => Promise<T>): Promise<{ result: T; cpu: CpuUse }> {
  const before = cpuSecondsByGroup();
  const t0 = performance.now();
  const result = await f();
  const wallSeconds = (performance.now() - t0) / 1000;
  const after = cpuSecondsByGroup();
  const cpuSeconds = new Map([...after].map(([g, s]) => [g, s - (before.get(g) ?? 0)] as const).filter(([, s]) => s > 0));
  return { result, cpu: { wallSeconds, cpuSeconds } };
}

/** Share of one core a group used over the run (1 = one core all the time). */
export const coresOf = (c: CpuUse, group: string) => (c.cpuSeconds.get(group) ?? 0) / c.wallSeconds;
