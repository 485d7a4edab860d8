// Gas per operation, read from transaction receipts on a fresh anvil (cancun).
// Run: npx tsx bench/gas.ts   (prints a markdown table for bench/BENCHMARKS.md)
import { parseEventLogs, type Address } from 'viem';
import { gasOf } from './lib/gas';
import { abis, DAY, TOKEN, USD, expectOk, startHarness } from '../contracts/test/support/harness';

const { tokenSaleAbi, escrowAbi, poolAbi, tenantFactoryAbi, standaloneEscrowDeployerAbi } = abis;

type Row = { operation: string; gas: bigint; note?: string };

async function main(): Promise<void> {
  const h = await startHarness();
  const rows: Row[] = [];
  try {
    const start = await h.now();
    const sale = await h.createSale({ softCap: 500n * USD, hardCap: 1_000_000n * USD, maxInvestment: 100_000n * USD, minInvestment: 1n * USD, endTime: start + 40n * DAY });
    await h.allow(sale, [h.addr.alice, h.addr.bob, h.addr.carol]);

    // Escrow: clone path vs a full contract deployed per investment, same run, same terms.
    const escrows: Address[] = [];
    for (const who of ['alice', 'bob', 'carol', 'alice'] as const) {
      const { escrow, result } = await h.openEscrow(sale, who, 100n * USD);
      escrows.push(escrow);
      if (escrows.length === 2) rows.push({ operation: 'create + fund escrow (ERC-1167 clone)', gas: result.receipt.gasUsed });
    }
    const deployer = await h.deploy('StandaloneEscrowDeployer', [h.system.service]);
    await h.fund('bob', 100n * USD);
    await h.approve('bob', deployer, 100n * USD);
    const full = await gasOf(h, 'bob', deployer, standaloneEscrowDeployerAbi, 'createEscrow', [sale, h.paymentToken, 100n * USD]);
    rows.push({ operation: 'create + fund escrow (full deployment)', gas: full });

    rows.push({ operation: 'escrow release (operator)', gas: await gasOf(h, 'operator', escrows[0]!, escrowAbi, 'release') });
    rows.push({ operation: 'escrow refund: reject (admin)', gas: await gasOf(h, 'admin', escrows[1]!, escrowAbi, 'reject') });
    rows.push({ operation: 'escrow refund: manual (admin)', gas: await gasOf(h, 'admin', escrows[2]!, escrowAbi, 'refundManually', [`0x${'01'.padStart(64, '0')}`]) });
    await h.increaseTime(14n * DAY + 1n);
    rows.push({ operation: 'escrow refund: timeout (anyone)', gas: await gasOf(h, 'dave', escrows[3]!, escrowAbi, 'refundAfterTimeout') });

    // TokenSale invest into a sale nobody has paid yet: the sale's token balance slot and its
    // totalRaised slot both go from zero to non-zero, the costliest case.
    const fresh = await h.createSale({ softCap: 500n * USD, hardCap: 1_000_000n * USD, maxInvestment: 100_000n * USD, minInvestment: 1n * USD, endTime: start + 40n * DAY });
    // Allowlisting now creates the investor's one-slot position, so it is reported with the invest it makes cheaper.
    rows.push({ operation: 'TokenSale setAllowlist (one investor)', gas: expectOk(await h.send('operator', fresh, tokenSaleAbi, 'setAllowlist', [[h.addr.carol], true])).receipt.gasUsed });
    await h.fund('carol', 200n * USD);
    await h.approve('carol', fresh, 200n * USD);
    rows.push({ operation: 'TokenSale invest (allowlist, very first investment into a fresh sale)', gas: await gasOf(h, 'carol', fresh, tokenSaleAbi, 'invest', [200n * USD]) });

    // TokenSale invest: the first ever payment also creates the sale's token balance slot.
    for (const [who, label] of [['bob', 'first contribution of this investor'], ['bob', 'repeat contribution']] as const) {
      await h.fund(who, 200n * USD);
      await h.approve(who, sale, 200n * USD);
      rows.push({ operation: `TokenSale invest (allowlist, ${label})`, gas: await gasOf(h, who, sale, tokenSaleAbi, 'invest', [200n * USD]) });
    }
    const deadline = (await h.now()) + DAY;
    const signature = await h.accounts.signer.signTypedData({
      domain: { name: 'TokenSale', version: '1', chainId: 31337, verifyingContract: sale },
      types: { Eligibility: [{ name: 'investor', type: 'address' }, { name: 'amount', type: 'uint256' }, { name: 'deadline', type: 'uint256' }] },
      primaryType: 'Eligibility',
      message: { investor: h.addr.dave, amount: 1_000n * USD, deadline },
    });
    await h.fund('dave', 200n * USD);
    await h.approve('dave', sale, 200n * USD);
    rows.push({ operation: 'TokenSale investWithApproval (EIP-712, first contribution)', gas: await gasOf(h, 'dave', sale, tokenSaleAbi, 'investWithApproval', [200n * USD, 1_000n * USD, deadline, signature]) });

    const poolResult = expectOk(await h.send('operator', h.tenantFactory, tenantFactoryAbi, 'createPool', [sale, (await h.now()) + DAY]));
    const pool = parseEventLogs({ abi: tenantFactoryAbi, logs: poolResult.receipt.logs, eventName: 'PoolCreated' })[0]!.args.pool;
    for (const who of ['alice', 'carol'] as const) {
      await h.fund(who, 300n * USD);
      await h.approve(who, pool, 300n * USD);
    }
    await gasOf(h, 'carol', pool, poolAbi, 'contribute', [300n * USD]);
    rows.push({ operation: 'Pool contribute (second member)', gas: await gasOf(h, 'alice', pool, poolAbi, 'contribute', [300n * USD]) });

    await h.increaseTime(40n * DAY);
    await h.fund(sale, 10_000n * TOKEN, h.saleToken);
    rows.push({ operation: 'TokenSale settle (fee split booked, pull payouts)', gas: await gasOf(h, 'dave', sale, tokenSaleAbi, 'settle') });
    rows.push({ operation: 'TokenSale withdrawPayout (issuer proceeds)', gas: await gasOf(h, 'dave', sale, tokenSaleAbi, 'withdrawPayout', [h.addr.issuer]) });
    rows.push({ operation: 'TokenSale claim', gas: await gasOf(h, 'bob', sale, tokenSaleAbi, 'claim') });
  } finally {
    await h.stop();
  }

  const clone = rows.find((r) => r.operation.includes('clone'))!.gas;
  const full = rows.find((r) => r.operation.includes('full deployment'))!.gas;
  const invest = rows.find((r) => r.operation.includes('very first investment into a fresh sale'))!.gas;
  console.log('| operation | gas used |\n|---|---:|');
  for (const r of rows) console.log(`| ${r.operation} | ${r.gas.toLocaleString('en-US')} |`);
  const ratio = Number((clone * 10_000n) / full) / 100;
  console.log(`\nclone / full deployment = ${clone} / ${full} = ${ratio.toFixed(2)}% (goal <= 20%: ${ratio <= 20 ? 'met' : 'NOT met'})`);
  console.log(`TokenSale invest, very first into a fresh sale (the costliest case) = ${invest} gas (goal <= 90,000: ${invest <= 90_000n ? 'met' : 'NOT met'})`);
}

await main();
