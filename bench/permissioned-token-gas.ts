// Gas of a PermissionedToken transfer (the compliance hook: identity registry read, jurisdiction,
// Reg S, holding-period lot, holder and balance limits) against a plain OpenZeppelin ERC-20 transfer,
// same amounts, same kind of balance slots (both receivers already hold, or both are new), same run.
// Run: npx tsx bench/permissioned-token-gas.ts   (prints a markdown table for bench/BENCHMARKS.md)
import type { Address } from 'viem';
import { gasOf } from './lib/gas';
import { abis, DAY, TOKEN, expectOk, startHarness } from '../contracts/test/support/harness';

const { permissionedTokenAbi: tokenAbi, identityRegistryAbi, testStablecoinAbi } = abis;

async function main(): Promise<void> {
  const h = await startHarness();
  try {
    const registry = await h.deploy('IdentityRegistry', [h.addr.admin, h.addr.signer]);
    expectOk(await h.send('signer', registry, identityRegistryAbi, 'registerIdentities', [[h.addr.alice, h.addr.bob, h.addr.carol], [0x4445, 0x4742, 0x4652], [2, 2, 2]]));
    const deployToken = (lockup: bigint, limits: boolean): Promise<Address> =>
      h.deploy('PermissionedToken', [
        {
          name: 'Bench',
          symbol: 'BNC',
          decimals: 18,
          assetId: `0x${'00'.repeat(32)}`,
          identityRegistry: registry,
          admin: h.addr.admin,
          agent: h.addr.operator,
          treasury: h.addr.issuer,
          supply: 1_000_000n * TOKEN,
          regSCompliancePeriodEnd: 0n,
          lockupPeriod: lockup,
          maxHolders: limits ? 2_000 : 0,
          maxBalance: limits ? 500_000n * TOKEN : 0n,
          allowedCountries: limits ? [0x4445, 0x4742, 0x4652, 0x5553] : [],
        },
      ]);
    const plain = await h.deploy('TestStablecoin', ['Plain', 'PLN', 18]);
    await h.fund('issuer', 1_000_000n * TOKEN, plain);
    const rows: { operation: string; gas: bigint }[] = [];
    const ratio = (g: bigint, base: bigint) => (Number(g) / Number(base)).toFixed(2);

    // Plain ERC-20: to a new holder, then to an existing one.
    const plainNew = await gasOf(h, 'issuer', plain, testStablecoinAbi, 'transfer', [h.addr.alice, 100n * TOKEN]);
    const plainExisting = await gasOf(h, 'issuer', plain, testStablecoinAbi, 'transfer', [h.addr.alice, 100n * TOKEN]);
    rows.push({ operation: 'plain ERC-20 transfer, new holder', gas: plainNew }, { operation: 'plain ERC-20 transfer, existing holder', gas: plainExisting });

    for (const [label, lockup, limits] of [
      ['no lockup, no limits', 0n, false],
      ['lockup, all limits and a country list', 365n * DAY, true],
    ] as const) {
      const token = await deployToken(lockup, limits);
      rows.push({ operation: `PermissionedToken (${label}): transfer, new holder`, gas: await gasOf(h, 'issuer', token, tokenAbi, 'transfer', [h.addr.alice, 100n * TOKEN]) });
      rows.push({ operation: `PermissionedToken (${label}): transfer, existing holder`, gas: await gasOf(h, 'issuer', token, tokenAbi, 'transfer', [h.addr.alice, 100n * TOKEN]) });
      if (lockup) await h.increaseTime(lockup);
      rows.push({ operation: `PermissionedToken (${label}): holder to a new holder${lockup ? ' (lots unlocked, pruned)' : ''}`, gas: await gasOf(h, 'alice', token, tokenAbi, 'transfer', [h.addr.bob, 50n * TOKEN]) });
      rows.push({ operation: `PermissionedToken (${label}): forced transfer`, gas: await gasOf(h, 'operator', token, tokenAbi, 'forcedTransfer', [h.addr.bob, h.addr.carol, 10n * TOKEN]) });
    }
    console.log('| operation | gas used | x plain transfer (same receiver kind) |');
    console.log('|---|---:|---:|');
    for (const r of rows) {
      const base = r.operation.includes('existing') ? plainExisting : plainNew;
      console.log(`| ${r.operation} | ${r.gas.toLocaleString('en-US')} | ${ratio(r.gas, base)} |`);
    }
  } finally {
    await h.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
