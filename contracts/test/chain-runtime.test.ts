// The TypeScript side the app relies on: local chain start/reuse/stop, health check, registry.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPublicClient, http } from 'viem';
import { findFreePort, resolveAnvilBinary } from '../../src/server/chain/anvil';
import { chains, getChain, parseChainEnv, rpcUrlFor } from '../../src/server/chain/chains';
import { checkChainHealth } from '../../src/server/chain/client';
import { tenantIdFromUuid } from '../../src/server/chain/deploy';
import { startLocalChain } from '../../src/server/chain/local-chain';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('local chain', () => {
  it('deploys once, reuses the deployment from the state file after a restart, and leaves no process behind', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chain-'));
    const stateFile = path.join(dir, 'state.json');
    const port = await findFreePort();
    const first = await startLocalChain({ port, stateFile, deploymentsDir: dir });
    expect(first.chainId).toBe(31337);
    expect(await checkChainHealth(first.rpcUrl)).toBe('connected');
    const client = createPublicClient({ transport: http(first.rpcUrl) });
    expect((await client.getCode({ address: first.deployments.escrowFactory }))?.length).toBeGreaterThan(2);
    const written = JSON.parse(readFileSync(path.join(dir, '31337.json'), 'utf8')) as { service: string };
    expect(written.service).toBe(first.deployments.service);
    await first.stop();
    expect(await checkChainHealth(first.rpcUrl)).toBe('disconnected');

    const logs: string[] = [];
    const second = await startLocalChain({ port, stateFile, deploymentsDir: dir, log: (l) => logs.push(l) });
    expect(second.deployments).toEqual(first.deployments);
    expect(logs.some((l) => l.includes('reusing'))).toBe(true);
    await second.stop();
  }, 60_000);

  it('stop() terminates the anvil process', async () => {
    const chain = await startLocalChain({ port: await findFreePort(), deploymentsDir: mkdtempSync(path.join(tmpdir(), 'chain-')) });
    const pids = await anvilPids();
    expect(pids.length).toBeGreaterThan(0);
    await chain.stop();
    for (const pid of pids) expect(processAlive(pid)).toBe(false);
  }, 60_000);
});

/** Children of this process running the anvil binary (Linux /proc). */
async function anvilPids(): Promise<number[]> {
  const { readdirSync } = await import('node:fs');
  const binary = resolveAnvilBinary();
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === process.pid && readFileSync(`/proc/${d}/cmdline`, 'utf8').startsWith(binary);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('chain registry and health', () => {
  it('knows the supported mainnets, testnets and the local chain', () => {
    expect(getChain(1).key).toBe('ethereum');
    expect(getChain(8453).explorerUrl).toBe('https://basescan.org');
    expect(getChain(84532).testnet).toBe(true);
    expect(getChain(31337).key).toBe('local');
    expect(Object.values(chains).map((c) => c.id).sort((a, b) => a - b)).toEqual([1, 10, 137, 8453, 31337, 42161, 80002, 84532, 421614, 11155111, 11155420]);
    expect(() => getChain(999_999)).toThrow(/not in the registry/);
  });

  it('validates RPC URLs and the deployer key from env, preferring a chain-specific URL', () => {
    const env = parseChainEnv({ RPC_URL: 'https://rpc.example', RPC_URL_BASE: 'https://base.example' });
    expect(rpcUrlFor(8453, env)).toBe('https://base.example');
    expect(rpcUrlFor(10, env)).toBe('https://rpc.example');
    expect(rpcUrlFor(31337, parseChainEnv({}))).toBe('http://127.0.0.1:8545');
    expect(() => parseChainEnv({ RPC_URL: 'not a url' })).toThrow();
    expect(() => parseChainEnv({ DEPLOYER_PRIVATE_KEY: '0x1234' })).toThrow();
  });

  it('reports a closed port as disconnected within the timeout', async () => {
    const startedAt = Date.now();
    expect(await checkChainHealth(`http://127.0.0.1:${await findFreePort()}`)).toBe('disconnected');
    expect(Date.now() - startedAt).toBeLessThan(3_000);
  });

  it('maps a tenant UUID to a bytes32 tenant id', () => {
    expect(tenantIdFromUuid('0190a3b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b')).toBe(`0x${'0'.repeat(32)}0190a3b27c4d7e5f8a6b1c2d3e4f5a6b`);
    expect(() => tenantIdFromUuid('nope')).toThrow();
  });
});
