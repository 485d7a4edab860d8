// Money on chain, end to end through the API on a real anvil and PostgreSQL: an investor's
// wallet funds an escrow clone following the invest response, the indexer binds it, the admin's
// release and a KYC rejection and the sweep's timeout refund are queued and sent by the
// transaction manager, the indexer applies them, and the tokens end where they should, to the
// unit. An unfunded reservation expires and returns its capacity. Bad input gets a clear 4xx.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { encodeFunctionData, erc20Abi, keccak256, stringToHex, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escrowAbi } from '../../contracts/abi/Escrow';
import { escrowFactoryAbi } from '../../contracts/abi/EscrowFactory';
import { testStablecoinAbi } from '../../contracts/abi/TestStablecoin';
import { tokenSaleAbi } from '../../contracts/abi/TokenSale';
import { POST as releaseRoute } from '../../src/app/api/admin/escrow/[id]/release/route';
import { POST as refundRoute } from '../../src/app/api/admin/escrow/[id]/refund/route';
import { POST as rejectRoute } from '../../src/app/api/admin/escrow/[id]/reject/route';
import { POST as extendRoute } from '../../src/app/api/admin/escrow/[id]/extend/route';
import { GET as listUnmatched } from '../../src/app/api/admin/escrow/unmatched/route';
import { POST as refundUnmatched } from '../../src/app/api/admin/escrow/unmatched/[id]/refund/route';
import { GET as listTxs } from '../../src/app/api/admin/chain/transactions/route';
import { POST as retryTx } from '../../src/app/api/admin/chain/transactions/[id]/retry/route';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { POST as confirmRoute } from '../../src/app/api/admin/investments/[id]/confirm/route';
import { syncChainOnce, type IndexedChain } from '../../src/server/chain/indexer/sync';
import { deployPendingSales } from '../../src/server/chain/deal-sales/deploy-sale';
import { tenantSigner } from '../../src/server/chain/signers';
import { provisionTenantChain } from '../../src/server/chain/tenant-contracts/provision';
import { processChainQueue, settleTransactions } from '../../src/server/chain/tx-manager/send';
import { enqueueTenantTransaction } from '../../src/server/chain/tx-manager/queue';
import { closePools } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { reservedAmountOf } from '../../src/server/deals/repo';
import { onKycDecision, runEscrowSweep } from '../../src/server/escrow/service';
import { recordWalletLink } from '../../src/server/wallets/service';
import { call } from '../helpers/api';
import { startTestChain, type TestChain } from '../helpers/chain';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

let chain: TestChain;
let indexed: IndexedChain;
let a: TestTenant;
let b: TestTenant;
let adminA: string;
let adminB: string;
let dealA: { id: string; sale: Hex };

const USD = 1_000_000n; // token base units per dollar

async function activeOnChainDeal(tenant: TestTenant, adminToken: string, deploy = true) {
  const issuer = await makeVerifiedIssuer(tenant, adminToken);
  const deal = await makeActiveDeal(tenant, issuer.token, adminToken, { title: `Chain deal ${randomBytes(3).toString('hex')}`, chainId: chain.chainId });
  if (deploy) expect(await deployPendingSales({ tenantIds: [tenant.id], limit: 100 })).toEqual({ deployed: 1, failed: 0 });
  const sale = await withTenant(tenant.id, null, (t) => t.tx.selectFrom('deals').select(['sale_address', 'chain_id', 'escrow_factory_address']).where('tenant_id', '=', tenant.id).where('id', '=', deal.id).executeTakeFirstOrThrow());
  return { id: deal.id as string, sale: sale.sale_address as Hex, row: sale };
}

/** An investor with a funded wallet linked to their account (and KYC as asked). */
async function investor(tenant: TestTenant, dollars = 5_000n, kyc: 'approved' | 'pending' = 'approved') {
  const u = await makeUser(tenant, ['investor']);
  const key = generatePrivateKey();
  const wallet = privateKeyToAccount(key).address;
  await chain.testClient.setBalance({ address: wallet, value: 10n ** 20n });
  const minter = chain.walletOf(key);
  await chain.publicClient.waitForTransactionReceipt({ hash: await minter.writeContract({ address: chain.deployments.paymentToken, abi: testStablecoinAbi, functionName: 'mint', args: [wallet, dollars * USD], chain: null, account: minter.account! }) });
  await withTenant(tenant.id, null, async (t) => {
    await recordWalletLink(t, u.id, wallet, chain.chainId);
    await t.tx.updateTable('profiles').set({ kyc_status: kyc }).where('tenant_id', '=', tenant.id).where('user_id', '=', u.id).execute();
  });
  return { ...u, key, wallet, token: await tokenFor(tenant, u.email) };
}

type Investor = Awaited<ReturnType<typeof investor>>;

async function fund(inv: Investor, onChain: { escrowFactory: Hex; sale: Hex; paymentToken: Hex; amount: string }) {
  const w = chain.walletOf(inv.key);
  const approve = await w.writeContract({ address: onChain.paymentToken, abi: erc20Abi, functionName: 'approve', args: [onChain.escrowFactory, BigInt(onChain.amount)], chain: null, account: w.account! });
  await chain.publicClient.waitForTransactionReceipt({ hash: approve });
  const create = await w.writeContract({ address: onChain.escrowFactory, abi: escrowFactoryAbi, functionName: 'createEscrow', args: [onChain.sale, BigInt(onChain.amount)], chain: null, account: w.account! });
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash: create });
  expect(receipt.status).toBe('success');
  return create;
}

const balance = (who: Hex) => chain.publicClient.readContract({ address: chain.deployments.paymentToken, abi: testStablecoinAbi, functionName: 'balanceOf', args: [who] });
const investmentOf = (tenant: TestTenant, id: string) =>
  withTenant(tenant.id, null, (t) => t.tx.selectFrom('investments').selectAll().where('tenant_id', '=', tenant.id).where('id', '=', id).executeTakeFirstOrThrow());
const escrowOf = (tenant: TestTenant, investmentId: string) =>
  withTenant(tenant.id, null, (t) => t.tx.selectFrom('escrow_investments').selectAll().where('tenant_id', '=', tenant.id).where('investment_id', '=', investmentId).executeTakeFirst());
const reservedOf = (tenant: TestTenant, dealId: string) =>
  withTenant(tenant.id, null, async (t) => (await t.tx.selectFrom('deals as d').select(reservedAmountOf('d').as('reserved')).where('d.tenant_id', '=', tenant.id).where('d.id', '=', dealId).executeTakeFirstOrThrow()).reserved);

async function investAndFund(inv: Investor, dollars: string, tenant = a, deal = dealA) {
  const r = await call(invest, { host: tenant.host, token: inv.token, params: { id: deal.id }, body: { amount: dollars, paymentMethod: 'crypto' } });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  const hash = await fund(inv, r.json.onChain);
  await syncChainOnce(indexed);
  const escrow = await escrowOf(tenant, r.json.investment.id);
  expect(escrow, 'the indexer bound the escrow').toBeTruthy();
  return { investmentId: r.json.investment.id as string, escrow: escrow!, createTx: hash, onChain: r.json.onChain };
}

async function chainTime(): Promise<Date> {
  return new Date(Number((await chain.publicClient.getBlock()).timestamp) * 1000);
}

beforeAll(async () => {
  chain = await startTestChain();
  indexed = { chainId: chain.chainId, client: chain.publicClient as never, confirmations: 1, escrowFactories: [chain.deployments.escrowFactory], startBlock: BigInt(chain.deployments.deployedAtBlock) };
  a = await makeTenant({ chains: [chain.chainId] });
  b = await makeTenant({ chains: [chain.chainId] });
  await provisionTenantChain(a.id, chain.chainId);
  await provisionTenantChain(b.id, chain.chainId);
  adminA = await tokenFor(a, a.admin.email);
  adminB = await tokenFor(b, b.admin.email);
  dealA = await activeOnChainDeal(a, adminA);
}, 240_000);

afterAll(async () => {
  await chain?.stop();
  await closePools();
});

describe('on-chain investment through the API', () => {
  it('answers with the wallet steps; the funded escrow is bound; an admin release is mined and lands in the sale', async () => {
    const inv = await investor(a);
    const before = await balance(inv.wallet);
    const r = await call(invest, { host: a.host, token: inv.token, params: { id: dealA.id }, body: { amount: '1000', paymentMethod: 'crypto' } });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    const onChain = r.json.onChain;
    expect(onChain).toMatchObject({ chainId: chain.chainId, escrowFactory: chain.deployments.escrowFactory.toLowerCase(), sale: dealA.sale, paymentToken: chain.deployments.paymentToken.toLowerCase(), amount: (1000n * USD).toString(), decimals: 6 });
    const stored = await investmentOf(a, r.json.investment.id);
    expect(stored).toMatchObject({ status: 'pending_payment', wallet_address: inv.wallet.toLowerCase(), chain_id: String(chain.chainId) });
    expect(stored.funding_expires_at!.getTime() - stored.created_at.getTime()).toBeGreaterThan(29 * 60_000);
    // The compliance signer's approval is what the sale accepts: investWithApproval with it does not revert on the signature.
    await chain.publicClient.simulateContract({ address: dealA.sale, abi: tokenSaleAbi, functionName: 'investWithApproval', args: [0n, BigInt(onChain.approval.approvedAmount), BigInt(onChain.approval.deadline), onChain.approval.signature], account: inv.wallet }).catch((e: Error) => {
      expect(e.message).not.toMatch(/BadSignature|SignatureExpired/);
    });

    // The ledger cannot confirm on-chain money by hand.
    const byHand = await call(confirmRoute, { host: a.host, token: adminA, params: { id: r.json.investment.id }, body: {} });
    expect(byHand.status).toBe(409);
    expect(byHand.json.code).toBe('investment_on_chain');

    const createTx = await fund(inv, onChain);
    await syncChainOnce(indexed);
    const bound = await investmentOf(a, r.json.investment.id);
    expect(bound.status).toBe('in_escrow');
    expect(bound.transaction_hash).toBe(createTx.toLowerCase());
    const escrow = (await escrowOf(a, bound.id))!;
    expect(escrow.escrow_address).toBe(bound.escrow_address);
    expect(await balance(escrow.escrow_address as Hex)).toBe(1000n * USD);

    const released = await call(releaseRoute, { host: a.host, token: adminA, params: { id: escrow.id }, body: { note: 'cleared' } });
    expect(released.status, JSON.stringify(released.json)).toBe(200);
    expect(released.json.escrow.status).toBe('held');
    expect(released.json.escrow.pendingDecision).toMatchObject({ action: 'release', note: 'cleared' });
    // The same decision again is answered from the record: one transaction.
    expect((await call(releaseRoute, { host: a.host, token: adminA, params: { id: escrow.id }, body: { note: 'cleared' } })).status).toBe(200);
    const txId = released.json.escrow.pendingDecision.transactionId as string;
    await settleTransactions(chain.chainId, [txId]);
    await syncChainOnce(indexed);

    expect((await escrowOf(a, bound.id))!.status).toBe('released');
    expect((await investmentOf(a, bound.id)).status).toBe('confirmed');
    expect(await balance(escrow.escrow_address as Hex)).toBe(0n);
    expect(await balance(dealA.sale)).toBeGreaterThanOrEqual(1000n * USD);
    expect(await balance(inv.wallet)).toBe(before - 1000n * USD);
    const txs = await call(listTxs, { host: a.host, token: adminA, path: '/api/admin/chain/transactions' });
    const release = txs.json.transactions.find((t: { id: string }) => t.id === txId);
    expect(release).toMatchObject({ purpose: 'escrow.release', status: 'mined', receiptStatus: 'success' });
    expect(release.attempts).toHaveLength(1);
  });

  it('a KYC rejection refunds the investor on chain to the unit', async () => {
    const inv = await investor(a, 5_000n, 'pending');
    const before = await balance(inv.wallet);
    const { investmentId, escrow } = await investAndFund(inv, '1234.56');
    expect(await balance(inv.wallet)).toBe(before - 1_234_560_000n);
    await withTenant(a.id, null, (t) => onKycDecision(t, inv.id, 'rejected'));
    const pending = (await escrowOf(a, investmentId))!;
    expect(pending).toMatchObject({ status: 'held', pending_action: 'reject' });
    await settleTransactions(chain.chainId, [pending.pending_tx_id!]);
    await syncChainOnce(indexed);
    expect((await escrowOf(a, investmentId))!.status).toBe('refunded');
    expect((await investmentOf(a, investmentId)).status).toBe('refunded');
    expect(await balance(inv.wallet)).toBe(before);
    expect(await balance(escrow.escrow_address as Hex)).toBe(0n);
  });

  it("an admin's rejection from the escrow page is sent as Escrow.reject() once and refunds the investor on chain to the unit", async () => {
    const inv = await investor(a, 5_000n, 'pending');
    const before = await balance(inv.wallet);
    const { investmentId, escrow } = await investAndFund(inv, '321.09');
    const rejected = await call(rejectRoute, { host: a.host, token: adminA, params: { id: escrow.id }, body: { reason: 'source of funds not evidenced' } });
    expect(rejected.status, JSON.stringify(rejected.json)).toBe(200);
    expect(rejected.json.escrow).toMatchObject({ status: 'held', pendingDecision: { action: 'reject', note: 'source of funds not evidenced' } });
    // Asked again while the first is on its way (a double click): the same decision, nothing queued twice.
    const again = await call(rejectRoute, { host: a.host, token: adminA, params: { id: escrow.id }, body: { reason: 'source of funds not evidenced' } });
    expect(again.status).toBe(200);
    expect(again.json.escrow.pendingDecision.transactionId).toBe(rejected.json.escrow.pendingDecision.transactionId);
    // A different decision meanwhile is refused by name.
    expect((await call(refundRoute, { host: a.host, token: adminA, params: { id: escrow.id }, body: { reason: 'a different decision' } })).json.code).toBe('escrow_decision_pending');
    await settleTransactions(chain.chainId, [rejected.json.escrow.pendingDecision.transactionId]);
    await syncChainOnce(indexed);
    expect((await escrowOf(a, investmentId))!.status).toBe('refunded');
    expect((await investmentOf(a, investmentId)).status).toBe('refunded');
    expect(await balance(inv.wallet)).toBe(before);
    expect(await chain.publicClient.getContractEvents({ address: escrow.escrow_address as Hex, abi: escrowAbi, eventName: 'Refunded', fromBlock: 0n })).toHaveLength(1);
  });

  it('the sweep refunds by timeout after the on-chain deadline, to the unit', async () => {
    const inv = await investor(a, 5_000n, 'pending');
    const before = await balance(inv.wallet);
    const { investmentId, escrow } = await investAndFund(inv, '777');
    await chain.testClient.increaseTime({ seconds: 15 * 24 * 3600 });
    await chain.testClient.mine({ blocks: 1 });
    const now = await chainTime();
    expect(now.getTime()).toBeGreaterThan(escrow.deadline_admin.getTime());
    const swept = await runEscrowSweep({ now, tenantIds: [a.id] });
    expect(swept.failures).toEqual([]);
    const pending = (await escrowOf(a, investmentId))!;
    expect(pending.pending_action).toBe('refund_timeout');
    await settleTransactions(chain.chainId, [pending.pending_tx_id!]);
    await syncChainOnce(indexed);
    expect((await escrowOf(a, investmentId))!.status).toBe('refunded');
    expect(await balance(inv.wallet)).toBe(before);
  });

  it('a day before the on-chain deadline the sweep extends it to the 30-day maximum and alerts; a release on day 20 still lands', async () => {
    const inv = await investor(a);
    const { investmentId, escrow } = await investAndFund(inv, '333');
    await chain.testClient.increaseTime({ seconds: Math.floor(13.5 * 24 * 3600) });
    await chain.testClient.mine({ blocks: 1 });
    const swept = await runEscrowSweep({ now: await chainTime(), tenantIds: [a.id] });
    expect(swept.failures).toEqual([]);
    const pending = (await escrowOf(a, investmentId))!;
    expect(pending).toMatchObject({ pending_action: 'extend' });
    expect(pending.pending_deadline!.getTime()).toBe(escrow.expires_at.getTime());
    expect(pending.admin_alerted_at).not.toBeNull();
    await settleTransactions(chain.chainId, [pending.pending_tx_id!]);
    await syncChainOnce(indexed);
    expect((await escrowOf(a, investmentId))!.deadline_admin.getTime()).toBe(escrow.expires_at.getTime());
    await chain.testClient.increaseTime({ seconds: 7 * 24 * 3600 });
    await chain.testClient.mine({ blocks: 1 });
    const released = await call(releaseRoute, { host: a.host, token: adminA, params: { id: escrow.id }, body: {} });
    expect(released.status, JSON.stringify(released.json)).toBe(200);
    await settleTransactions(chain.chainId, [released.json.escrow.pendingDecision.transactionId]);
    await syncChainOnce(indexed);
    expect((await escrowOf(a, investmentId))!.status).toBe('released');
  });

  it('a reservation not funded in time is cancelled and its capacity returns', async () => {
    const deal = await activeOnChainDeal(a, adminA);
    const inv = await investor(a);
    const reservedBefore = BigInt(await reservedOf(a, deal.id));
    const r = await call(invest, { host: a.host, token: inv.token, params: { id: deal.id }, body: { amount: '500', paymentMethod: 'crypto' } });
    expect(r.status).toBe(201);
    expect(BigInt(await reservedOf(a, deal.id))).toBe(reservedBefore + 50_000n);
    const stored = await investmentOf(a, r.json.investment.id);
    // Before the deadline nothing happens; after it the reservation goes.
    await runEscrowSweep({ now: new Date(stored.funding_expires_at!.getTime() - 1000), tenantIds: [a.id] });
    expect((await investmentOf(a, stored.id)).status).toBe('pending_payment');
    await runEscrowSweep({ now: new Date(stored.funding_expires_at!.getTime() + 1000), tenantIds: [a.id] });
    expect(await investmentOf(a, stored.id)).toMatchObject({ status: 'cancelled', cancel_reason: 'funding_expired' });
    expect(BigInt(await reservedOf(a, deal.id))).toBe(reservedBefore);
  });
});

describe('manual decisions', () => {
  it('an extension moves the on-chain deadline; a manual refund (reason hashed on chain) returns the money to the unit', async () => {
    const inv = await investor(a);
    const before = await balance(inv.wallet);
    const { investmentId, escrow } = await investAndFund(inv, '410.25');
    const deadline = new Date(escrow.deadline_admin.getTime() + 5 * 24 * 3600 * 1000);
    // Beyond the 30-day life: refused before anything is queued.
    const tooLate = await call(extendRoute, { host: a.host, token: adminA, params: { id: escrow.id }, body: { deadline: new Date(escrow.expires_at.getTime() + 1000).toISOString() } });
    expect(tooLate.status).toBe(409);
    expect(tooLate.json.code).toBe('escrow_deadline_invalid');
    expect((await escrowOf(a, investmentId))!.pending_action).toBeNull();
    const extended = await call(extendRoute, { host: a.host, token: adminA, params: { id: escrow.id }, body: { deadline: deadline.toISOString() } });
    expect(extended.status, JSON.stringify(extended.json)).toBe(200);
    expect(extended.json.escrow.pendingDecision).toMatchObject({ action: 'extend', deadline: deadline.toISOString() });
    // Another deadline while this one is on its way: refused by name.
    const other = await call(extendRoute, { host: a.host, token: adminA, params: { id: escrow.id }, body: { deadline: new Date(deadline.getTime() + 1000).toISOString() } });
    expect(other.json.code).toBe('escrow_decision_pending');
    await settleTransactions(chain.chainId, [extended.json.escrow.pendingDecision.transactionId]);
    await syncChainOnce(indexed);
    const onChainDeadline = await chain.publicClient.readContract({ address: escrow.escrow_address as Hex, abi: escrowAbi, functionName: 'decisionDeadline' });
    expect(Number(onChainDeadline)).toBe(Math.floor(deadline.getTime() / 1000));
    const afterExtend = (await escrowOf(a, investmentId))!;
    expect(afterExtend.pending_action).toBeNull();
    expect(afterExtend.deadline_admin.getTime()).toBe(Math.floor(deadline.getTime() / 1000) * 1000);

    const refunded = await call(refundRoute, { host: a.host, token: adminA, params: { id: escrow.id }, body: { reason: 'investor asked to withdraw before the decision' } });
    expect(refunded.status, JSON.stringify(refunded.json)).toBe(200);
    expect(refunded.json.escrow.pendingDecision.action).toBe('refund_manual');
    // A different decision while one is on its way is refused by name.
    const clash = await call(releaseRoute, { host: a.host, token: adminA, params: { id: escrow.id }, body: {} });
    expect(clash.status).toBe(409);
    expect(clash.json.code).toBe('escrow_decision_pending');
    await settleTransactions(chain.chainId, [refunded.json.escrow.pendingDecision.transactionId]);
    await syncChainOnce(indexed);
    expect((await escrowOf(a, investmentId))!.status).toBe('refunded');
    expect(await balance(inv.wallet)).toBe(before);
    const [event] = await chain.publicClient.getContractEvents({ address: escrow.escrow_address as Hex, abi: escrowAbi, eventName: 'Refunded', fromBlock: 0n });
    expect(event!.args.reasonCode).toBe(keccak256(stringToHex('investor asked to withdraw before the decision')));
  });
});

describe('unmatched escrows', () => {
  it('an escrow funded after its reservation expired is refunded by hand, by its own tenant only, to the unit', async () => {
    const inv = await investor(a);
    const before = await balance(inv.wallet);
    const r = await call(invest, { host: a.host, token: inv.token, params: { id: dealA.id }, body: { amount: '222', paymentMethod: 'crypto' } });
    expect(r.status).toBe(201);
    const stored = await investmentOf(a, r.json.investment.id);
    await runEscrowSweep({ now: new Date(stored.funding_expires_at!.getTime() + 1000), tenantIds: [a.id] });
    expect((await investmentOf(a, stored.id)).status).toBe('cancelled');
    // The wallet funds anyway, late.
    await fund(inv, r.json.onChain);
    await syncChainOnce(indexed);
    const listed = await call(listUnmatched, { host: a.host, token: adminA, path: '/api/admin/escrow/unmatched' });
    const u = listed.json.unmatched.find((x: { investorWallet: string }) => x.investorWallet === inv.wallet.toLowerCase());
    expect(u).toMatchObject({ status: 'open', tokenAmount: (222n * USD).toString() });
    expect((await call(refundUnmatched, { host: b.host, token: adminB, params: { id: u.id }, body: { reason: 'not yours' } })).status).toBe(404);
    const queued = await call(refundUnmatched, { host: a.host, token: adminA, params: { id: u.id }, body: { reason: 'reservation had expired' } });
    expect(queued.status, JSON.stringify(queued.json)).toBe(200);
    await settleTransactions(chain.chainId, [queued.json.unmatchedEscrow.refund.transactionId]);
    await syncChainOnce(indexed);
    const after = await call(listUnmatched, { host: a.host, token: adminA, path: '/api/admin/escrow/unmatched' });
    expect(after.json.unmatched.find((x: { id: string }) => x.id === u.id).status).toBe('refunded');
    expect(await balance(inv.wallet)).toBe(before);
  });
});

describe('crash safety', () => {
  it('a KYC approval queues the release; SIGKILL of the sender between signing and broadcasting, then a restart: exactly one release on chain', async () => {
    const inv = await investor(a, 5_000n, 'pending');
    const { investmentId, escrow } = await investAndFund(inv, '640');
    await withTenant(a.id, null, (t) => t.tx.updateTable('profiles').set({ kyc_status: 'approved' }).where('tenant_id', '=', a.id).where('user_id', '=', inv.id).execute());
    await withTenant(a.id, null, (t) => onKycDecision(t, inv.id, 'approved'));
    // Recorded once: a second approval (a job that runs twice) adds nothing.
    await withTenant(a.id, null, (t) => onKycDecision(t, inv.id, 'approved'));
    const pending = (await escrowOf(a, investmentId))!;
    expect(pending).toMatchObject({ status: 'held', pending_action: 'release' });
    const operatorA = tenantSigner(chain.chainId, a.id, 'operator').address;
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/helpers/tx-crash-child.ts'), String(chain.chainId), operatorA, chain.rpcUrl], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, sig) => resolve(sig)));
    expect(signal, out).toBe('SIGKILL');
    const storedHash = out.match(/stored (0x[0-9a-f]{64})/)![1]!;
    await settleTransactions(chain.chainId, [pending.pending_tx_id!]);
    await syncChainOnce(indexed);
    expect((await escrowOf(a, investmentId))!.status).toBe('released');
    expect((await investmentOf(a, investmentId)).status).toBe('confirmed');
    const released = await chain.publicClient.getContractEvents({ address: escrow.escrow_address as Hex, abi: escrowAbi, eventName: 'Released', fromBlock: 0n });
    expect(released).toHaveLength(1);
    expect(released[0]!.transactionHash).toBe(storedHash);
  });
});

describe('failed transactions', () => {
  it('are listed for the tenant admin with the revert reason, and a retry (audited) queues them again', async () => {
    const inv = await investor(a);
    const { escrow } = await investAndFund(inv, '150');
    // refundAfterTimeout before the deadline reverts on chain (DecisionWindowOpen): it can only fail.
    const tx = await withTenant(a.id, { userId: a.admin.id }, (t) =>
      enqueueTenantTransaction(t, 'operator', { chainId: chain.chainId, to: escrow.escrow_address!, data: encodeFunctionData({ abi: escrowAbi, functionName: 'refundAfterTimeout' }), purpose: 'escrow.refund_timeout', referenceType: 'escrow', referenceId: escrow.id, dedupeKey: `test:${escrow.id}` }),
    );
    const operatorA = tenantSigner(chain.chainId, a.id, 'operator').address;
    for (let i = 0; i < 10; i++) await processChainQueue(chain.chainId, { signers: [operatorA], now: new Date(Date.now() + i * 120_000) });
    const failed = await call(listTxs, { host: a.host, token: adminA, path: '/api/admin/chain/transactions?status=failed' });
    const listed = failed.json.transactions.find((t: { id: string }) => t.id === tx.id);
    expect(listed).toMatchObject({ status: 'failed', purpose: 'escrow.refund_timeout', nonce: null });
    expect(listed.lastError).toMatch(/DecisionWindowOpen/);
    expect(failed.json.transactions.every((t: { status: string }) => t.status === 'failed')).toBe(true);
    const retried = await call(retryTx, { host: a.host, token: adminA, params: { id: tx.id } });
    expect(retried.status, JSON.stringify(retried.json)).toBe(200);
    expect(retried.json.transaction.status).toBe('queued');
    expect((await call(retryTx, { host: a.host, token: adminA, params: { id: tx.id } })).json.code).toBe('transaction_not_failed');
    const audited = await withTenant(a.id, null, (t) => t.tx.selectFrom('audit_logs').select(['action', 'outcome']).where('tenant_id', '=', a.id).where('target_id', '=', tx.id).execute());
    expect(audited).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'chain.transaction_retried' })]));
  });
});

describe('bad input on an on-chain deal', () => {
  it('refuses an investor without a linked wallet, a wallet that is not theirs, too many decimals, a fiat method and an undeployed sale', async () => {
    const noWallet = await makeUser(a, ['investor']);
    const noWalletToken = await tokenFor(a, noWallet.email);
    const r1 = await call(invest, { host: a.host, token: noWalletToken, params: { id: dealA.id }, body: { amount: '100', paymentMethod: 'crypto' } });
    expect(r1.status).toBe(400);
    expect(JSON.stringify(r1.json)).toMatch(/walletAddress.*link a wallet/);

    const inv = await investor(a);
    const other = privateKeyToAccount(generatePrivateKey()).address;
    const r2 = await call(invest, { host: a.host, token: inv.token, params: { id: dealA.id }, body: { amount: '100', paymentMethod: 'crypto', walletAddress: other } });
    expect(r2.status).toBe(400);
    expect(JSON.stringify(r2.json)).toMatch(/not one of the wallets linked to your account/);

    const r3 = await call(invest, { host: a.host, token: inv.token, params: { id: dealA.id }, body: { amount: '100.0000001', paymentMethod: 'crypto' } });
    expect(r3.status).toBe(400);
    expect(r3.json.errors?.[0]?.field ?? JSON.stringify(r3.json)).toMatch(/amount/);

    const r4 = await call(invest, { host: a.host, token: inv.token, params: { id: dealA.id }, body: { amount: '100', paymentMethod: 'wire' } });
    expect(r4.status).toBe(400);
    expect(JSON.stringify(r4.json)).toMatch(/paymentMethod must be crypto/);

    const undeployed = await activeOnChainDeal(a, adminA, false);
    const r5 = await call(invest, { host: a.host, token: inv.token, params: { id: undeployed.id }, body: { amount: '100', paymentMethod: 'crypto' } });
    expect(r5.status).toBe(409);
    expect(r5.json.code).toBe('deal_not_deployed');
    // Nothing was written by the refusals.
    const count = await withTenant(a.id, null, (t) => t.tx.selectFrom('investments').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', a.id).where('investor_id', 'in', [inv.id, noWallet.id]).executeTakeFirstOrThrow());
    expect(Number(count.n)).toBe(0);
  });
});

describe('two tenants on one chain', () => {
  it("neither can release or refund the other's escrow through the API, nor with its operator key on chain", async () => {
    const inv = await investor(a);
    const { escrow } = await investAndFund(inv, '300');
    expect((await call(releaseRoute, { host: b.host, token: adminB, params: { id: escrow.id }, body: {} })).status).toBe(404);
    expect((await call(refundRoute, { host: b.host, token: adminB, params: { id: escrow.id }, body: { reason: 'not yours' } })).status).toBe(404);
    expect((await escrowOf(a, escrow.investment_id))!.pending_action).toBeNull();
    // A's failed-or-not transactions are not B's to see or retry.
    const txsA = await call(listTxs, { host: a.host, token: adminA, path: '/api/admin/chain/transactions' });
    const someTxOfA = txsA.json.transactions[0].id as string;
    const retried = await call(retryTx, { host: b.host, token: adminB, params: { id: someTxOfA } });
    expect(retried.status).toBe(404);
    const txsB = await call(listTxs, { host: b.host, token: adminB, path: '/api/admin/chain/transactions' });
    expect(txsB.json.transactions.map((t: { id: string }) => t.id)).not.toContain(someTxOfA);
    expect(txsB.json.transactions.filter((t: { reference: { id: string } }) => t.reference.id === escrow.id)).toEqual([]);

    // On chain: B's operator holds B's role, not A's.
    const operatorB = tenantSigner(chain.chainId, b.id, 'operator');
    const adminKeyB = tenantSigner(chain.chainId, b.id, 'tenant_admin');
    await expect(chain.publicClient.simulateContract({ address: escrow.escrow_address as Hex, abi: escrowAbi, functionName: 'release', account: operatorB.address })).rejects.toThrow();
    await expect(chain.publicClient.simulateContract({ address: escrow.escrow_address as Hex, abi: escrowAbi, functionName: 'reject', account: adminKeyB.address })).rejects.toThrow();
    // A's own operator may.
    await chain.publicClient.simulateContract({ address: escrow.escrow_address as Hex, abi: escrowAbi, functionName: 'release', account: tenantSigner(chain.chainId, a.id, 'operator').address });
  });
});
