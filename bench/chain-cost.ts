// Per-investment chain cost through the platform's own path, from transaction receipts:
// the investor's wallet pays approve + createEscrow (as the invest response tells it), the
// platform's transaction manager pays release (the tenant operator's key). One-off costs of a
// tenant (factory, registration, two role grants) and of a deal (sale token, createSale) beside.
// Real PostgreSQL (DATABASE_URL, or an embedded one started here) and a fresh anvil (cancun).
// Run: npm run bench:chain-cost   (N=20 investments by default; BENCH_INVESTMENTS=…)
import { randomBytes, randomInt } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { createPublicClient, createTestClient, createWalletClient, erc20Abi, http, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { escrowFactoryAbi } from '../contracts/abi/EscrowFactory';
import { testStablecoinAbi } from '../contracts/abi/TestStablecoin';

const N = Number(process.env.BENCH_INVESTMENTS ?? 20);
process.env.LOG_LEVEL ??= 'silent';
process.env.JWT_KEYS ??= `bench:${randomBytes(32).toString('base64')}`;

let embedded: { stop: () => Promise<void> } | null = null;
const pgDir = path.resolve('data', `bench-chain-cost-${process.pid}`);
if (!process.env.DATABASE_URL) {
  const { startEmbeddedPostgres } = await import('../src/server/db/embedded');
  const { findFreePort } = await import('../src/server/chain/anvil');
  const db = await startEmbeddedPostgres({ dataDir: pgDir, port: await findFreePort(), database: 'cdp_bench', log: () => {} });
  embedded = db;
  process.env.DATABASE_URL = db.url;
}

const { parseConfig, resetConfigCache } = await import('../src/server/config');
const { migrate } = await import('../src/server/db/migrate');
const { ownerDatabaseUrl } = await import('../src/server/db/urls');
const { spawnAnvil, findFreePort } = await import('../src/server/chain/anvil');
const { registerDevChain } = await import('../src/server/chain/chains');
const { deploySystem } = await import('../src/server/chain/deploy');
const { useDeployments } = await import('../src/server/chain/network');
const { provisionTenantChain } = await import('../src/server/chain/tenant-contracts/provision');
const { deployPendingSales } = await import('../src/server/chain/deal-sales/deploy-sale');
const { settleTransactions } = await import('../src/server/chain/tx-manager/send');
const { syncChainOnce } = await import('../src/server/chain/indexer/sync');
const { withChainSystem } = await import('../src/server/db/platform');
const { findTxs } = await import('../src/server/chain/tx-manager/repo');
const { closePools } = await import('../src/server/db/pool');
const { withTenant } = await import('../src/server/db/tenant');
const { createTenant, addUser } = await import('../src/server/platform/tenants');
const { resolveTenant } = await import('../src/server/tenancy/resolve');
const { createIssuerProfile, reviewIssuer } = await import('../src/server/issuers/service');
const { createDeal, transitionDeal } = await import('../src/server/deals/manage-deal');
const { createDealInput } = await import('../src/server/deals/schema');
const { invest } = await import('../src/server/investments/invest');
const { releaseEscrowByAdmin } = await import('../src/server/escrow/admin');
const { recordWalletLink } = await import('../src/server/wallets/service');
const { findUserByEmail, listRoles } = await import('../src/server/auth/repo');
const { primaryRole } = await import('../src/server/auth/principal');
const { escrowIdOfInvestment, markDemoKycApproved } = await import('../src/server/platform/repo');

type Stats = { label: string; payer: string; gas: bigint[] };
const fmt = (n: bigint | number) => Number(n).toLocaleString('en-US');
function summary(s: Stats) {
  const sorted = [...s.gas].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mean = s.gas.reduce((a, b) => a + b, 0n) / BigInt(s.gas.length);
  return `| ${s.label} | ${s.payer} | ${fmt(mean)} | ${fmt(sorted[0]!)} | ${fmt(sorted[sorted.length - 1]!)} | ${s.gas.length} |`;
}

async function main() {
  await migrate({ ownerUrl: ownerDatabaseUrl(parseConfig(process.env)), appPassword: parseConfig(process.env).APP_DB_PASSWORD });
  const chainId = 900_000 + randomInt(1, 99_999_999);
  const anvil = await spawnAnvil({ port: await findFreePort(), chainId });
  try {
    const info = registerDevChain(chainId, anvil.rpcUrl);
    const keys = { CHAIN_PLATFORM_ADMIN_KEY: generatePrivateKey(), CHAIN_OPERATOR_KEY: generatePrivateKey(), CHAIN_TENANT_ADMIN_KEY: generatePrivateKey() };
    Object.assign(process.env, keys, { CHAIN_COMPLIANCE_SIGNER_KEY: keys.CHAIN_PLATFORM_ADMIN_KEY, NEXT_PUBLIC_CHAIN_ID: String(chainId) });
    resetConfigCache();
    const transport = http(anvil.rpcUrl);
    const publicClient = createPublicClient({ chain: info.viem, transport, pollingInterval: 20 });
    const testClient = createTestClient({ chain: info.viem, transport, mode: 'anvil' });
    const admin = privateKeyToAccount(keys.CHAIN_PLATFORM_ADMIN_KEY);
    await testClient.setBalance({ address: admin.address, value: 10n ** 22n });
    const system = await deploySystem({ publicClient: publicClient as never, walletClient: createWalletClient({ chain: info.viem, transport, account: admin }) as never });
    useDeployments(system);

    const slug = `bench-${randomBytes(4).toString('hex')}`;
    const { id: tenantId } = await createTenant({ adminId: null }, { name: 'Chain cost bench', slug, chains: [chainId], admin: { email: `admin@${slug}.example`, password: 'Bench-Chain-Cost-2026', firstName: 'Ada', lastName: 'Admin' } });
    await provisionTenantChain(tenantId, chainId);
    const tenantTxs = await withChainSystem((db) => db.selectFrom('chain_transactions').select(['id']).where('tenant_id', '=', tenantId).execute());
    const provisioning = await withChainSystem((db) => findTxs(db, tenantTxs.map((t) => t.id)));

    const principal = async (email: string) =>
      withTenant(tenantId, null, async (t) => {
        const u = (await findUserByEmail(t, email))!;
        const roles = await listRoles(t, u.id);
        return { userId: u.id, sessionId: 'bench', email, firstName: 'B', lastName: 'B', roles, role: primaryRole(roles), emailVerified: true, mfaEnabled: false };
      });
    const tenant = (await resolveTenant(`${slug}.localhost`, 'localhost'))!;
    const cleared = { ...tenant, features: { ...tenant.features, kycRequired: false } };
    const meta = { ip: null, userAgent: 'bench', requestId: null };
    await addUser(tenantId, { email: `issuer@${slug}.example`, password: 'Bench-Chain-Cost-2026', firstName: 'I', lastName: 'I', roles: ['issuer'] });
    const adminP = await principal(`admin@${slug}.example`);
    const issuerP = await principal(`issuer@${slug}.example`);
    const issuer = await createIssuerProfile(tenant, issuerP, { legalEntity: { name: 'Bench Issuer GmbH', jurisdiction: 'DE', registrationNumber: 'DE-1', entityType: 'corporation', address: {} }, profile: { displayName: 'Bench Issuer' } }, meta);
    await reviewIssuer(tenant, adminP, issuer.id, { decision: 'verify', reason: 'bench' }, meta);
    const deal = await createDeal(tenant, issuerP, createDealInput.parse({ title: 'Chain cost bench deal', assetType: 'token', currency: 'USDC', targetAmount: '1000000', softCap: '1000', hardCap: '2000000', minTicket: '10', chainId }), meta);
    await transitionDeal(tenant, issuerP, deal.id, { action: 'submit' }, meta);
    await transitionDeal(tenant, adminP, deal.id, { action: 'approve' }, meta);
    await deployPendingSales({ tenantIds: [tenantId] });
    const dealTxs = await withChainSystem((db) => db.selectFrom('chain_transactions').select(['id']).where('tenant_id', '=', tenantId).where('reference_type', '=', 'deal').execute());
    const dealSetup = await withChainSystem((db) => findTxs(db, dealTxs.map((t) => t.id)));

    const indexed = { chainId, client: publicClient as never, confirmations: 1, escrowFactories: [system.escrowFactory], startBlock: BigInt(system.deployedAtBlock) };
    const approve: Stats = { label: 'ERC-20 approve (EscrowFactory, exact amount)', payer: 'investor', gas: [] };
    const create: Stats = { label: 'EscrowFactory.createEscrow (clone + fund)', payer: 'investor', gas: [] };
    const release: Stats = { label: 'Escrow.release (tenant operator, via the transaction manager)', payer: 'platform', gas: [] };
    for (let i = 0; i < N; i++) {
      const email = `investor${i}@${slug}.example`;
      await addUser(tenantId, { email, password: 'Bench-Chain-Cost-2026', firstName: 'I', lastName: String(i), roles: ['investor'] });
      const p = await principal(email);
      const key = generatePrivateKey();
      const account = privateKeyToAccount(key);
      await testClient.setBalance({ address: account.address, value: 10n ** 20n });
      await withTenant(tenantId, null, async (t) => {
        await recordWalletLink(t, p.userId, account.address, chainId);
        await markDemoKycApproved(t, p.userId);
      });
      const r = await invest(cleared, p, deal.id, { amount: String(100 + i), paymentMethod: 'crypto' }, null, meta);
      const onChain = (r.body as { onChain: { escrowFactory: Hex; sale: Hex; paymentToken: Hex; amount: string } }).onChain;
      const wallet = createWalletClient({ chain: info.viem, transport, account });
      const wait = async (hash: Hex) => (await publicClient.waitForTransactionReceipt({ hash })).gasUsed;
      await wait(await wallet.writeContract({ address: onChain.paymentToken, abi: testStablecoinAbi, functionName: 'mint', args: [account.address, BigInt(onChain.amount)] }));
      approve.gas.push(await wait(await wallet.writeContract({ address: onChain.paymentToken, abi: erc20Abi, functionName: 'approve', args: [onChain.escrowFactory, BigInt(onChain.amount)] })));
      create.gas.push(await wait(await wallet.writeContract({ address: onChain.escrowFactory, abi: escrowFactoryAbi, functionName: 'createEscrow', args: [onChain.sale, BigInt(onChain.amount)] })));
      await syncChainOnce(indexed);
      const investmentId = (r.body as { investment: { id: string } }).investment.id;
      const escrowId = await withTenant(tenantId, null, (t) => escrowIdOfInvestment(t, investmentId));
      const released = await releaseEscrowByAdmin(tenant, adminP, escrowId!, 'bench', meta);
      const txId = released.escrow!.pendingDecision!.transactionId!;
      await settleTransactions(chainId, [txId]);
      const [tx] = await withChainSystem((db) => findTxs(db, [txId]));
      if (tx!.receipt_status !== 'success') throw new Error(`release ${txId} failed: ${tx!.last_error}`);
      release.gas.push(BigInt(tx!.gas_used!));
    }
    const perInvestor = approve.gas.map((g, i) => g + create.gas[i]!);
    const lines = [
      `Chain cost per investment, ${N} investments, anvil (cancun, chain ${chainId}), gas from receipts:`,
      '',
      '| transaction | paid by | mean gas | min | max | n |',
      '|---|---|---:|---:|---:|---:|',
      summary(approve),
      summary(create),
      summary({ label: '**investor total** (approve + createEscrow)', payer: 'investor', gas: perInvestor }),
      summary(release),
      '',
      'One-off (gas): ' +
        [...provisioning, ...dealSetup]
          .sort((a, b) => a.created_at.getTime() - b.created_at.getTime())
          .map((t) => `${t.purpose} ${fmt(BigInt(t.gas_used ?? '0'))}`)
          .join(', '),
    ];
    console.log(lines.join('\n'));
  } finally {
    await closePools();
    await anvil.stop();
    await embedded?.stop();
    if (embedded) rmSync(pgDir, { recursive: true, force: true });
  }
}

await main();
