// The demo's lending pool, for a first `npm start` on the local anvil: Alpha (the demo tenant with
// the on-chain deal) turns the `lending` feature on, publishes a risk disclosure, and opens a tUSD
// pool against a demo collateral token (Alpha Solar Share, ASOL, priced at 25 tUSD), through the
// same admin use cases and transaction manager as the admin page. The deployer supplies 50,000 tUSD
// of liquidity and the demo investors' wallets hold ASOL to borrow against.
// Idempotent: a tenant that has a lending pool is left alone.
import { createWalletClient, erc20Abi, http, type Address, type Hex } from 'viem';
import { lendingPoolAbi } from '../../../contracts/abi/LendingPool';
import { testStablecoinAbi } from '../../../contracts/abi/TestStablecoin';
import type { RequestMeta } from '../audit/service';
import { getChain, isDevChain } from '../chain/chains';
import { deployContract } from '../chain/deploy';
import { localAccount } from '../chain/dev-accounts';
import { chainsToIndex } from '../chain/indexer/chains';
import { syncChainOnce } from '../chain/indexer/sync';
import { publicClientFor, rpcUrlOf, systemDeployments } from '../chain/network';
import { settleTransactions } from '../chain/tx-manager/send';
import { getConfig } from '../config';
import { createLendingPool, poolAddresses, saveLendingSettings } from '../lending/service';
import { updateTenantSettings } from '../tenancy/admin';
import { resolveTenant } from '../tenancy/resolve';
import { principalFor } from './demo-deals';

const META: RequestMeta = { ip: null, userAgent: 'demo-seed', requestId: null };
const USD = 1_000_000n;
const TOKEN = 10n ** 18n;
/** The demo investors' wallets (demo-chain.ts links anvil accounts 3 and 4 to Alpha's investors). */
const INVESTOR_WALLETS = [3, 4];
const DEMO_LIQUIDITY_ACCOUNT = 1;

export async function seedDemoLending(tenantId: string, slug: 'alpha' | 'beta', adminEmail: string, log: (m: string) => void = () => {}): Promise<void> {
  const config = getConfig();
  const chainId = config.NEXT_PUBLIC_CHAIN_ID;
  const system = systemDeployments(chainId);
  if (!isDevChain(chainId) || !system) return log('demo lending: no local chain with the platform deployed; skipped');
  if ((await poolAddresses(tenantId)).length > 0) return;
  const host = `${slug}.${config.PLATFORM_BASE_DOMAIN}`;
  let tenant = await resolveTenant(host, config.PLATFORM_BASE_DOMAIN);
  const admin = await principalFor(tenantId, adminEmail);
  if (!tenant || !admin) throw new Error(`demo lending: tenant ${slug} or its admin is missing`);

  await updateTenantSettings(tenant, admin, { features: { lending: true } }, META);
  tenant = { ...tenant, features: { ...tenant.features, lending: true } };
  await saveLendingSettings(
    tenant,
    admin,
    {
      disclosureTitle: 'Lending and borrowing risks',
      disclosureBody:
        'Money you supply is lent to other members; if their collateral loses value faster than it can be sold, you can lose part of what you supplied. Money you borrow must be repaid with interest at a rate that changes with demand; if your collateral falls below its liquidation threshold, anyone may repay part of your debt and take your collateral with a bonus. Nothing here is insured.',
    },
    META,
  );

  // Its own dev account: account 0 is the platform admin the transaction manager sends from, and two
  // senders sharing one nonce sequence made a demo transaction revert once. Account 1 is only the
  // operator keys' derivation root on the local chain; nothing else sends from it.
  const deployer = localAccount(DEMO_LIQUIDITY_ACCOUNT);
  const client = publicClientFor(chainId);
  const wallet = createWalletClient({ account: deployer, chain: getChain(chainId).viem, transport: http(rpcUrlOf(chainId)) });
  const send = async (hash: Hex) => {
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`demo lending: ${hash} reverted`);
  };
  const share = await deployContract({ publicClient: client, walletClient: wallet as never }, 'TestStablecoin', ['Alpha Solar Share', 'ASOL', 18]);
  const created = await createLendingPool(
    tenant,
    admin,
    {
      name: `${tenant.name} tUSD market`,
      chainId,
      asset: system.paymentToken.toLowerCase() as Address,
      baseRatePercent: '2',
      slope1Percent: '10',
      slope2Percent: '300',
      optimalUtilisationPercent: '80',
      reserveFactorBps: 1_000,
      closeFactorBps: 5_000,
      minVerificationLevel: 'none',
      collaterals: [{ token: share.toLowerCase() as Address, ltvBps: 6_000, liquidationThresholdBps: 7_500, liquidationBonusBps: 500, maxPriceAgeSeconds: 30 * 86_400, price: '25' }],
    },
    META,
  );
  await settleTransactions(chainId, [created.pool.creation.transactionId]);
  const indexed = (await chainsToIndex(config)).find((c) => c.chainId === chainId);
  if (indexed) await syncChainOnce(indexed);
  const pool = (await poolAddresses(tenantId)).find((p) => p.id === created.pool.id)?.address;
  if (!pool) return log('demo lending: pool requested; it becomes active when the indexer reads its creation');

  await send(await wallet.writeContract({ address: system.paymentToken, abi: testStablecoinAbi, functionName: 'mint', args: [deployer.address, 50_000n * USD] }));
  await send(await wallet.writeContract({ address: system.paymentToken, abi: erc20Abi, functionName: 'approve', args: [pool as Address, 50_000n * USD] }));
  await send(await wallet.writeContract({ address: pool as Address, abi: lendingPoolAbi, functionName: 'supply', args: [50_000n * USD] }));
  for (const i of INVESTOR_WALLETS) await send(await wallet.writeContract({ address: share, abi: testStablecoinAbi, functionName: 'mint', args: [localAccount(i).address, 400n * TOKEN] }));
  if (indexed) await syncChainOnce(indexed);
  log(`demo lending: ${slug} pool ${pool} (tUSD against ASOL at 25), 50,000 tUSD supplied`);
}
