// The demo's money on chain, for a first `npm start` on the local anvil: each demo tenant gets its
// own TenantFactory, one on-chain deal with its TokenSale, and investments by the two demo
// investors that went through real escrow clones funded from anvil's development accounts
// (linked as their wallets). One escrow is released into the sale, one is still held, so the
// admin's escrow page and the investors' portfolios show real tx hashes at once.
// Idempotent: a tenant whose on-chain deal exists is left alone.
import { randomUUID } from 'node:crypto';
import { createWalletClient, erc20Abi, http, type Hex } from 'viem';
import { escrowFactoryAbi } from '../../../contracts/abi/EscrowFactory';
import { testStablecoinAbi } from '../../../contracts/abi/TestStablecoin';
import type { RequestMeta } from '../audit/service';
import { primaryRole, type Principal } from '../auth/principal';
import { findUserByEmail, listRoles } from '../auth/repo';
import { getChain, isDevChain } from '../chain/chains';
import { chainsToIndex } from '../chain/indexer/chains';
import { syncChainOnce } from '../chain/indexer/sync';
import { deployPendingSales } from '../chain/deal-sales/deploy-sale';
import { localAccount } from '../chain/dev-accounts';
import { publicClientFor, rpcUrlOf, systemDeployments } from '../chain/network';
import { provisionTenantChain } from '../chain/tenant-contracts/provision';
import { requestTenantContracts } from '../chain/tenant-contracts/service';
import { settleTransactions } from '../chain/tx-manager/send';
import { getConfig } from '../config';
import { withChainSystem } from '../db/platform';
import { withTenant } from '../db/tenant';
import { createDeal, transitionDeal } from '../deals/manage-deal';
import { findDeal } from '../deals/repo';
import { createDealInput } from '../deals/schema';
import { releaseEscrowByAdmin } from '../escrow/admin';
import { invest } from '../investments/invest';
import type { OnChainInstructions } from '../investments/invest-on-chain';
import { resolveTenant, type TenantContext } from '../tenancy/resolve';
import { recordWalletLink } from '../wallets/service';
import { escrowIdOfInvestment, markDemoKycApproved } from './repo';

const META: RequestMeta = { ip: null, userAgent: 'demo-seed', requestId: null };
const USD = 1_000_000n;
/** anvil dev accounts per demo tenant's two investors (0-2 are the platform's local signers). */
const WALLET_INDEX: Record<string, [number, number]> = { alpha: [3, 4], beta: [5, 6] };

async function principalFor(tenantId: string, email: string): Promise<Principal> {
  return withTenant(tenantId, null, async (t) => {
    const u = await findUserByEmail(t, email.toLowerCase());
    if (!u) throw new Error(`demo account ${email} is missing`);
    const roles = await listRoles(t, u.id);
    return { userId: u.id, sessionId: randomUUID(), email: u.email, firstName: u.first_name, lastName: u.last_name, roles, role: primaryRole(roles), emailVerified: true, mfaEnabled: false };
  });
}

export type DemoChainAccounts = { admin: string; issuer: string; investors: [string, string] };

export async function seedDemoChain(tenantId: string, slug: 'alpha' | 'beta', a: DemoChainAccounts, log: (m: string) => void = () => {}): Promise<void> {
  const config = getConfig();
  const chainId = config.NEXT_PUBLIC_CHAIN_ID;
  const system = systemDeployments(chainId);
  if (!isDevChain(chainId) || !system) return log(`demo chain: no local chain ${chainId} with the platform deployed; on-chain demo deals skipped`);
  const dealSlug = `${slug}-community-solar-usdc-escrow`;
  const tenant = await resolveTenant(`${slug}.${config.PLATFORM_BASE_DOMAIN}`, config.PLATFORM_BASE_DOMAIN);
  if (!tenant) throw new Error(`demo chain: tenant ${slug} is missing`);
  if (await withTenant(tenantId, null, (t) => findDeal(t, dealSlug))) return;

  // Tenants seeded before chains were provisioned get their contracts now.
  await withChainSystem((db) => requestTenantContracts(db, tenantId, [chainId]));
  const { factory } = await provisionTenantChain(tenantId, chainId);
  log(`demo chain: ${slug} TenantFactory ${factory}`);

  const [admin, issuer, ...investors] = await Promise.all([a.admin, a.issuer, ...a.investors].map((e) => principalFor(tenantId, e)));
  const input = createDealInput.parse({
    title: slug === 'alpha' ? 'Alpha Community Solar (USDC escrow)' : 'Beta Rooftop Solar Co-op (USDC escrow)',
    slug: dealSlug,
    summary: 'Rooftop solar owned by members, funded in USDC: each investment is held in its own escrow contract on chain until compliance releases it into the sale.',
    description: '## How investing works\nYour wallet funds an escrow contract of its own. Compliance releases it into the sale, or it is refunded to your wallet: after a rejection, by hand, or automatically when no decision came in time.',
    assetType: 'token',
    currency: 'USDC',
    targetAmount: '200000',
    softCap: '50000',
    hardCap: '250000',
    minTicket: '100',
    maxTicket: '50000',
    chainId,
    // Alpha's deal also has a Pool (members pool their money until it locks, then it invests as one).
    ...(slug === 'alpha' ? { poolLockAt: new Date(Date.now() + 60 * 86_400_000).toISOString() } : {}),
    compliance: { regimes: ['reg_s'], regSCategory: 3 },
  });
  const deal = await createDeal(tenant, issuer!, input, META);
  await transitionDeal(tenant, issuer!, deal.id, { action: 'submit' }, META);
  await transitionDeal(tenant, admin!, deal.id, { action: 'approve' }, META);
  await deployPendingSales({ tenantIds: [tenantId], log });

  // The demo investors count as cleared (no KYC provider to ask locally).
  const cleared: TenantContext = { ...tenant, features: { ...tenant.features, kycRequired: false } };
  const client = publicClientFor(chainId);
  const escrows: string[] = [];
  for (const [i, inv] of investors.entries()) {
    const account = localAccount(WALLET_INDEX[slug]![i]!);
    const wallet = createWalletClient({ account, chain: getChain(chainId).viem, transport: http(rpcUrlOf(chainId)) });
    await withTenant(tenantId, null, async (t) => {
      await recordWalletLink(t, inv!.userId, account.address, chainId);
      await markDemoKycApproved(t, inv!.userId);
    });
    const r = await invest(cleared, inv!, deal.id, { amount: i === 0 ? '2500' : '1200', paymentMethod: 'crypto', orderCountry: 'DE' }, null, META);
    const onChain = (r.body as { onChain: OnChainInstructions }).onChain;
    const send = async (hash: Hex) => {
      const receipt = await client.waitForTransactionReceipt({ hash });
      if (receipt.status !== 'success') throw new Error(`demo chain: ${hash} reverted`);
    };
    const amount = BigInt(onChain.amount);
    await send(await wallet.writeContract({ chain: null, address: onChain.paymentToken as Hex, abi: testStablecoinAbi, functionName: 'mint', args: [account.address, 10_000n * USD] }));
    await send(await wallet.writeContract({ chain: null, address: onChain.paymentToken as Hex, abi: erc20Abi, functionName: 'approve', args: [onChain.escrowFactory as Hex, amount] }));
    await send(await wallet.writeContract({ chain: null, address: onChain.escrowFactory as Hex, abi: escrowFactoryAbi, functionName: 'createEscrow', args: [onChain.sale as Hex, amount] }));
    escrows.push((r.body as { investment: { id: string } }).investment.id);
  }
  // The indexer binds the escrows now, so the release below finds them.
  const indexed = (await chainsToIndex(config)).find((c) => c.chainId === chainId);
  if (!indexed) return log('demo chain: the indexer does not follow the local chain; escrows bind when it runs');
  await syncChainOnce(indexed);
  const escrowId = await withTenant(tenantId, null, (t) => escrowIdOfInvestment(t, escrows[0]!));
  if (escrowId) {
    const released = await releaseEscrowByAdmin(tenant, admin!, escrowId, 'Demo: KYC and compliance cleared', META);
    const txId = released.escrow?.pendingDecision?.transactionId;
    if (txId) await settleTransactions(chainId, [txId]);
    await syncChainOnce(indexed);
  }
  log(`demo chain: ${slug} on-chain deal ${dealSlug} with ${escrows.length} funded escrows (one released)`);
}
