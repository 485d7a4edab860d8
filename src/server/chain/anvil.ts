// Spawns Foundry's anvil from the npm platform package (@foundry-rs/anvil-<os>-<arch>),
// so no binary is downloaded at run time, and guarantees the child dies with its parent.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';

const require = createRequire(import.meta.url);

export const LOCAL_CHAIN_ID = 31337;

export type AnvilOptions = {
  port?: number;
  /** Defaults to the local chain id; tests that share one database pick their own, so cursors never mix. */
  chainId?: number;
  stateFile?: string;
  log?: (line: string) => void;
};

export type AnvilProcess = {
  rpcUrl: string;
  port: number;
  pid: number;
  stop: () => Promise<void>;
};

export function resolveAnvilBinary(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const pkg = `@foundry-rs/anvil-${process.platform}-${arch}`;
  let dir: string;
  try {
    dir = path.dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    throw new Error(`anvil is not installed for ${process.platform}/${process.arch}: missing npm package ${pkg}`);
  }
  const binary = path.join(dir, 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil');
  if (!existsSync(binary)) throw new Error(`anvil binary missing at ${binary}`);
  return binary;
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function answersChainId(rpcUrl: string, chainId = LOCAL_CHAIN_ID): Promise<boolean> {
  try {
    const res = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(1_000),
    });
    const body = (await res.json()) as { result?: string };
    return Number(body.result) === chainId;
  } catch {
    return false;
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Kills the child when this process exits or is signalled, then lets the signal do its default work. */
function tieToParent(child: ChildProcess): () => void {
  // SIGTERM, not SIGKILL: anvil then still writes its --state file on the way out.
  const killNow = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  const onSignal = (signal: NodeJS.Signals) => {
    killNow();
    // Re-raise only if nobody else handles it, so the parent still exits as it would have.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.on('exit', killNow);
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.once(s, onSignal);
  return () => {
    process.off('exit', killNow);
    for (const s of signals) process.off(s, onSignal);
  };
}

export async function spawnAnvil(opts: AnvilOptions = {}): Promise<AnvilProcess> {
  const port = opts.port ?? 8545;
  const rpcUrl = `http://127.0.0.1:${port}`;
  const chainId = opts.chainId ?? LOCAL_CHAIN_ID;
  if (await answersChainId(rpcUrl, chainId)) {
    throw new Error(`something already answers as chain ${chainId} on port ${port}; stop it or choose another port`);
  }
  const args = ['--hardfork', 'cancun', '--chain-id', String(chainId), '--port', String(port), '--host', '127.0.0.1'];
  // --state loads the file at start and dumps on exit; the interval bounds what a SIGKILL can lose.
  if (opts.stateFile) args.push('--state', opts.stateFile, '--state-interval', '10');
  if (opts.stateFile) mkdirSync(path.dirname(path.resolve(opts.stateFile)), { recursive: true });
  const child = spawn(resolveAnvilBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const untie = tieToParent(child);
  const recent: string[] = [];
  // Only our own child prints this once it has bound the port. Without it, a parallel process
  // that took the same free port first would answer the chain-id probe and be used in its place.
  let listening = false;
  const onOutput = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      if (line.startsWith(`Listening on 127.0.0.1:${port}`)) listening = true;
      recent.push(line);
      if (recent.length > 20) recent.shift();
      opts.log?.(line);
    }
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);

  const stop = async () => {
    untie();
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 5_000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 2_000);
    }
  };

  const deadline = Date.now() + 15_000;
  while (!listening || !(await answersChainId(rpcUrl, chainId))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`anvil did not start on port ${port}:\n${recent.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { rpcUrl, port, pid: child.pid ?? -1, stop };
}
