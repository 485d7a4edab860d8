// Lending pools through the API on anvil: the tenant admin opens a pool (its collateral listed and
// priced in the factory's creation transaction, queued through the transaction manager), the
// indexer activates it. Members pass the gates (feature flag, verification level, the tenant's risk
// disclosure acknowledged), supply and borrow with the wallet calls the API prepares, and see the
// contract's figures to the unit; a price move makes a position liquidatable and any account
// liquidates it. The indexer's rows and positions follow, and a reorg takes them back.
import { sql } from 'kysely';
import { erc20Abi, type Address, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lendingPoolAbi } from '../../contracts/abi/LendingPool';
import { testStablecoinAbi } from '../../contracts/abi/TestStablecoin';
import { PATCH as patchTenant } from '../../src/app/api/admin/tenant/route';
import { POST as createPoolRoute } from '../../src/app/api/admin/lending/pools/route';
import { POST as setPriceRoute } from '../../src/app/api/admin/lending/pools/[id]/prices/route';
import { PUT as settingsRoute } from '../../src/app/api/admin/lending/settings/route';
import { POST as ackRoute } from '../../src/app/api/lending/disclosure/acknowledge/route';
import { GET as listPoolsRoute } from '../../src/app/api/lending/pools/route';
import { GET as poolRoute } from '../../src/app/api/lending/pools/[id]/route';
import { POST as callsRoute } from '../../src/app/api/lending/pools/[id]/calls/route';
import { GET as positionsRoute } from '../../src/app/api/lending/positions/route';
import { deployContract } from '../../src/server/chain/deploy';
import { syncChainOnce, type IndexedChain } from '../../src/server/chain/indexer/sync';
import { provisionTenantChain } from '../../src/server/chain/tenant-contracts/provision';
import { settleTransactions } from '../../src/server/chain/tx-manager/send';
import { closePools, ownerDb } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { recordWalletLink } from '../../src/server/wallets/service';
import { call } from '../helpers/api';
import { startTestChain, type TestChain } from '../helpers/chain';
import { tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

let chain: TestChain;
let indexed: IndexedChain;
let a: TestTenant;
let b: TestTenant;
let adminA: string;
let adminB: string;
let deal: Address;
let asset: Address;
const TOKEN = 10n ** 18n;
const USD = 1_000_000n;
const WAD = 10n ** 18n;

beforeAll(async () => {
  chain = await startTestChain();
  indexed = { chainId: chain.chainId, client: chain.publicClient as never, confirmations: 1, escrowFactories: [chain.deployments.escrowFactory], startBlock: BigInt(chain.deployments.deployedAtBlock) };
  [a, b] = await Promise.all([makeTenant({ chains: [chain.chainId] }), makeTenant({ chains: [chain.chainId] })]);
  await provisionTenantChain(a.id, chain.chainId);
  [adminA, adminB] = await Promise.all([tokenFor(a, a.admin.email), tokenFor(b, b.admin.email)]);
  asset = chain.deployments.paymentToken;
  deal = await deployContract({ publicClient: chain.publicClient as never, walletClient: chain.walletOf(platformKey()) as never }, 'TestStablecoin', ['Deal Token', 'DEAL', 18]);
}, 240_000);

afterAll(async () => {
  await chain?.stop();
  await closePools();
});

function platformKey(): Hex {
  return process.env.CHAIN_PLATFORM_ADMIN_KEY as Hex;
}

async function send(key: Hex, to: Address, abi: unknown, functionName: string, args: readonly unknown[]) {
  const w = chain.walletOf(key);
  const hash = await w.writeContract({ address: to, abi: abi as never, functionName: functionName as never, args: args as never, chain: null, account: w.account! } as never);
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
  expect(receipt.status, `${functionName} mined`).toBe('success');
  return receipt;
}

/** Sends the calls the API prepared, in order, from the wallet, as the page does. */
async function sendCalls(key: Hex, calls: { to: Address; data: Hex }[]) {
  const w = chain.walletOf(key);
  let last;
  for (const c of calls) {
    const hash = await w.sendTransaction({ to: c.to, data: c.data, chain: null, account: w.account! } as never);
    last = await chain.publicClient.waitForTransactionReceipt({ hash });
    expect(last.status, 'wallet call mined').toBe('success');
  }
  return last!;
}

async function walletOf(tenant: TestTenant, userId: string, mint: { usd?: bigint; deal?: bigint } = {}) {
  const key = generatePrivateKey();
  const address = privateKeyToAccount(key).address;
  await chain.testClient.setBalance({ address, value: 10n ** 20n });
  if (mint.usd) await send(platformKey(), asset, testStablecoinAbi, 'mint', [address, mint.usd]);
  if (mint.deal) await send(platformKey(), deal, testStablecoinAbi, 'mint', [address, mint.deal]);
  await withTenant(tenant.id, null, (t) => recordWalletLink(t, userId, address, chain.chainId));
  return { key, address: address.toLowerCase() as Address };
}

const poolBody = (over: Record<string, unknown> = {}) => ({
  name: 'tUSD market',
  chainId: chain.chainId,
  asset,
  baseRatePercent: '2',
  slope1Percent: '10',
  slope2Percent: '300',
  optimalUtilisationPercent: '80',
  reserveFactorBps: 1_000,
  collaterals: [{ token: deal, ltvBps: 7_000, liquidationThresholdBps: 8_000, liquidationBonusBps: 500, maxPriceAgeSeconds: 86_400, price: '1000' }],
  ...over,
});

const read = <T = bigint>(pool: Address, functionName: string, args: readonly unknown[] = []) => chain.publicClient.readContract({ address: pool, abi: lendingPoolAbi, functionName, args } as never) as Promise<T>;

let poolId: string;
let pool: Address;

describe('lending pools through the API', () => {
  it('is off until the tenant turns the lending feature on', async () => {
    for (const r of [
      await call(listPoolsRoute, { host: a.host, token: adminA }),
      await call(positionsRoute, { host: a.host, token: adminA }),
      await call(createPoolRoute, { host: a.host, token: adminA, body: poolBody() }),
      await call(ackRoute, { host: a.host, token: adminA, body: { version: 1 } }),
    ]) {
      expect(r.status).toBe(403);
      expect(r.json.code).toBe('feature_disabled');
    }
    for (const [t, token] of [[a, adminA], [b, adminB]] as const) {
      const on = await call(patchTenant, { host: t.host, token, body: { features: { lending: true } } });
      expect(on.status, JSON.stringify(on.json)).toBe(200);
    }
  });

  it('refuses bad pool terms with the field named, and members cannot open pools or set prices', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ asset: `0x${'12'.repeat(20)}` }, 'asset'],
      [{ optimalUtilisationPercent: '100' }, 'optimalUtilisationPercent'],
      [{ collaterals: [{ ...poolBody().collaterals[0], ltvBps: 8_500 }] }, 'ltvBps'],
      [{ collaterals: [{ ...poolBody().collaterals[0], liquidationThresholdBps: 9_600 }] }, 'liquidationThresholdBps'],
      [{ collaterals: [{ ...poolBody().collaterals[0], price: undefined }] }, 'price'],
      [{ collaterals: [{ ...poolBody().collaterals[0], token: asset }] }, 'collaterals'],
      [{ collaterals: [] }, 'collaterals'],
    ];
    for (const [over, field] of cases) {
      const r = await call(createPoolRoute, { host: a.host, token: adminA, body: poolBody(over) });
      expect(r.status, field).toBe(400);
      expect(JSON.stringify(r.json.errors), field).toContain(field);
    }
    const member = await makeUser(a, ['investor']);
    const denied = await call(createPoolRoute, { host: a.host, token: await tokenFor(a, member.email), body: poolBody() });
    expect(denied.status).toBe(403);
    expect(await withTenant(a.id, null, (t) => t.tx.selectFrom('lending_pools').select('id').where('tenant_id', '=', a.id).execute())).toEqual([]);
  });

  it('opens a pool on chain with its collateral listed and priced; members see it only once it exists', async () => {
    const created = await call(createPoolRoute, { host: a.host, token: adminA, body: poolBody() });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    poolId = created.json.pool.id;
    expect(created.json.pool).toMatchObject({ status: 'pending', address: null, asset: { decimals: 6 }, rateModel: { baseRate: (WAD / 50n).toString(), optimalUtilisation: ((WAD * 8n) / 10n).toString() } });
    const member = await makeUser(a, ['investor']);
    expect((await call(poolRoute, { host: a.host, token: await tokenFor(a, member.email), params: { id: poolId } })).status).toBe(404);

    await settleTransactions(chain.chainId, [created.json.pool.creation.transactionId]);
    await syncChainOnce(indexed);
    const view = await call(poolRoute, { host: a.host, token: adminA, params: { id: poolId } });
    expect(view.status, JSON.stringify(view.json)).toBe(200);
    expect(view.json.pool.status).toBe('active');
    pool = view.json.pool.address;
    // 1000 tUSD (6 decimals) per whole DEAL (18 decimals) = 1000e6 * 1e18 / 1e18 base units per base unit x 1e18.
    expect(await read(pool, 'priceOf', [deal])).toBe(1_000n * USD);
    expect(view.json.pool.chain.prices).toEqual([{ token: deal.toLowerCase(), price: (1_000n * USD).toString(), updatedAt: expect.any(String) }]);
    expect(await read(pool, 'reserveFactorBps')).toBe(1_000);
    const audits = await withTenant(a.id, null, (t) => t.tx.selectFrom('audit_logs').select('action').where('tenant_id', '=', a.id).where('target_id', '=', poolId).execute());
    expect(audits.map((x) => x.action)).toContain('lending.pool_created');
  }, 120_000);

  it('keeps another tenant out: its admin and members get 404 for this pool', async () => {
    const other = await makeUser(b, ['investor']);
    for (const token of [adminB, await tokenFor(b, other.email)]) {
      expect((await call(poolRoute, { host: b.host, token, params: { id: poolId } })).status).toBe(404);
      expect((await call(callsRoute, { host: b.host, token, params: { id: poolId }, body: { action: 'withdraw', wallet: `0x${'ab'.repeat(20)}`, amount: '1' } })).status).toBe(404);
    }
    expect((await call(setPriceRoute, { host: b.host, token: adminB, params: { id: poolId }, body: { token: deal, price: '1' } })).status).toBe(404);
    const list = await call(listPoolsRoute, { host: b.host, token: adminB });
    expect(list.json.pools).toEqual([]);
  });

  it('gates supply and borrow on the disclosure and the level, then a member supplies and another borrows: figures equal the contract’s', async () => {
    const lender = await makeUser(a, ['investor']);
    const lenderToken = await tokenFor(a, lender.email);
    const lw = await walletOf(a, lender.id, { usd: 10_000n * USD });
    const supplyBody = { action: 'supply', wallet: lw.address, amount: '5000.000001' };

    // No disclosure published yet: lending stays closed.
    const none = await call(callsRoute, { host: a.host, token: lenderToken, params: { id: poolId }, body: supplyBody });
    expect(none.status).toBe(409);
    expect(none.json.code).toBe('disclosure_missing');
    const published = await call(settingsRoute, { host: a.host, token: adminA, body: { disclosureTitle: 'Lending risks', disclosureBody: 'You can lose what you lend.' } });
    expect(published.status, JSON.stringify(published.json)).toBe(200);
    expect(published.json.disclosure.version).toBe(1);
    expect((await call(settingsRoute, { host: a.host, token: lenderToken, body: { disclosureTitle: 'x', disclosureBody: 'y' } })).status).toBe(403);

    const unread = await call(callsRoute, { host: a.host, token: lenderToken, params: { id: poolId }, body: supplyBody });
    expect(unread.status).toBe(403);
    expect(unread.json.code).toBe('disclosure_not_acknowledged');
    const wrongVersion = await call(ackRoute, { host: a.host, token: lenderToken, body: { version: 2 } });
    expect(wrongVersion.status).toBe(409);
    expect(wrongVersion.json.code).toBe('disclosure_outdated');
    const ack = await call(ackRoute, { host: a.host, token: lenderToken, body: { version: 1 } });
    expect(ack.status, JSON.stringify(ack.json)).toBe(200);
    const acks = await withTenant(a.id, null, (t) => t.tx.selectFrom('audit_logs').select('action').where('tenant_id', '=', a.id).where('actor_id', '=', lender.id).where('action', '=', 'lending.disclosure_acknowledged').execute());
    expect(acks).toHaveLength(1);

    // Bad input: a wallet not linked to the caller, more decimals than the token, no amount.
    const foreign = await call(callsRoute, { host: a.host, token: lenderToken, params: { id: poolId }, body: { ...supplyBody, wallet: `0x${'cd'.repeat(20)}` } });
    expect(foreign.status).toBe(400);
    expect(JSON.stringify(foreign.json.errors)).toContain('wallet');
    const decimals = await call(callsRoute, { host: a.host, token: lenderToken, params: { id: poolId }, body: { ...supplyBody, amount: '1.0000001' } });
    expect(decimals.status).toBe(400);
    expect(JSON.stringify(decimals.json.errors)).toContain('amount');
    const tooMuch = await call(callsRoute, { host: a.host, token: lenderToken, params: { id: poolId }, body: { ...supplyBody, amount: '20000' } });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.json.code).toBe('insufficient_wallet_balance');

    const supply = await call(callsRoute, { host: a.host, token: lenderToken, params: { id: poolId }, body: supplyBody });
    expect(supply.status, JSON.stringify(supply.json)).toBe(200);
    expect(supply.json.calls.map((c: { description: string }) => c.description)).toEqual([expect.stringContaining('approve 5000000001'), 'supply']);
    await sendCalls(lw.key, supply.json.calls);
    expect(await read(pool, 'balanceOf', [lw.address])).toBe(5_000n * USD + 1n);

    // The borrower: level gate first (the pool asks for more than the member has), then collateral and a borrow.
    const borrower = await makeUser(a, ['investor']);
    const borrowerToken = await tokenFor(a, borrower.email);
    const bw = await walletOf(a, borrower.id, { deal: 2n * TOKEN, usd: 1_000n * USD });
    expect((await call(ackRoute, { host: a.host, token: borrowerToken, body: { version: 1 } })).status).toBe(200);
    await ownerDb().updateTable('lending_pools').set({ min_verification_level: 'accredited' }).where('tenant_id', '=', a.id).where('id', '=', poolId).execute();
    const low = await call(callsRoute, { host: a.host, token: borrowerToken, params: { id: poolId }, body: { action: 'deposit_collateral', wallet: bw.address, token: deal, amount: '1' } });
    expect(low.status).toBe(403);
    expect(low.json.code).toBe('verification_level_required');
    await ownerDb().updateTable('lending_pools').set({ min_verification_level: 'none' }).where('tenant_id', '=', a.id).where('id', '=', poolId).execute();

    const noToken = await call(callsRoute, { host: a.host, token: borrowerToken, params: { id: poolId }, body: { action: 'deposit_collateral', wallet: bw.address, amount: '1' } });
    expect(noToken.status).toBe(400);
    expect(JSON.stringify(noToken.json.errors)).toContain('token');
    const deposit = await call(callsRoute, { host: a.host, token: borrowerToken, params: { id: poolId }, body: { action: 'deposit_collateral', wallet: bw.address, token: deal, amount: '1' } });
    expect(deposit.status, JSON.stringify(deposit.json)).toBe(200);
    await sendCalls(bw.key, deposit.json.calls);
    // 1 DEAL at 1000 with a 70% LTV: 700 may be borrowed, 700.000001 may not (the contract's answer, simulated).
    const over = await call(callsRoute, { host: a.host, token: borrowerToken, params: { id: poolId }, body: { action: 'borrow', wallet: bw.address, amount: '700.000001' } });
    expect(over.status).toBe(409);
    expect(over.json.code).toBe('insufficient_collateral');
    const borrow = await call(callsRoute, { host: a.host, token: borrowerToken, params: { id: poolId }, body: { action: 'borrow', wallet: bw.address, amount: '700' } });
    expect(borrow.status, JSON.stringify(borrow.json)).toBe(200);
    expect(borrow.json.calls).toHaveLength(1);
    await sendCalls(bw.key, borrow.json.calls);

    // Half a day: interest accrues, and the price (at most a day old) is still accepted.
    await chain.testClient.increaseTime({ seconds: 12 * 3_600 });
    await chain.testClient.mine({ blocks: 1 });
    const first = await send(platformKey(), pool, lendingPoolAbi, 'accrue', []);
    await chain.testClient.increaseTime({ seconds: 3_600 });
    const second = await send(platformKey(), pool, lendingPoolAbi, 'accrue', []);
    await syncChainOnce(indexed);

    const view = await call(poolRoute, { host: a.host, token: borrowerToken, params: { id: poolId } });
    expect(view.status, JSON.stringify(view.json)).toBe(200);
    const [debt, account, health, utilisation, borrowRate, totalBorrows, collateral] = await Promise.all([
      read(pool, 'debtOf', [bw.address]),
      read<readonly [bigint, bigint, bigint]>(pool, 'accountOf', [bw.address]),
      read(pool, 'healthFactor', [bw.address]),
      read(pool, 'utilisation'),
      read(pool, 'borrowRate'),
      read(pool, 'totalBorrows'),
      read(pool, 'collateralOf', [bw.address, deal]),
    ]);
    expect(debt).toBeGreaterThan(700n * USD);
    expect(view.json.positions).toEqual([
      {
        wallet: bw.address,
        supplied: '0',
        debt: debt.toString(),
        collateral: [{ token: deal.toLowerCase(), amount: collateral.toString(), liquidationPrice: expect.any(String) }],
        borrowCapacity: account[0].toString(),
        liquidationCapacity: account[1].toString(),
        healthFactor: health.toString(),
      },
    ]);
    // Liquidation price: the DEAL price at which 80% of the collateral's value meets the debt, rounded up.
    expect(view.json.positions[0].collateral[0].liquidationPrice).toBe(((debt * WAD * 10_000n + TOKEN * 8_000n - 1n) / (TOKEN * 8_000n)).toString());
    expect(view.json.pool.chain).toMatchObject({ utilisation: utilisation.toString(), borrowRate: borrowRate.toString(), totalBorrows: totalBorrows.toString(), supplyRate: ((((borrowRate * utilisation) / WAD) * 9_000n) / 10_000n).toString() });
    expect(view.json.history.map((h: { kind: string }) => h.kind)).toEqual(['borrow', 'collateral_deposit']);
    // The realised rate between the two Accrued events: the borrow index's growth, annualised.
    const [t1, t2] = await Promise.all([first, second].map(async (r) => (await chain.publicClient.getBlock({ blockNumber: r.blockNumber })).timestamp));
    const [i1, i2] = await Promise.all([first, second].map((r) => chain.publicClient.readContract({ address: pool, abi: lendingPoolAbi, functionName: 'borrowIndex', blockNumber: r.blockNumber })));
    expect(view.json.rateHistory).toEqual([{ at: expect.any(String), borrowRate: (((i2! - i1!) * WAD * 365n * 86_400n) / (i1! * (t2! - t1!))).toString(), supplyRate: expect.any(String) }]);

    // The lender's indexed position equals the contract's scaled balance.
    const mine = await call(positionsRoute, { host: a.host, token: lenderToken });
    expect(mine.status).toBe(200);
    expect(mine.json.positions).toEqual([expect.objectContaining({ poolId, wallet: lw.address, scaledSupply: (await read(pool, 'scaledSupply', [lw.address])).toString(), scaledDebt: '0' })]);
  }, 180_000);

  it('after a price move any account liquidates the position below health 1 through the API call; a healthy one is refused', async () => {
    const [row] = await withTenant(a.id, null, (t) => t.tx.selectFrom('user_lending_positions').select('wallet_address').where('tenant_id', '=', a.id).where('scaled_debt', '>', '0').execute());
    const borrower = row!.wallet_address as Address;
    const liquidator = await makeUser(a, ['investor']);
    const liqToken = await tokenFor(a, liquidator.email);
    const key = generatePrivateKey();
    const liqWallet = privateKeyToAccount(key).address.toLowerCase() as Address;
    await chain.testClient.setBalance({ address: liqWallet, value: 10n ** 20n });
    await send(platformKey(), asset, testStablecoinAbi, 'mint', [liqWallet, 10_000n * USD]);

    const healthy = await call(callsRoute, { host: a.host, token: liqToken, params: { id: poolId }, body: { action: 'liquidate', wallet: liqWallet, borrower, token: deal, amount: 'max' } });
    expect(healthy.status).toBe(409);
    expect(healthy.json.code).toBe('position_healthy');

    const badPrice = await call(setPriceRoute, { host: a.host, token: adminA, params: { id: poolId }, body: { token: deal, price: '0' } });
    expect(badPrice.status).toBe(400);
    const price = await call(setPriceRoute, { host: a.host, token: adminA, params: { id: poolId }, body: { token: deal, price: '850' } });
    expect(price.status, JSON.stringify(price.json)).toBe(201);
    await settleTransactions(chain.chainId, [price.json.price.transaction.id]);
    expect(await read(pool, 'priceOf', [deal])).toBe(850n * USD);
    expect(await read(pool, 'healthFactor', [borrower])).toBeLessThan(WAD);

    const before = await chain.publicClient.readContract({ address: deal, abi: erc20Abi, functionName: 'balanceOf', args: [liqWallet] });
    const liq = await call(callsRoute, { host: a.host, token: liqToken, params: { id: poolId }, body: { action: 'liquidate', wallet: liqWallet, borrower, token: deal, amount: 'max' } });
    expect(liq.status, JSON.stringify(liq.json)).toBe(200);
    const receipt = await sendCalls(key, liq.json.calls);
    const seized = (await chain.publicClient.readContract({ address: deal, abi: erc20Abi, functionName: 'balanceOf', args: [liqWallet] })) - before;
    expect(seized).toBeGreaterThan(0n);
    // No position left below health 1 while it still has collateral.
    const after = await read(pool, 'healthFactor', [borrower]);
    const left = await read(pool, 'collateralOf', [borrower, deal]);
    expect(after >= WAD || left === 0n).toBe(true);

    await syncChainOnce(indexed);
    // The liquidator's history shows the liquidation once the wallet is linked to their account.
    await withTenant(a.id, null, (t) => recordWalletLink(t, liquidator.id, liqWallet, chain.chainId));
    const view = await call(poolRoute, { host: a.host, token: liqToken, params: { id: poolId } });
    expect(view.json.history[0]).toMatchObject({ kind: 'liquidate', wallet: borrower, payer: liqWallet, token: deal.toLowerCase(), seized: seized.toString(), txHash: receipt.transactionHash.toLowerCase() });
    const [pos] = await withTenant(a.id, null, (t) => t.tx.selectFrom('user_lending_positions').select(['scaled_debt', 'collateral']).where('tenant_id', '=', a.id).where('wallet_address', '=', borrower).execute());
    expect(pos!.scaled_debt).toBe((await read(pool, 'scaledDebt', [borrower])).toString());
    expect(pos!.collateral).toEqual(left === 0n ? {} : { [deal.toLowerCase()]: left.toString() });
  }, 120_000);

  it('a reorg takes back what the indexer wrote: rows and the summed position return to the fork point', async () => {
    const [row] = await withTenant(a.id, null, (t) => t.tx.selectFrom('user_lending_positions').select(['wallet_address', 'scaled_supply']).where('tenant_id', '=', a.id).where('scaled_supply', '>', '0').execute());
    const lender = row!.wallet_address;
    const count = async () => Number((await withTenant(a.id, null, (t) => sql<{ n: string }>`select count(*)::text as n from lending_transactions where tenant_id = ${a.id}`.execute(t.tx))).rows[0]!.n);
    const rowsBefore = await count();
    const snap = await chain.testClient.snapshot();
    // A stranger supplies on the old branch (not a member: no gate applies to the contract itself).
    const key = generatePrivateKey();
    const stranger = privateKeyToAccount(key).address;
    await chain.testClient.setBalance({ address: stranger, value: 10n ** 20n });
    await send(platformKey(), asset, testStablecoinAbi, 'mint', [stranger, 10n * USD]);
    await send(key, asset, erc20Abi, 'approve', [pool, 10n * USD]);
    await send(key, pool, lendingPoolAbi, 'supply', [10n * USD]);
    await chain.testClient.mine({ blocks: 2 });
    await syncChainOnce(indexed);
    expect(await count()).toBe(rowsBefore + 1);
    await chain.testClient.revert({ id: snap });
    await chain.testClient.mine({ blocks: 6 });
    for (let i = 0; i < 3; i++) await syncChainOnce(indexed);
    expect(await count()).toBe(rowsBefore);
    const positions = await withTenant(a.id, null, (t) => t.tx.selectFrom('user_lending_positions').select(['wallet_address', 'scaled_supply']).where('tenant_id', '=', a.id).execute());
    expect(positions.find((p) => p.wallet_address === stranger.toLowerCase())?.scaled_supply ?? '0').toBe('0');
    expect(positions.find((p) => p.wallet_address === lender)!.scaled_supply).toBe(row!.scaled_supply);
  }, 120_000);
});
