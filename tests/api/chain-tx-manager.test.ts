// The transaction manager against a real anvil and PostgreSQL: nonces survive a crash and are
// never shared by two workers, a stuck transaction gets a higher fee on the same nonce, a revert
// fails with its reason and can be retried, and a SIGKILL between signing and broadcasting ends
// with exactly one transaction on chain.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { encodeFunctionData, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStablecoinAbi } from '../../contracts/abi/TestStablecoin';
import { escrowFactoryAbi } from '../../contracts/abi/EscrowFactory';
import { withChainSystem } from '../../src/server/db/platform';
import { attemptsOf, findTx, requeueFailed } from '../../src/server/chain/tx-manager/repo';
import { enqueuePlatformTransaction } from '../../src/server/chain/tx-manager/queue';
import { processChainQueue, settleTransactions } from '../../src/server/chain/tx-manager/send';
import { closePools } from '../../src/server/db/pool';
import { startTestChain, type TestChain } from '../helpers/chain';
import { makeTenant, type TestTenant } from '../helpers/tenants';

let CHAIN: number;
let chain: TestChain;
let signer: string;
let tenant: TestTenant;

beforeAll(async () => {
  chain = await startTestChain();
  CHAIN = chain.chainId;
  signer = chain.platformAdmin.address.toLowerCase();
  // Platform-key transactions belong to the tenant they are sent for.
  tenant = await makeTenant({ chains: [CHAIN] });
});
afterAll(async () => {
  await chain?.stop();
  await closePools();
});

const someone = () => privateKeyToAccount(generatePrivateKey()).address;

async function queueMint(to: Hex, amount: bigint, key = `${Math.random()}`) {
  return withChainSystem((db) =>
    enqueuePlatformTransaction(db, tenant.id, {
      chainId: CHAIN,
      to: chain.deployments.paymentToken,
      data: encodeFunctionData({ abi: testStablecoinAbi, functionName: 'mint', args: [to, amount] }),
      purpose: 'test.mint',
      referenceType: 'platform',
      referenceId: 'test',
      dedupeKey: `test:${key}`,
    }),
  );
}

const balanceOf = (who: Hex) => chain.publicClient.readContract({ address: chain.deployments.paymentToken, abi: testStablecoinAbi, functionName: 'balanceOf', args: [who] });
const row = async (id: string) => (await withChainSystem((db) => findTx(db, id)))!;

describe('transaction manager', () => {
  it('queues a transaction once per dedupe key', async () => {
    const to = someone();
    const a = await queueMint(to, 5n, 'same-key-' + to);
    const b = await queueMint(to, 5n, 'same-key-' + to);
    expect(b.id).toBe(a.id);
    await settleTransactions(CHAIN, [a.id]);
    expect(await balanceOf(to)).toBe(5n);
  });

  it('keeps the nonce of a transaction signed before a crash: it is rebroadcast, and the next one takes the following nonce', async () => {
    const to = someone();
    const first = await queueMint(to, 100n);
    await expect(processChainQueue(CHAIN, { signers: [signer], hooks: { afterStore: () => { throw new Error('crash after store'); } } })).rejects.toThrow('crash after store');
    const stored = await row(first.id);
    expect(stored.status).toBe('sent');
    const [attempt] = await withChainSystem((db) => attemptsOf(db, first.id));
    expect(attempt!.broadcast_at).toBeNull();
    // The chain has not seen it: its pending nonce is still the stored one.
    expect(await chain.publicClient.getTransactionCount({ address: signer as Hex, blockTag: 'pending' })).toBe(Number(stored.nonce));

    const second = await queueMint(to, 1n);
    await settleTransactions(CHAIN, [first.id, second.id]);
    const [a, b] = [await row(first.id), await row(second.id)];
    expect(a.status).toBe('mined');
    expect(a.tx_hash).toBe(attempt!.tx_hash);
    expect(a.attempt_count).toBe(1);
    expect(Number(b.nonce)).toBe(Number(a.nonce) + 1);
    expect(await balanceOf(to)).toBe(101n);
  });

  it('two workers at once never use one nonce twice', async () => {
    const to = someone();
    const queued = [];
    for (let i = 1n; i <= 8n; i++) queued.push(await queueMint(to, i));
    await Promise.all([processChainQueue(CHAIN, { signers: [signer] }), processChainQueue(CHAIN, { signers: [signer] })]);
    await settleTransactions(CHAIN, queued.map((q) => q.id));
    const rows = await Promise.all(queued.map((q) => row(q.id)));
    const nonces = rows.map((r) => Number(r.nonce)).sort((x, y) => x - y);
    expect(new Set(nonces).size).toBe(8);
    expect(nonces[7]! - nonces[0]!).toBe(7);
    expect(rows.every((r) => r.status === 'mined' && r.attempt_count === 1)).toBe(true);
    expect(await balanceOf(to)).toBe(36n);
  });

  it('bumps the fee of a stuck transaction and resubmits it with the same nonce', async () => {
    const to = someone();
    await chain.testClient.setAutomine(false);
    try {
      const tx = await queueMint(to, 7n);
      await processChainQueue(CHAIN, { signers: [signer] });
      const sent = await row(tx.id);
      expect(sent.status).toBe('sent');
      const [first] = await withChainSystem((db) => attemptsOf(db, tx.id));
      // The base fee jumps far above what the first attempt offers: it cannot be included.
      await chain.testClient.setNextBlockBaseFeePerGas({ baseFeePerGas: BigInt(first!.max_fee_per_gas) * 20n });
      for (let i = 0; i < 3; i++) await chain.testClient.mine({ blocks: 1 });
      expect(await chain.publicClient.getTransactionReceipt({ hash: first!.tx_hash as Hex }).catch(() => null)).toBeNull();
      // Bump until the offer clears the base fee (each bump is +25% or the node's estimate, whichever is higher).
      for (let i = 0; i < 10 && (await row(tx.id)).status === 'sent'; i++) {
        await processChainQueue(CHAIN, { signers: [signer] });
        await chain.testClient.mine({ blocks: 1 });
        await chain.testClient.mine({ blocks: 1 });
        await chain.testClient.mine({ blocks: 1 });
        await processChainQueue(CHAIN, { signers: [signer] });
      }
      const done = await row(tx.id);
      const attempts = await withChainSystem((db) => attemptsOf(db, tx.id));
      expect(done.status).toBe('mined');
      expect(attempts.length).toBeGreaterThan(1);
      expect(new Set(attempts.map((a) => Number(a.nonce)))).toEqual(new Set([Number(sent.nonce)]));
      expect(BigInt(attempts[1]!.max_fee_per_gas)).toBeGreaterThan(BigInt(attempts[0]!.max_fee_per_gas));
      expect(done.tx_hash).not.toBe(first!.tx_hash);
      expect(await balanceOf(to)).toBe(7n);
    } finally {
      await chain.testClient.setAutomine(true);
    }
  });

  it('marks a reverting transaction failed with the reason, spending no nonce, and an admin retry queues it again', async () => {
    // registerTenantFactory of an address that is no tenant factory reverts.
    const tx = await withChainSystem((db) =>
      enqueuePlatformTransaction(db, tenant.id, {
        chainId: CHAIN,
        to: chain.deployments.escrowFactory,
        data: encodeFunctionData({ abi: escrowFactoryAbi, functionName: 'createEscrow', args: [someone(), 1n] }),
        purpose: 'test.revert',
        referenceType: 'platform',
        referenceId: 'test',
        dedupeKey: `test:revert:${Math.random()}`,
      }),
    );
    const before = await chain.publicClient.getTransactionCount({ address: signer as Hex });
    for (let i = 0; i < 10 && (await row(tx.id)).status === 'queued'; i++) await processChainQueue(CHAIN, { signers: [signer], now: new Date(Date.now() + i * 120_000) });
    const failed = await row(tx.id);
    expect(failed.status).toBe('failed');
    expect(failed.nonce).toBeNull();
    expect(failed.last_error).toMatch(/revert/i);
    expect(await chain.publicClient.getTransactionCount({ address: signer as Hex })).toBe(before);
    expect(await withChainSystem((db) => requeueFailed(db, tenant.id, tx.id, new Date()))).toBe(true);
    expect((await row(tx.id)).status).toBe('queued');
    expect(await withChainSystem((db) => requeueFailed(db, tenant.id, tx.id, new Date()))).toBe(false);
  });

  it('SIGKILL between signing and broadcasting, then a restart: exactly one transaction on chain', async () => {
    const to = someone();
    const tx = await queueMint(to, 42n);
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/helpers/tx-crash-child.ts'), String(CHAIN), signer, chain.rpcUrl], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, sig) => resolve(sig)));
    expect(signal, out).toBe('SIGKILL');
    expect(out).toMatch(/^stored 0x[0-9a-f]{64}/m);
    const stored = await row(tx.id);
    expect(stored.status).toBe('sent');
    // Restart: a new pass finds the stored attempt and sends those same bytes.
    await settleTransactions(CHAIN, [tx.id]);
    const done = await row(tx.id);
    expect(done.status).toBe('mined');
    expect(done.attempt_count).toBe(1);
    expect(done.tx_hash).toBe(out.match(/stored (0x[0-9a-f]{64})/)![1]);
    // A second restart does nothing more.
    await processChainQueue(CHAIN, { signers: [signer] });
    expect(await balanceOf(to)).toBe(42n);
  });
});
