// The Service's emergency pause stops every state change in every contract except refunds that
// exist because a deadline passed; fee policy and pause switches are role-gated and capped.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseEventLogs, type Address, type Hex } from 'viem';
import { abis, DAY, USD, expectOk, expectRevert, startHarness, type Harness } from './support/harness';

const { serviceAbi, tokenSaleAbi, escrowAbi, poolAbi, tenantFactoryAbi, escrowFactoryAbi } = abis;

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

describe('Service fee policy and roles', () => {
  it('caps the fee at 10% and emits an event for every change', async () => {
    expectRevert(await h.send('admin', h.system.service, serviceAbi, 'setFeeBps', [1_001]), 'FeeAboveCap');
    const r = expectOk(await h.send('admin', h.system.service, serviceAbi, 'setFeeBps', [1_000]));
    expect(parseEventLogs({ abi: serviceAbi, logs: r.receipt.logs, eventName: 'FeeChanged' })[0]!.args).toMatchObject({ previousBps: 200, newBps: 1_000 });
    expectRevert(await h.send('admin', h.system.service, serviceAbi, 'setTenantShareBps', [10_001]), 'ShareAboveWhole');
    const share = expectOk(await h.send('admin', h.system.service, serviceAbi, 'setTenantShareBps', [5_000]));
    expect(parseEventLogs({ abi: serviceAbi, logs: share.receipt.logs, eventName: 'TenantShareChanged' })).toHaveLength(1);
    const recipient = expectOk(await h.send('admin', h.system.service, serviceAbi, 'setFeeRecipient', [h.addr.carol]));
    expect(parseEventLogs({ abi: serviceAbi, logs: recipient.receipt.logs, eventName: 'FeeRecipientChanged' })).toHaveLength(1);
    const signer = expectOk(await h.send('admin', h.system.service, serviceAbi, 'setComplianceSigner', [h.addr.carol]));
    expect(parseEventLogs({ abi: serviceAbi, logs: signer.receipt.logs, eventName: 'ComplianceSignerChanged' })).toHaveLength(1);
    const sale = await h.createSale();
    expect(await h.read(sale, tokenSaleAbi, 'feeBps')).toBe(1_000);
    expect(await h.read(sale, tokenSaleAbi, 'tenantShareBps')).toBe(5_000);
  });

  it('lets only admins change fee policy and unpause, and operators pause', async () => {
    for (const who of ['operator', 'alice'] as const) {
      expectRevert(await h.send(who, h.system.service, serviceAbi, 'setFeeBps', [100]), 'AccessControlUnauthorizedAccount');
      expectRevert(await h.send(who, h.system.service, serviceAbi, 'setTenantShareBps', [100]), 'AccessControlUnauthorizedAccount');
      expectRevert(await h.send(who, h.system.service, serviceAbi, 'setFeeRecipient', [h.addr.alice]), 'AccessControlUnauthorizedAccount');
      expectRevert(await h.send(who, h.system.service, serviceAbi, 'setComplianceSigner', [h.addr.alice]), 'AccessControlUnauthorizedAccount');
      expectRevert(await h.send(who, h.system.service, serviceAbi, 'grantRole', [h.operatorRole, h.addr.alice]), 'AccessControlUnauthorizedAccount');
    }
    expectRevert(await h.send('alice', h.system.service, serviceAbi, 'pause'), 'AccessControlUnauthorizedAccount');
    expectOk(await h.send('operator', h.system.service, serviceAbi, 'pause'));
    expectRevert(await h.send('operator', h.system.service, serviceAbi, 'unpause'), 'AccessControlUnauthorizedAccount');
    expectOk(await h.send('admin', h.system.service, serviceAbi, 'unpause'));
  });

  it('a revoked operator loses its powers in every contract at once', async () => {
    const sale = await h.createSale();
    expectOk(await h.send('admin', h.system.service, serviceAbi, 'revokeRole', [h.operatorRole, h.addr.operator]));
    expectRevert(await h.send('operator', sale, tokenSaleAbi, 'setAllowlist', [[h.addr.alice], true]), 'NotOperator');
    expectRevert(await h.send('operator', sale, tokenSaleAbi, 'cancel'), 'NotOperator');
    expectOk(await h.send('admin', h.system.service, serviceAbi, 'revokeRole', [await h.read(h.system.service, serviceAbi, 'PAUSER_ROLE'), h.addr.operator]));
    expectRevert(await h.send('operator', h.system.service, serviceAbi, 'pause'), 'AccessControlUnauthorizedAccount');
  });

  it('only admins register tenant factories, once each', async () => {
    const factory = await h.deploy('TenantFactory', [h.system.service, h.system.escrowFactory, h.system.saleDeployer, h.system.poolImplementation, h.system.stakingPoolDeployer, h.system.lendingPoolDeployer, `0x${'ab'.repeat(32)}`, h.addr.tenantTreasury]);
    expectRevert(await h.send('operator', h.system.escrowFactory, escrowFactoryAbi, 'registerTenantFactory', [factory]), 'NotPlatformAdmin');
    expectOk(await h.send('admin', h.system.escrowFactory, escrowFactoryAbi, 'registerTenantFactory', [factory]));
    expectRevert(await h.send('admin', h.system.escrowFactory, escrowFactoryAbi, 'registerTenantFactory', [factory]), 'AlreadyRegistered');
  });
});

describe('emergency pause', () => {
  type World = { sale: Address; failedSale: Address; pool: Address; escrow: Address; expiredEscrow: Address };

  /** Builds one of everything, with state ready for every kind of call, then pauses. */
  async function pausedWorld(): Promise<World> {
    const start = await h.now();
    const sale = await h.createSale({ startTime: start, endTime: start + 40n * DAY });
    const failedSale = await h.createSale({ startTime: start, endTime: start + 5n * DAY, softCap: 5_000n * USD });
    await h.allow(sale, [h.addr.alice, h.addr.bob]);
    await h.allow(failedSale, [h.addr.alice]);
    await h.fund('alice', 500n * USD);
    await h.approve('alice', failedSale, 500n * USD);
    expectOk(await h.send('alice', failedSale, tokenSaleAbi, 'invest', [500n * USD]));
    const poolResult = expectOk(await h.send('operator', h.tenantFactory, tenantFactoryAbi, 'createPool', [sale, start + 20n * DAY]));
    const pool = parseEventLogs({ abi: tenantFactoryAbi, logs: poolResult.receipt.logs, eventName: 'PoolCreated' })[0]!.args.pool;
    await h.fund('bob', 300n * USD);
    await h.approve('bob', pool, 300n * USD);
    expectOk(await h.send('bob', pool, poolAbi, 'contribute', [200n * USD]));
    const expiredEscrow = (await h.openEscrow(sale, 'carol', 100n * USD)).escrow;
    await h.increaseTime(14n * DAY + 1n);
    const escrow = (await h.openEscrow(sale, 'alice', 100n * USD)).escrow;
    await h.fund('alice', 1_000n * USD);
    await h.approve('alice', sale, 1_000n * USD);
    await h.approve('alice', h.system.escrowFactory, 1_000n * USD);
    expectOk(await h.send('operator', h.system.service, serviceAbi, 'pause'));
    return { sale, failedSale, pool, escrow, expiredEscrow };
  }

  it('blocks every state change in sales, escrows, pools and factories', async () => {
    const w = await pausedWorld();
    const blocked: [string, Address, readonly unknown[], string, readonly unknown[]][] = [
      ['alice', w.sale, tokenSaleAbi, 'invest', [100n * USD]],
      ['alice', w.sale, tokenSaleAbi, 'investWithApproval', [100n * USD, 100n * USD, 0n, '0x']],
      ['alice', w.sale, tokenSaleAbi, 'depositFromEscrow', [h.addr.alice, 100n * USD]],
      ['alice', w.sale, tokenSaleAbi, 'settle', []],
      ['alice', w.sale, tokenSaleAbi, 'claim', []],
      ['operator', w.sale, tokenSaleAbi, 'cancel', []],
      ['operator', w.sale, tokenSaleAbi, 'setAllowlist', [[h.addr.carol], true]],
      ['operator', w.escrow, escrowAbi, 'release', []],
      ['operator', w.escrow, escrowAbi, 'extendDecisionDeadline', [0]],
      ['bob', w.pool, poolAbi, 'contribute', [50n * USD]],
      ['bob', w.pool, poolAbi, 'withdraw', [50n * USD]],
      ['bob', w.pool, poolAbi, 'invest', []],
      ['operator', h.tenantFactory, tenantFactoryAbi, 'createSale', [{ dealId: `0x${'11'.repeat(32)}`, paymentToken: h.paymentToken, saleToken: h.saleToken, issuerTreasury: h.addr.issuer, softCap: 1n, hardCap: 2n, minInvestment: 1n, maxInvestment: 2n, startTime: 1n, endTime: 2n ** 40n, tokensPerPaymentUnit: 1n }]],
      ['operator', h.tenantFactory, tenantFactoryAbi, 'createPool', [w.sale, 2n ** 40n]],
      ['alice', h.system.escrowFactory, escrowFactoryAbi, 'createEscrow', [w.sale, 100n * USD]],
      ['alice', w.sale, tokenSaleAbi, 'withdrawPayout', [h.addr.issuer]],
      ['operator', w.sale, tokenSaleAbi, 'recoverStranded', [h.saleToken]],
    ].map(([who, to, abi, fn, args]) => [who as string, to as Address, abi as readonly unknown[], fn as string, args as readonly unknown[]]);
    for (const [who, to, abi, fn, args] of blocked) {
      const result = await h.send(who as 'alice', to, abi as never, fn, args);
      expect(`${fn}: ${result.error ?? 'succeeded'}`).toBe(`${fn}: SystemPaused`);
    }
  });

  it('still lets rejection and manual refunds through: they can only pay the investor', async () => {
    const w = await pausedWorld();
    expectRevert(await h.send('operator', w.escrow, escrowAbi, 'reject'), 'NotAdmin');
    expectOk(await h.send('admin', w.escrow, escrowAbi, 'reject'));
    expect(await h.balanceOf(h.paymentToken, h.addr.alice)).toBe(1_100n * USD);
    const start = await h.now();
    expectOk(await h.send('admin', h.system.service, serviceAbi, 'unpause'));
    const other = await h.createSale({ startTime: start, endTime: start + 40n * DAY });
    const manual = (await h.openEscrow(other, 'dave', 100n * USD)).escrow;
    expectOk(await h.send('operator', h.system.service, serviceAbi, 'pause'));
    expectOk(await h.send('admin', manual, escrowAbi, 'refundManually', [`0x${'01'.padStart(64, '0')}`]));
    expect(await h.balanceOf(h.paymentToken, h.addr.dave)).toBe(100n * USD);
  });

  it('still lets refunds that follow a deadline through: escrow timeout and a failed sale', async () => {
    const w = await pausedWorld();
    expectOk(await h.send('dave', w.expiredEscrow, escrowAbi, 'refundAfterTimeout'));
    expect(await h.balanceOf(h.paymentToken, h.addr.carol)).toBe(100n * USD);
    expectOk(await h.send('alice', w.failedSale, tokenSaleAbi, 'refund'));
    expect(await h.balanceOf(h.paymentToken, h.addr.alice)).toBe(1_500n * USD);
  });

  it('unpausing restores normal operation', async () => {
    const w = await pausedWorld();
    expectOk(await h.send('admin', h.system.service, serviceAbi, 'unpause'));
    expectOk(await h.send('alice', w.sale, tokenSaleAbi, 'invest', [100n * USD]));
    expectOk(await h.send('operator', w.escrow, escrowAbi, 'release'));
    expect(await h.read(w.sale, tokenSaleAbi, 'contributions', [h.addr.alice])).toBe(200n * USD);
  });
});
