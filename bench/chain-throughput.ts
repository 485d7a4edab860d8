// Throughput of TokenSale.invest on anvil through viem: 1,000 transactions sent one after the
// other (each waits for its receipt) and 1,000 sent at once (explicit nonces), signed locally as
// a backend would. Run: npx tsx bench/chain-throughput.ts
import { createWalletClient, encodeFunctionData, http, type Hash } from 'viem';
import { foundry } from 'viem/chains';
import { abis, DAY, USD, startHarness, type Harness } from '../contracts/test/support/harness';
import { receiptOf } from '../src/server/chain/deploy';

const COUNT = 1_000;
const AMOUNT = 1n * USD;

async function run(h: Harness, sale: `0x${string}`, who: 'alice' | 'bob', concurrent: boolean) {
  const account = h.accounts[who];
  const wallet = createWalletClient({ chain: foundry, transport: http(h.anvil.rpcUrl), account });
  await h.fund(who, AMOUNT * BigInt(COUNT));
  await h.approve(who, sale, AMOUNT * BigInt(COUNT));
  const data = encodeFunctionData({ abi: abis.tokenSaleAbi, functionName: 'invest', args: [AMOUNT] });
  const fees = await h.publicClient.estimateFeesPerGas();
  let nonce = await h.publicClient.getTransactionCount({ address: account.address, blockTag: 'pending' });
  // Gas and fees are fixed up front, as a batching backend would, so each send is one signature + one RPC.
  const send = () => wallet.sendTransaction({ to: sale, data, gas: 150_000n, nonce: nonce++, maxFeePerGas: fees.maxFeePerGas, maxPriorityFeePerGas: fees.maxPriorityFeePerGas });
  const started = performance.now();
  let hashes: Hash[] = [];
  if (concurrent) {
    hashes = await Promise.all(Array.from({ length: COUNT }, () => send()));
    await Promise.all(hashes.map((hash) => receiptOf(h.publicClient, hash)));
  } else {
    for (let i = 0; i < COUNT; i++) {
      const hash = await send();
      await receiptOf(h.publicClient, hash);
      hashes.push(hash);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const receipts = await Promise.all(hashes.slice(-5).map((hash) => h.publicClient.getTransactionReceipt({ hash })));
  if (receipts.some((r) => r.status !== 'success')) throw new Error('an invest transaction reverted');
  const contribution = await h.read<bigint>(sale, abis.tokenSaleAbi, 'contributions', [account.address]);
  if (contribution !== AMOUNT * BigInt(COUNT)) throw new Error(`expected ${COUNT} contributions, found ${contribution / AMOUNT}`);
  return { seconds, tps: COUNT / seconds };
}

const h = await startHarness();
try {
  const start = await h.now();
  const sale = await h.createSale({ softCap: 1n * USD, hardCap: 10_000_000n * USD, minInvestment: 1n * USD, maxInvestment: 1_000_000n * USD, endTime: start + 30n * DAY });
  await h.allow(sale, [h.addr.alice, h.addr.bob]);
  const sequential = await run(h, sale, 'alice', false);
  const concurrent = await run(h, sale, 'bob', true);
  console.log('| mode | transactions | seconds | tx/s |\n|---|---:|---:|---:|');
  console.log(`| sequential (send, wait for receipt, next) | ${COUNT} | ${sequential.seconds.toFixed(2)} | ${sequential.tps.toFixed(0)} |`);
  console.log(`| concurrent (all sent at once, explicit nonces) | ${COUNT} | ${concurrent.seconds.toFixed(2)} | ${concurrent.tps.toFixed(0)} |`);
} finally {
  await h.stop();
}
