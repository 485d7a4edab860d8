// Staking pools through the API on anvil: the tenant admin opens a pool (queued through the
// transaction manager, created by the tenant's factory), the indexer activates it; the operator
// funds rewards; a member stakes and claims from their own wallet; the pool page shows the
// contract's figures to the unit, and the history the indexer wrote.
import { encodeFunctionData, erc20Abi, parseEventLogs, type Address, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stakingPoolAbi } from '../../contracts/abi/StakingPool';
import { testStablecoinAbi } from '../../contracts/abi/TestStablecoin';
import { PATCH as patchTenant } from '../../src/app/api/admin/tenant/route';
import { POST as createPoolRoute } from '../../src/app/api/admin/staking/pools/route';
import { POST as fundPoolRoute } from '../../src/app/api/admin/staking/pools/[id]/fund/route';
import { POST as pausePoolRoute } from '../../src/app/api/admin/staking/pools/[id]/pause/route';
import { POST as stakeIntentRoute } from '../../src/app/api/staking/pools/[id]/stake-intents/route';
import { GET as listPoolsRoute } from '../../src/app/api/staking/pools/route';
import { GET as poolRoute } from '../../src/app/api/staking/pools/[id]/route';
import { deployContract } from '../../src/server/chain/deploy';
import { syncChainOnce, type IndexedChain } from '../../src/server/chain/indexer/sync';
import { tenantSigner } from '../../src/server/chain/signers';
import { provisionTenantChain } from '../../src/server/chain/tenant-contracts/provision';
import { settleTransactions } from '../../src/server/chain/tx-manager/send';
import { closePools } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { recordWalletLink } from '../../src/server/wallets/service';
import { call } from '../helpers/api';
import { startTestChain, type TestChain } from '../helpers/chain';
import { tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

let chain: TestChain;
let indexed: IndexedChain;
let a: TestTenant;
let adminA: string;
let stakingToken: Address;
const TOKEN = 10n ** 18n;
const USD = 1_000_000n;
const DAY = 86_400;

beforeAll(async () => {
  chain = await startTestChain();
  indexed = { chainId: chain.chainId, client: chain.publicClient as never, confirmations: 1, escrowFactories: [chain.deployments.escrowFactory], startBlock: BigInt(chain.deployments.deployedAtBlock) };
  a = await makeTenant({ chains: [chain.chainId] });
  await provisionTenantChain(a.id, chain.chainId);
  adminA = await tokenFor(a, a.admin.email);
  stakingToken = await deployContract({ publicClient: chain.publicClient as never, walletClient: chain.walletOf(platformKey()) as never }, 'TestStablecoin', ['Stake Token', 'STK', 18]);
}, 240_000);

afterAll(async () => {
  await chain?.stop();
  await closePools();
});

/** This file's platform admin key (tests/helpers/chain.ts): it deploys and mints the test tokens. */
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

const poolBody = () => ({ name: 'STK rewards', chainId: chain.chainId, stakingToken, rewardToken: chain.deployments.paymentToken, rewardBudget: (30_000n * USD).toString(), rewardsDurationSeconds: 30 * DAY, lockPeriodSeconds: 7 * DAY, earlyExitPenaltyBps: 250 });

describe('staking pools through the API', () => {
  it('is off until the tenant turns the staking feature on', async () => {
    const r = await call(listPoolsRoute, { host: a.host, token: adminA });
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('feature_disabled');
    const c = await call(createPoolRoute, { host: a.host, token: adminA, body: poolBody() });
    expect(c.status).toBe(403);
    const on = await call(patchTenant, { host: a.host, token: adminA, body: { features: { staking: true } } });
    expect(on.status, JSON.stringify(on.json)).toBe(200);
  });

  it('refuses bad pool terms with the field named, and members cannot open pools', async () => {
    const notToken = await call(createPoolRoute, { host: a.host, token: adminA, body: { ...poolBody(), stakingToken: `0x${'12'.repeat(20)}` } });
    expect(notToken.status).toBe(400);
    expect(JSON.stringify(notToken.json.errors)).toContain('stakingToken');
    const caps = await call(createPoolRoute, { host: a.host, token: adminA, body: { ...poolBody(), maxStakePerUser: '10', maxTotalStaked: '5' } });
    expect(caps.status).toBe(400);
    expect(JSON.stringify(caps.json.errors)).toContain('maxStakePerUser');
    const penalty = await call(createPoolRoute, { host: a.host, token: adminA, body: { ...poolBody(), earlyExitPenaltyBps: 5001 } });
    expect(penalty.status).toBe(400);
    const member = await makeUser(a, ['investor']);
    const denied = await call(createPoolRoute, { host: a.host, token: await tokenFor(a, member.email), body: poolBody() });
    expect(denied.status).toBe(403);
  });

  it('opens a pool on chain, and a member stakes, earns and claims: every figure equals the contract’s', async () => {
    const created = await call(createPoolRoute, { host: a.host, token: adminA, body: poolBody() });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.pool.id as string;
    expect(created.json.pool).toMatchObject({ status: 'pending', address: null, stakingToken: { decimals: 18 }, rewardToken: { decimals: 6 } });

    // Members do not see a pool before it exists on chain.
    const member = await makeUser(a, ['investor']);
    const memberToken = await tokenFor(a, member.email);
    expect((await call(poolRoute, { host: a.host, token: memberToken, params: { id } })).status).toBe(404);

    await settleTransactions(chain.chainId, [created.json.pool.creation.transactionId]);
    await syncChainOnce(indexed);
    const afterIndex = await call(poolRoute, { host: a.host, token: adminA, params: { id } });
    expect(afterIndex.status, JSON.stringify(afterIndex.json)).toBe(200);
    expect(afterIndex.json.pool.status).toBe('active');
    const pool = afterIndex.json.pool.address as Address;
    expect(await chain.publicClient.readContract({ address: pool, abi: stakingPoolAbi, functionName: 'lockPeriod' })).toBe(BigInt(7 * DAY));

    // The admin funds the budget from the operator key (which must hold the tokens first: a clear 409 naming it).
    const operator = tenantSigner(chain.chainId, a.id, 'operator').address;
    const short = await call(fundPoolRoute, { host: a.host, token: adminA, params: { id }, body: { amount: (30_000n * USD).toString() } });
    expect(short.status).toBe(409);
    expect(short.json.code).toBe('operator_balance_short');
    expect(short.json.detail).toContain(operator);
    await send(platformKey(), chain.deployments.paymentToken, testStablecoinAbi, 'mint', [operator, 30_000n * USD]);
    const funded = await call(fundPoolRoute, { host: a.host, token: adminA, params: { id }, body: { amount: (30_000n * USD).toString() } });
    expect(funded.status, JSON.stringify(funded.json)).toBe(201);
    await settleTransactions(chain.chainId, funded.json.funding.transactions.map((t: { id: string }) => t.id));
    expect(await chain.publicClient.readContract({ address: pool, abi: stakingPoolAbi, functionName: 'rewardsFunded' })).toBe(30_000n * USD);

    // The member's wallet: linked to the account, holding the staking token; it stakes on its own.
    const key = generatePrivateKey();
    const wallet = privateKeyToAccount(key).address;
    await chain.testClient.setBalance({ address: wallet, value: 10n ** 20n });
    await send(platformKey(), stakingToken, testStablecoinAbi, 'mint', [wallet, 1_000n * TOKEN]);
    await withTenant(a.id, null, (t) => recordWalletLink(t, member.id, wallet, chain.chainId));
    await send(key, stakingToken, erc20Abi, 'approve', [pool, 1_000n * TOKEN]);
    const staked = await send(key, pool, stakingPoolAbi, 'stake', [400n * TOKEN + 3n]);
    await chain.testClient.increaseTime({ seconds: 3 * DAY });
    await chain.testClient.mine({ blocks: 1 });
    await syncChainOnce(indexed);

    const view = await call(poolRoute, { host: a.host, token: memberToken, params: { id } });
    expect(view.status, JSON.stringify(view.json)).toBe(200);
    const read = (functionName: 'earned' | 'balanceOf' | 'lockedUntil', args: readonly unknown[]) => chain.publicClient.readContract({ address: pool, abi: stakingPoolAbi, functionName, args: args as never }) as Promise<bigint>;
    const [earned, balance, lockedUntil, totalStaked, rate, finish] = await Promise.all([
      read('earned', [wallet]),
      read('balanceOf', [wallet]),
      read('lockedUntil', [wallet]),
      chain.publicClient.readContract({ address: pool, abi: stakingPoolAbi, functionName: 'totalStaked' }),
      chain.publicClient.readContract({ address: pool, abi: stakingPoolAbi, functionName: 'rewardRateScaled' }),
      chain.publicClient.readContract({ address: pool, abi: stakingPoolAbi, functionName: 'periodFinish' }),
    ]);
    expect(earned).toBeGreaterThan(0n);
    expect(view.json.positions).toEqual([{ wallet: wallet.toLowerCase(), staked: balance.toString(), earned: earned.toString(), lockedUntil: new Date(Number(lockedUntil) * 1000).toISOString() }]);
    expect(view.json.pool.chain).toMatchObject({ totalStaked: totalStaked.toString(), rewardRateScaled: rate.toString(), periodFinish: new Date(Number(finish) * 1000).toISOString(), paused: false });
    // APR in token terms: a year of rewards at this rate over what is staked (reward 6 decimals, stake 18).
    const expectedApr = (rate * 365n * 86_400n * 10_000n * 10n ** 18n) / (10n ** 18n * totalStaked * 10n ** 6n);
    expect(view.json.pool.chain.aprBps).toBe(expectedApr.toString());
    expect(view.json.access).toEqual({ eligible: true, requiredLevel: 'none', currentLevel: expect.any(String) });
    expect(view.json.history).toEqual([expect.objectContaining({ kind: 'stake', wallet: wallet.toLowerCase(), amount: (400n * TOKEN + 3n).toString(), txHash: staked.transactionHash.toLowerCase() })]);

    const claimed = await send(key, pool, stakingPoolAbi, 'claim', []);
    const [paid] = parseEventLogs({ abi: stakingPoolAbi, logs: claimed.logs, eventName: 'RewardPaid' });
    expect(await chain.publicClient.readContract({ address: chain.deployments.paymentToken, abi: erc20Abi, functionName: 'balanceOf', args: [wallet] })).toBe(paid!.args.reward);
    await syncChainOnce(indexed);
    const after = await call(poolRoute, { host: a.host, token: memberToken, params: { id } });
    expect(after.json.history[0]).toMatchObject({ kind: 'paid', amount: paid!.args.reward.toString(), txHash: claimed.transactionHash.toLowerCase() });

    const list = await call(listPoolsRoute, { host: a.host, token: memberToken });
    expect(list.status).toBe(200);
    expect(list.json.pools.map((p: { id: string }) => p.id)).toContain(id);
  }, 180_000);
});

/** Opens a pool through the API and lets the chain create it and the indexer activate it. */
async function openActivePool(body: Record<string, unknown>): Promise<{ id: string; pool: Address }> {
  const created = await call(createPoolRoute, { host: a.host, token: adminA, body });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  await settleTransactions(chain.chainId, [created.json.pool.creation.transactionId]);
  await syncChainOnce(indexed);
  const view = await call(poolRoute, { host: a.host, token: adminA, params: { id: created.json.pool.id } });
  expect(view.json.pool.status).toBe('active');
  return { id: created.json.pool.id, pool: view.json.pool.address };
}

const setLevel = (userId: string, level: string) =>
  withTenant(a.id, null, (t) => t.tx.updateTable('profiles').set({ verification_level: level as never }).where('tenant_id', '=', a.id).where('user_id', '=', userId).execute());

/** A member at a verification level with a linked wallet holding staking tokens. */
async function stakerAt(level: string) {
  const user = await makeUser(a, ['investor']);
  await setLevel(user.id, level);
  const key = generatePrivateKey();
  const wallet = privateKeyToAccount(key).address;
  await chain.testClient.setBalance({ address: wallet, value: 10n ** 20n });
  await send(platformKey(), stakingToken, testStablecoinAbi, 'mint', [wallet, 1_000n * TOKEN]);
  return { user, key, wallet, token: await tokenFor(a, user.email) };
}

describe('stake intents: the platform checks a stake before the wallet signs it', () => {
  it('refuses a member below the pool’s verification level with a 403 naming both levels, and the pool page says so', async () => {
    const { id } = await openActivePool({ ...poolBody(), name: 'Verified only', minVerificationLevel: 'standard' });
    const basic = await stakerAt('basic');
    await withTenant(a.id, null, (t) => recordWalletLink(t, basic.user.id, basic.wallet, chain.chainId));
    const refused = await call(stakeIntentRoute, { host: a.host, token: basic.token, params: { id }, body: { wallet: basic.wallet, amount: TOKEN.toString() } });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ code: 'verification_level_required', requiredLevel: 'standard', currentLevel: 'basic' });
    expect(refused.json.detail).toContain('standard');
    const view = await call(poolRoute, { host: a.host, token: basic.token, params: { id } });
    expect(view.json.access).toEqual({ eligible: false, requiredLevel: 'standard', currentLevel: 'basic' });

    // Verified to the level, the same member is answered the transactions to sign.
    await setLevel(basic.user.id, 'standard');
    const ok = await call(stakeIntentRoute, { host: a.host, token: basic.token, params: { id }, body: { wallet: basic.wallet, amount: TOKEN.toString() } });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json.intent.transactions.map((t: { purpose: string }) => t.purpose)).toEqual(['approve', 'stake']);
  }, 120_000);

  it('checks the wallet is the member’s and the caps, then the answered transactions stake exactly the amount', async () => {
    const { id, pool } = await openActivePool({ ...poolBody(), name: 'Capped', maxStakePerUser: (100n * TOKEN).toString(), maxTotalStaked: (120n * TOKEN).toString() });
    const first = await stakerAt('none');
    const intent = (token: string, wallet: string, amount: bigint) => call(stakeIntentRoute, { host: a.host, token, params: { id }, body: { wallet, amount: amount.toString() } });

    const notLinked = await intent(first.token, first.wallet, 10n * TOKEN);
    expect(notLinked.status).toBe(400);
    expect(notLinked.json.errors).toEqual([expect.objectContaining({ field: 'wallet' })]);
    await withTenant(a.id, null, (t) => recordWalletLink(t, first.user.id, first.wallet, chain.chainId));

    const overUser = await intent(first.token, first.wallet, 100n * TOKEN + 1n);
    expect(overUser.status).toBe(400);
    expect(overUser.json.errors[0]).toMatchObject({ field: 'amount' });
    expect(overUser.json.errors[0].message).toContain((100n * TOKEN).toString());
    const zero = await intent(first.token, first.wallet, 0n);
    expect(zero.status).toBe(400);

    const ok = await intent(first.token, first.wallet, 70n * TOKEN + 7n);
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    for (const tx of ok.json.intent.transactions as { to: Address; data: Hex }[]) {
      const w = chain.walletOf(first.key);
      const hash = await w.sendTransaction({ to: tx.to, data: tx.data, chain: null, account: w.account! } as never);
      expect((await chain.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
    }
    expect(await chain.publicClient.readContract({ address: pool, abi: stakingPoolAbi, functionName: 'balanceOf', args: [first.wallet] })).toBe(70n * TOKEN + 7n);
    // The approval was exactly the amount and is used up: the next intent asks for one again.
    expect(await chain.publicClient.readContract({ address: stakingToken, abi: erc20Abi, functionName: 'allowance', args: [first.wallet, pool] })).toBe(0n);

    // 70 staked of a 120 total cap: another member's 60 is refused, naming the room left (50).
    const second = await stakerAt('none');
    await withTenant(a.id, null, (t) => recordWalletLink(t, second.user.id, second.wallet, chain.chainId));
    const overTotal = await intent(second.token, second.wallet, 60n * TOKEN);
    expect(overTotal.status).toBe(400);
    expect(overTotal.json.errors[0].message).toContain(`room left: ${50n * TOKEN - 7n}`);
    // Somebody else's linked wallet is not the caller's.
    const foreign = await intent(second.token, first.wallet, TOKEN);
    expect(foreign.status).toBe(400);
    expect(foreign.json.errors[0]).toMatchObject({ field: 'wallet' });
  }, 120_000);

  it('the tenant admin pauses and resumes a pool (audited, tenant admin key); paused, stake intents are refused', async () => {
    const { id, pool } = await openActivePool({ ...poolBody(), name: 'Pausable' });
    const staker = await stakerAt('none');
    await withTenant(a.id, null, (t) => recordWalletLink(t, staker.user.id, staker.wallet, chain.chainId));

    expect((await call(pausePoolRoute, { host: a.host, token: staker.token, params: { id }, body: { paused: true } })).status).toBe(403);
    expect((await call(pausePoolRoute, { host: a.host, token: adminA, params: { id }, body: { paused: 'yes' } })).status).toBe(400);
    const paused = await call(pausePoolRoute, { host: a.host, token: adminA, params: { id }, body: { paused: true } });
    expect(paused.status, JSON.stringify(paused.json)).toBe(201);
    await settleTransactions(chain.chainId, [paused.json.pause.transaction.id]);
    expect(await chain.publicClient.readContract({ address: pool, abi: stakingPoolAbi, functionName: 'paused' })).toBe(true);
    expect((await call(poolRoute, { host: a.host, token: staker.token, params: { id } })).json.pool.chain.paused).toBe(true);
    const refused = await call(stakeIntentRoute, { host: a.host, token: staker.token, params: { id }, body: { wallet: staker.wallet, amount: TOKEN.toString() } });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('staking_pool_paused');

    const resumed = await call(pausePoolRoute, { host: a.host, token: adminA, params: { id }, body: { paused: false } });
    await settleTransactions(chain.chainId, [resumed.json.pause.transaction.id]);
    expect(await chain.publicClient.readContract({ address: pool, abi: stakingPoolAbi, functionName: 'paused' })).toBe(false);
    expect((await call(stakeIntentRoute, { host: a.host, token: staker.token, params: { id }, body: { wallet: staker.wallet, amount: TOKEN.toString() } })).status).toBe(200);

    const audited = await withTenant(a.id, null, (t) => t.tx.selectFrom('audit_logs').select('action').where('tenant_id', '=', a.id).where('target_id', '=', id).orderBy('created_at').execute());
    expect(audited.map((r) => r.action)).toEqual(['staking.pool_created', 'staking.pool_paused', 'staking.pool_unpaused']);
  }, 120_000);
});
