// Issue 13: one test per audit finding. Each reproduces what the finding describes and asserts the
// fixed behaviour (the pool, settlement-deadline and escrow cases failed on the pre-fix contracts).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWalletClient, http, keccak256, parseEventLogs, stringToHex, type Address, type Hex } from 'viem';
import { foundry } from 'viem/chains';
import { abis, DAY, TOKEN, USD, expectOk, expectRevert, startHarness, type Actor, type Harness } from './support/harness';
import { assertExplicitConfig, deploySystem, tenantAdminRole, tenantOperatorRole, DEMO_TENANT_ID } from '../../src/server/chain/deploy';

const { poolAbi, tokenSaleAbi, tenantFactoryAbi, escrowFactoryAbi, escrowAbi, serviceAbi } = abis;

let h: Harness;
let snap: Hex;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());
beforeEach(async () => {
  snap = await h.snapshot();
});
afterEach(async () => h.revert(snap));

async function poolFor(sale: Address, lockTime: bigint): Promise<Address> {
  const r = expectOk(await h.send('operator', h.tenantFactory, tenantFactoryAbi, 'createPool', [sale, lockTime]));
  return parseEventLogs({ abi: tenantFactoryAbi, logs: r.receipt.logs, eventName: 'PoolCreated' })[0]!.args.pool;
}

async function contribute(pool: Address, who: Actor, amount: bigint) {
  await h.fund(who, amount);
  await h.approve(who, pool, amount);
  return h.send(who, pool, poolAbi, 'contribute', [amount]);
}

async function invest(sale: Address, who: Actor, amount: bigint) {
  await h.fund(who, amount);
  await h.approve(who, sale, amount);
  return h.send(who, sale, tokenSaleAbi, 'invest', [amount]);
}

describe('pool pays twice (high)', () => {
  it('a member who finalizes and claims after a cancellation cannot also withdraw: paid 100, gets 100', async () => {
    const start = await h.now();
    const sale = await h.createSale({ endTime: start + 10n * DAY });
    await h.allow(sale, [h.addr.alice, h.addr.bob]);
    const pool = await poolFor(sale, start + 5n * DAY);
    expectOk(await contribute(pool, 'alice', 100n * USD));
    expectOk(await contribute(pool, 'bob', 100n * USD));
    expectOk(await h.send('operator', sale, tokenSaleAbi, 'cancel'));
    expectOk(await h.send('alice', pool, poolAbi, 'finalize'));
    expectOk(await h.send('alice', pool, poolAbi, 'claim'));
    expectRevert(await h.send('alice', pool, poolAbi, 'withdraw', [100n * USD]), 'AlreadyFinalized');
    expectRevert(await contribute(pool, 'alice', 100n * USD), 'AlreadyFinalized');
    expectOk(await h.send('bob', pool, poolAbi, 'claim'));
    expect(await h.balanceOf(h.paymentToken, h.addr.alice)).toBe(200n * USD); // 100 back + 100 minted, unspent
    expect(await h.balanceOf(h.paymentToken, h.addr.bob)).toBe(100n * USD);
    expect(await h.balanceOf(h.paymentToken, pool)).toBe(0n);
  });

  it('withdrawing before finalizing leaves the member nothing more to claim', async () => {
    const start = await h.now();
    const sale = await h.createSale({ endTime: start + 10n * DAY });
    await h.allow(sale, [h.addr.alice, h.addr.bob]);
    const pool = await poolFor(sale, start + 5n * DAY);
    expectOk(await contribute(pool, 'alice', 100n * USD));
    expectOk(await contribute(pool, 'bob', 100n * USD));
    expectOk(await h.send('operator', sale, tokenSaleAbi, 'cancel'));
    expectOk(await h.send('alice', pool, poolAbi, 'withdraw', [100n * USD]));
    expectOk(await h.send('alice', pool, poolAbi, 'finalize'));
    expectRevert(await h.send('alice', pool, poolAbi, 'claim'), 'NothingToClaim');
    expectOk(await h.send('bob', pool, poolAbi, 'claim'));
    expect(await h.balanceOf(h.paymentToken, h.addr.bob)).toBe(100n * USD);
  });
});

describe('money locked when the issuer never deposits (high)', () => {
  async function succeededSale() {
    const start = await h.now();
    const sale = await h.createSale({ softCap: 500n * USD, endTime: start + 10n * DAY });
    await h.allow(sale, [h.addr.alice, h.addr.bob]);
    const pool = await poolFor(sale, start + 5n * DAY);
    expectOk(await contribute(pool, 'bob', 400n * USD));
    expectOk(await invest(sale, 'alice', 600n * USD));
    await h.setNextTimestamp(start + 5n * DAY);
    expectOk(await h.send('carol', pool, poolAbi, 'invest'));
    await h.setNextTimestamp(start + 10n * DAY + 1n);
    await h.testClient.mine({ blocks: 1 });
    return { sale, pool, end: start + 10n * DAY };
  }

  it('happy path: tokens deposited within the window settle the sale and the pool claims them', async () => {
    const { sale, pool, end } = await succeededSale();
    expect(await h.read(sale, tokenSaleAbi, 'settlementDeadline')).toBe(end + 30n * DAY);
    expectRevert(await h.send('carol', sale, tokenSaleAbi, 'settle'), 'SaleTokensMissing');
    await h.setNextTimestamp(end + 30n * DAY);
    await h.fund(sale, 1_000n * TOKEN, h.saleToken);
    expectOk(await h.send('carol', sale, tokenSaleAbi, 'settle'));
    expectOk(await h.send('carol', pool, poolAbi, 'finalize'));
    expectOk(await h.send('bob', pool, poolAbi, 'claim'));
    expect(await h.balanceOf(h.saleToken, h.addr.bob)).toBe(400n * TOKEN);
    await h.increaseTime(400n * DAY);
    expect(await h.read(sale, tokenSaleAbi, 'status')).toBe(2); // settled stays succeeded
  });

  it('escape path: once the settlement window lapses, investors and the pool pull their money back', async () => {
    const { sale, pool, end } = await succeededSale();
    expectRevert(await h.send('alice', sale, tokenSaleAbi, 'refund'), 'NotFailed');
    await h.setNextTimestamp(end + 30n * DAY + 1n);
    await h.fund(sale, 1_000n * TOKEN, h.saleToken); // too late: the sale already counts as failed
    expectRevert(await h.send('carol', sale, tokenSaleAbi, 'settle'), 'NotSucceeded');
    expectOk(await h.send('alice', sale, tokenSaleAbi, 'refund'));
    expect(await h.balanceOf(h.paymentToken, h.addr.alice)).toBe(600n * USD);
    expectOk(await h.send('carol', pool, poolAbi, 'finalize'));
    expectOk(await h.send('bob', pool, poolAbi, 'claim'));
    expect(await h.balanceOf(h.paymentToken, h.addr.bob)).toBe(400n * USD);
    // The issuer's late tokens are owed to nobody now and go back to the issuer.
    expectOk(await h.send('operator', sale, tokenSaleAbi, 'recoverStranded', [h.saleToken]));
    expect(await h.balanceOf(h.saleToken, h.addr.issuer)).toBe(1_000n * TOKEN);
  });

  it('the tenant may cancel a success that was never settled, and investors refund at once', async () => {
    const { sale } = await succeededSale();
    expectOk(await h.send('operator', sale, tokenSaleAbi, 'cancel'));
    expectOk(await h.send('alice', sale, tokenSaleAbi, 'refund'));
    expect(await h.balanceOf(h.paymentToken, h.addr.alice)).toBe(600n * USD);
  });
});

describe('a treasury that cannot receive (medium)', () => {
  it('an ETH issuer treasury without receive() only blocks its own payout, never settlement or other payees', async () => {
    const noReceive = await h.deploy('TestStablecoin', ['x', 'x', 6]); // a contract with no receive()
    const start = await h.now();
    const params = {
      dealId: `0x${'e1'.repeat(32)}` as Hex,
      paymentToken: '0x0000000000000000000000000000000000000000' as Address,
      saleToken: h.saleToken,
      issuerTreasury: noReceive,
      softCap: 1n * TOKEN,
      hardCap: 10n * TOKEN,
      minInvestment: 1n,
      maxInvestment: 10n * TOKEN,
      startTime: start,
      endTime: start + 10n * DAY,
      tokensPerPaymentUnit: 10n ** 18n,
    };
    const r = expectOk(await h.send('operator', h.tenantFactory, tenantFactoryAbi, 'createSale', [params]));
    const sale = parseEventLogs({ abi: tenantFactoryAbi, logs: r.receipt.logs, eventName: 'SaleCreated' })[0]!.args.sale;
    await h.allow(sale, [h.addr.alice]);
    expectOk(await h.send('alice', sale, tokenSaleAbi, 'invest', [2n * TOKEN], 2n * TOKEN));
    await h.setNextTimestamp(start + 10n * DAY + 1n);
    await h.fund(sale, 2n * TOKEN, h.saleToken);
    expectOk(await h.send('dave', sale, tokenSaleAbi, 'settle'));
    const feeBefore = await h.publicClient.getBalance({ address: h.addr.feeRecipient });
    expectOk(await h.send('dave', sale, tokenSaleAbi, 'withdrawPayout', [h.addr.feeRecipient]));
    // 2% of 2 ETH, 75% of it to the platform.
    expect((await h.publicClient.getBalance({ address: h.addr.feeRecipient })) - feeBefore).toBe((2n * TOKEN * 200n) / 10_000n - (2n * TOKEN * 200n * 2_500n) / 10_000n / 10_000n);
    expectOk(await h.send('dave', sale, tokenSaleAbi, 'withdrawPayout', [h.addr.tenantTreasury]));
    expectRevert(await h.send('dave', sale, tokenSaleAbi, 'withdrawPayout', [noReceive]), 'EthTransferFailed');
    expectOk(await h.send('alice', sale, tokenSaleAbi, 'claim'));
    expect(await h.balanceOf(h.saleToken, h.addr.alice)).toBe(2n * TOKEN);
  });
});

describe('approvals and factories (medium)', () => {
  it('a malicious registered factory cannot spend an investor approval; money only reaches the investor or the named sale', async () => {
    const sale = await h.createSale();
    const evil = await h.deploy('MaliciousTenantFactory', [h.paymentToken]);
    expectOk(await h.send('admin', h.system.escrowFactory, escrowFactoryAbi, 'registerTenantFactory', [evil]));
    await h.fund('alice', 500n * USD);
    await h.approve('alice', h.system.escrowFactory, 500n * USD);
    // The factory only ever pulls from its caller: the evil contract holds nothing, so nothing moves.
    const r = await h.send('mallory', evil, abis.maliciousTenantFactoryAbi, 'drain', [h.system.escrowFactory, 500n * USD]);
    expect(r.receipt.status).toBe('reverted');
    expect(await h.balanceOf(h.paymentToken, h.addr.alice)).toBe(500n * USD);
    expect(await h.read(h.paymentToken, abis.testStablecoinAbi, 'allowance', [h.addr.alice, h.system.escrowFactory])).toBe(500n * USD);
    // Alice's own escrow in the demo tenant: the evil factory and another tenant's operator cannot decide it.
    const e = await h.send('alice', h.system.escrowFactory, escrowFactoryAbi, 'createEscrow', [sale, 500n * USD]);
    const escrow = parseEventLogs({ abi: escrowFactoryAbi, logs: expectOk(e).receipt.logs, eventName: 'EscrowCreated' })[0]!.args.escrow;
    expectRevert(await h.send('otherOperator', escrow, escrowAbi, 'release'), 'NotOperator');
    expectRevert(await h.send('otherOperator', escrow, escrowAbi, 'reject'), 'NotAdmin');
    expectRevert(await h.send('mallory', escrow, escrowAbi, 'refundManually', [`0x${'00'.repeat(32)}`]), 'NotAdmin');
    expectOk(await h.send('operator', escrow, escrowAbi, 'release'));
    expect(await h.read(sale, tokenSaleAbi, 'contributions', [h.addr.alice])).toBe(500n * USD);
  });

  it('refuses a sale its claimed factory did not deploy, and a retired factory opens no escrows but open ones still exit', async () => {
    const sale = await h.createSale();
    const { escrow } = await h.openEscrow(sale, 'alice', 200n * USD);
    // A TokenSale deployed outside the factory, naming the demo factory, is refused by the deployer itself.
    const forged = await h.send('mallory', h.system.saleDeployer, abis.saleDeployerAbi, 'deploySale', [
      { service: h.system.service, escrowFactory: h.system.escrowFactory, factory: h.tenantFactory, tenantId: DEMO_TENANT_ID, dealId: `0x${'01'.repeat(32)}`, paymentToken: h.paymentToken, saleToken: h.saleToken, issuerTreasury: h.addr.mallory, tenantTreasury: h.addr.mallory, softCap: 1n, hardCap: 2n, minInvestment: 1n, maxInvestment: 2n, startTime: 1n, endTime: 2n ** 40n, tokensPerPaymentUnit: 1n, feeBps: 0, tenantShareBps: 0 },
    ]);
    expectRevert(forged, 'FactoryMismatch');
    expectRevert(await h.send('operator', h.system.escrowFactory, escrowFactoryAbi, 'retireTenantFactory', [h.tenantFactory]), 'NotPlatformAdmin');
    expectOk(await h.send('admin', h.system.escrowFactory, escrowFactoryAbi, 'retireTenantFactory', [h.tenantFactory]));
    await h.fund('bob', 100n * USD);
    await h.approve('bob', h.system.escrowFactory, 100n * USD);
    expectRevert(await h.send('bob', h.system.escrowFactory, escrowFactoryAbi, 'createEscrow', [sale, 100n * USD]), 'UnknownTenantFactory');
    expectRevert(await h.send('admin', h.system.escrowFactory, escrowFactoryAbi, 'registerTenantFactory', [h.tenantFactory]), 'AlreadyRegistered');
    expectOk(await h.send('admin', escrow, escrowAbi, 'reject'));
    expect(await h.balanceOf(h.paymentToken, h.addr.alice)).toBe(200n * USD);
  });

  it("one tenant's operator cannot act on another tenant's sales or pools", async () => {
    const sale = await h.createSale();
    const theirs = await h.createSale({}, h.otherTenantFactory, 'otherOperator');
    expectRevert(await h.send('otherOperator', sale, tokenSaleAbi, 'setAllowlist', [[h.addr.mallory], true]), 'NotOperator');
    expectRevert(await h.send('otherOperator', sale, tokenSaleAbi, 'cancel'), 'NotOperator');
    expectRevert(await h.send('otherOperator', h.tenantFactory, tenantFactoryAbi, 'createPool', [sale, (await h.now()) + DAY]), 'NotOperator');
    expectRevert(await h.send('operator', theirs, tokenSaleAbi, 'cancel'), 'NotOperator');
    expectRevert(await h.send('operator', h.otherTenantFactory, tenantFactoryAbi, 'createSale', [{ dealId: `0x${'11'.repeat(32)}`, paymentToken: h.paymentToken, saleToken: h.saleToken, issuerTreasury: h.addr.issuer, softCap: 1n, hardCap: 2n, minInvestment: 1n, maxInvestment: 2n, startTime: 1n, endTime: 2n ** 40n, tokensPerPaymentUnit: 1n }]), 'NotOperator');
    expectOk(await h.send('otherOperator', theirs, tokenSaleAbi, 'cancel'));
  });
});

describe('lower findings', () => {
  it('the fee is fixed per sale at creation: a later raise does not reach invested money', async () => {
    const start = await h.now();
    const sale = await h.createSale({ softCap: 100n * USD, endTime: start + 10n * DAY });
    await h.allow(sale, [h.addr.alice]);
    expectOk(await invest(sale, 'alice', 1_000n * USD));
    expectOk(await h.send('admin', h.system.service, serviceAbi, 'setFeeBps', [1_000]));
    await h.setNextTimestamp(start + 10n * DAY + 1n);
    await h.fund(sale, 1_000n * TOKEN, h.saleToken);
    expectOk(await h.send('dave', sale, tokenSaleAbi, 'settle'));
    expect(await h.read(sale, tokenSaleAbi, 'payoutOf', [h.addr.issuer])).toBe(980n * USD); // 2%, not 10%
    expect(await h.read(await h.createSale(), tokenSaleAbi, 'feeBps')).toBe(1_000);
  });

  it('the per-investor maximum counts direct and pooled money together, in either order', async () => {
    const start = await h.now();
    const sale = await h.createSale({ maxInvestment: 1_000n * USD, endTime: start + 10n * DAY });
    await h.allow(sale, [h.addr.alice, h.addr.bob]);
    const pool = await poolFor(sale, start + 5n * DAY);
    expectOk(await contribute(pool, 'alice', 700n * USD));
    expectRevert(await invest(sale, 'alice', 400n * USD), 'AboveMaximum');
    expectOk(await invest(sale, 'alice', 300n * USD));
    expectOk(await invest(sale, 'bob', 800n * USD));
    expectRevert(await contribute(pool, 'bob', 300n * USD), 'AboveMaximum');
    expectOk(await h.send('alice', pool, poolAbi, 'withdraw', [200n * USD]));
    expectOk(await invest(sale, 'alice', 200n * USD));
    // An escrow release is held to the same combined limit.
    await h.fund('alice', 100n * USD);
    await h.approve('alice', h.system.escrowFactory, 100n * USD);
    expectRevert(await h.send('alice', h.system.escrowFactory, escrowFactoryAbi, 'createEscrow', [sale, 100n * USD]), 'AboveMaximum');
  });

  it('refuses escrows for cancelled or closed sales and for amounts the sale would refuse', async () => {
    const start = await h.now();
    const sale = await h.createSale({ minInvestment: 100n * USD, maxInvestment: 1_000n * USD, endTime: start + 10n * DAY });
    await h.fund('alice', 5_000n * USD);
    await h.approve('alice', h.system.escrowFactory, 5_000n * USD);
    const open = (s: Address, amount: bigint) => h.send('alice', h.system.escrowFactory, escrowFactoryAbi, 'createEscrow', [s, amount]);
    expectRevert(await open(sale, 50n * USD), 'BelowMinimum');
    expectRevert(await open(sale, 1_001n * USD), 'AboveMaximum');
    const pending = await h.createSale({ startTime: start + DAY });
    expectRevert(await open(pending, 100n * USD), 'NotOpen');
    const cancelled = await h.createSale();
    expectOk(await h.send('operator', cancelled, tokenSaleAbi, 'cancel'));
    expectRevert(await open(cancelled, 100n * USD), 'NotOpen');
    await h.setNextTimestamp(start + 10n * DAY + 1n);
    expectRevert(await open(sale, 100n * USD), 'NotOpen');
  });

  it('refuses a sale token equal to the payment token and a pool lock outside the sale', async () => {
    const r = await h.send('operator', h.tenantFactory, tenantFactoryAbi, 'createSale', [{ dealId: `0x${'12'.repeat(32)}`, paymentToken: h.paymentToken, saleToken: h.paymentToken, issuerTreasury: h.addr.issuer, softCap: 1n, hardCap: 2n, minInvestment: 1n, maxInvestment: 2n, startTime: 1n, endTime: 2n ** 40n, tokensPerPaymentUnit: 1n }]);
    expect(r.receipt.status).toBe('reverted');
    const start = await h.now();
    const sale = await h.createSale({ endTime: start + 10n * DAY });
    expectRevert(await h.send('operator', h.tenantFactory, tenantFactoryAbi, 'createPool', [sale, start + 10n * DAY + 1n]), 'InvalidLockTime');
    expectRevert(await h.send('operator', h.tenantFactory, tenantFactoryAbi, 'createPool', [sale, start]), 'InvalidLockTime');
    expectOk(await h.send('operator', h.tenantFactory, tenantFactoryAbi, 'createPool', [sale, start + 10n * DAY]));
  });

  it('recovers stranded tokens without ever touching what is owed', async () => {
    const start = await h.now();
    const sale = await h.createSale({ softCap: 100n * USD, endTime: start + 10n * DAY });
    await h.allow(sale, [h.addr.alice]);
    expectOk(await invest(sale, 'alice', 300n * USD));
    await h.fund(sale, 50n * USD); // payment sent by mistake
    expectRevert(await h.send('alice', sale, tokenSaleAbi, 'recoverStranded', [h.paymentToken]), 'NotOperator');
    expectOk(await h.send('operator', sale, tokenSaleAbi, 'recoverStranded', [h.paymentToken]));
    expect(await h.balanceOf(h.paymentToken, h.addr.tenantTreasury)).toBe(50n * USD);
    expectRevert(await h.send('operator', sale, tokenSaleAbi, 'recoverStranded', [h.paymentToken]), 'NothingToRecover');
    await h.setNextTimestamp(start + 10n * DAY + 1n);
    await h.fund(sale, 500n * TOKEN, h.saleToken); // over-deposit: 300 owed
    expectOk(await h.send('dave', sale, tokenSaleAbi, 'settle'));
    expectOk(await h.send('operator', sale, tokenSaleAbi, 'recoverStranded', [h.saleToken]));
    expect(await h.balanceOf(h.saleToken, h.addr.issuer)).toBe(200n * TOKEN);
    expectRevert(await h.send('operator', sale, tokenSaleAbi, 'recoverStranded', [h.paymentToken]), 'NothingToRecover');
    expectOk(await h.send('alice', sale, tokenSaleAbi, 'claim'));
    expect(await h.balanceOf(h.saleToken, h.addr.alice)).toBe(300n * TOKEN);
    // An escrow hands anything beyond its own amount to its investor, and only that.
    const other = await h.createSale();
    const { escrow } = await h.openEscrow(other, 'bob', 100n * USD);
    await h.fund(escrow, 7n * USD);
    expectOk(await h.send('mallory', escrow, escrowAbi, 'recoverStranded', [h.paymentToken]));
    expect(await h.balanceOf(h.paymentToken, h.addr.bob)).toBe(7n * USD);
    expect(await h.balanceOf(h.paymentToken, escrow)).toBe(100n * USD);
  });

  it('the pool hands rounding dust to the tenant only after finalizing, never members’ shares', async () => {
    const start = await h.now();
    const sale = await h.createSale({ softCap: 100n * USD, endTime: start + 10n * DAY, tokensPerPaymentUnit: 10n ** 30n / 3n });
    await h.allow(sale, [h.addr.alice, h.addr.bob, h.addr.carol]);
    const pool = await poolFor(sale, start + 5n * DAY);
    for (const who of ['alice', 'bob', 'carol'] as const) expectOk(await contribute(pool, who, 101n * USD));
    expectRevert(await h.send('operator', pool, poolAbi, 'recoverStranded', [h.paymentToken]), 'NotFinalized');
    await h.setNextTimestamp(start + 5n * DAY);
    expectOk(await h.send('dave', pool, poolAbi, 'invest'));
    await h.setNextTimestamp(start + 10n * DAY + 1n);
    await h.fund(sale, 1_000n * TOKEN, h.saleToken);
    expectOk(await h.send('dave', sale, tokenSaleAbi, 'settle'));
    expectOk(await h.send('dave', pool, poolAbi, 'finalize'));
    expectRevert(await h.send('operator', pool, poolAbi, 'recoverStranded', [h.saleToken]), 'NothingToRecover');
    for (const who of ['alice', 'bob', 'carol'] as const) expectOk(await h.send(who, pool, poolAbi, 'claim'));
    const each = await h.balanceOf(h.saleToken, h.addr.alice);
    expect(each).toBeGreaterThan(0n);
    const dust = await h.balanceOf(h.saleToken, pool);
    expect(dust).toBeGreaterThan(0n);
    expectOk(await h.send('operator', pool, poolAbi, 'recoverStranded', [h.saleToken]));
    expect(await h.balanceOf(h.saleToken, pool)).toBe(0n);
    expect(await h.balanceOf(h.saleToken, h.addr.tenantTreasury)).toBe(dust);
  });

  it('the platform admin role moves only in two steps after a delay, and cannot be granted directly', async () => {
    const service = await h.deploy('Service', [2 * 86_400, h.addr.admin, h.addr.feeRecipient, 100, 0, h.addr.signer]);
    const ADMIN: Hex = `0x${'00'.repeat(32)}`;
    expectRevert(await h.send('admin', service, serviceAbi, 'grantRole', [ADMIN, h.addr.mallory]), 'AccessControlEnforcedDefaultAdminRules');
    expectOk(await h.send('admin', service, serviceAbi, 'beginDefaultAdminTransfer', [h.addr.bob]));
    expectRevert(await h.send('bob', service, serviceAbi, 'acceptDefaultAdminTransfer'), 'AccessControlEnforcedDefaultAdminDelay');
    await h.increaseTime(2n * DAY + 1n);
    expectRevert(await h.send('mallory', service, serviceAbi, 'acceptDefaultAdminTransfer'), 'AccessControlInvalidDefaultAdmin');
    expectOk(await h.send('bob', service, serviceAbi, 'acceptDefaultAdminTransfer'));
    expect(await h.read(service, serviceAbi, 'isPlatformAdmin', [h.addr.bob])).toBe(true);
    expect(await h.read(service, serviceAbi, 'isPlatformAdmin', [h.addr.admin])).toBe(false);
    expect(await h.read(service, serviceAbi, 'hasRole', [keccak256(stringToHex('PAUSER_ROLE')), h.addr.admin])).toBe(false);
  });

  it('TenantFactory leaves room under the 24,576-byte limit', () => {
    const runtime = (h.artifact('TenantFactory').deployedBytecode.length - 2) / 2;
    expect(runtime).toBeLessThan(8_000);
  });

  it('the deploy script refuses implicit roles, treasuries or payment token on any chain but 31337', () => {
    const base = { publicClient: undefined as never, walletClient: undefined as never };
    expect(() => assertExplicitConfig(31337, base)).not.toThrow();
    // Tenants are no longer part of the system deployment (each gets its factory when it is provisioned,
    // src/server/chain/tenant-contracts); any tenant named here must still name its roles and treasury.
    expect(() => assertExplicitConfig(1, base)).toThrow(/paymentToken, admin, pausers, feeRecipient, complianceSigner \(only/);
    const full = {
      ...base,
      paymentToken: h.paymentToken,
      admin: h.addr.admin,
      pausers: [h.addr.operator],
      feeRecipient: h.addr.feeRecipient,
      complianceSigner: h.addr.signer,
      tenants: [{ name: 't', tenantId: DEMO_TENANT_ID, treasury: h.addr.tenantTreasury, operators: [h.addr.operator], admins: [h.addr.admin] }],
    };
    expect(() => assertExplicitConfig(8453, full)).not.toThrow();
    expect(() => assertExplicitConfig(8453, { ...full, tenants: [{ name: 't', tenantId: DEMO_TENANT_ID }] })).toThrow(/tenants.t.treasury, tenants.t.operators, tenants.t.admins/);
  });

  it('the deploy script grants exactly the named roles and hands the platform admin over in two steps', async () => {
    const walletClient = createWalletClient({ chain: foundry, transport: http(h.anvil.rpcUrl), account: h.accounts.dave });
    const d = await deploySystem({
      publicClient: h.publicClient,
      walletClient,
      paymentToken: h.paymentToken,
      admin: h.addr.admin,
      pausers: [h.addr.operator],
      feeRecipient: h.addr.feeRecipient,
      complianceSigner: h.addr.signer,
      tenants: [{ name: 't', tenantId: DEMO_TENANT_ID, treasury: h.addr.tenantTreasury, operators: [h.addr.operator], admins: [h.addr.carol] }],
    });
    expect(d.paymentToken).toBe(h.paymentToken);
    const [pending] = await h.read<[Address, number]>(d.service, serviceAbi, 'pendingDefaultAdmin');
    expect(pending).toBe(h.addr.admin);
    expect(await h.read(d.service, serviceAbi, 'hasRole', [tenantOperatorRole(DEMO_TENANT_ID), h.addr.operator])).toBe(true);
    expect(await h.read(d.service, serviceAbi, 'hasRole', [tenantAdminRole(DEMO_TENANT_ID), h.addr.carol])).toBe(true);
    expect(await h.read(d.service, serviceAbi, 'hasRole', [tenantOperatorRole(DEMO_TENANT_ID), h.addr.dave])).toBe(false);
    expect(await h.read(d.service, serviceAbi, 'hasRole', [keccak256(stringToHex('PAUSER_ROLE')), h.addr.dave])).toBe(false);
    expect(await h.read(d.service, serviceAbi, 'feeRecipient')).toBe(h.addr.feeRecipient);
    // The schedule must have strictly passed (the local delay is 0), then the new admin accepts.
    await h.increaseTime(1n);
    expectOk(await h.send('admin', d.service, serviceAbi, 'acceptDefaultAdminTransfer'));
    expect(await h.read(d.service, serviceAbi, 'isPlatformAdmin', [h.addr.dave])).toBe(false);
  });
});
