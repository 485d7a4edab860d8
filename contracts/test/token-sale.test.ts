// TokenSale: eligibility (allowlist and EIP-712 approvals, including replay attempts), caps and
// limits, settlement through the Service fee split, claims, refunds and hostile tokens/investors.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeFunctionData, type Address, type Hex } from 'viem';
import { abis, DAY, TOKEN, USD, expectOk, expectRevert, startHarness, type Harness } from './support/harness';

const { tokenSaleAbi, testStablecoinAbi, reentrantTokenAbi, reentrantInvestorAbi } = abis;

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

async function invest(sale: Address, who: 'alice' | 'bob' | 'carol' | 'dave', amount: bigint) {
  await h.fund(who, amount);
  await h.approve(who, sale, amount);
  return h.send(who, sale, tokenSaleAbi, 'invest', [amount]);
}

async function endSale(sale: Address) {
  const end = await h.read<bigint>(sale, tokenSaleAbi, 'endTime');
  await h.setNextTimestamp(end + 1n);
  await h.testClient.mine({ blocks: 1 });
}

async function approval(opts: { investor: Address; amount: bigint; deadline: bigint; sale: Address; chainId?: number }) {
  return h.accounts.signer.signTypedData({
    domain: { name: 'TokenSale', version: '1', chainId: opts.chainId ?? 31337, verifyingContract: opts.sale },
    types: { Eligibility: [{ name: 'investor', type: 'address' }, { name: 'amount', type: 'uint256' }, { name: 'deadline', type: 'uint256' }] },
    primaryType: 'Eligibility',
    message: { investor: opts.investor, amount: opts.amount, deadline: opts.deadline },
  });
}

describe('investing', () => {
  it('accepts allowlisted investors within per-investor limits and tracks their allocation', async () => {
    const sale = await h.createSale();
    await h.allow(sale, [h.addr.alice]);
    expectOk(await invest(sale, 'alice', 250n * USD));
    expect(await h.read(sale, tokenSaleAbi, 'contributions', [h.addr.alice])).toBe(250n * USD);
    expect(await h.read(sale, tokenSaleAbi, 'allocationOf', [h.addr.alice])).toBe(250n * TOKEN);
    expect(await h.read(sale, tokenSaleAbi, 'totalRaised')).toBe(250n * USD);
  });

  it('refuses investors who are neither allowlisted nor approved', async () => {
    const sale = await h.createSale();
    expectRevert(await invest(sale, 'bob', 250n * USD), 'NotEligible');
  });

  it('enforces the per-investor minimum and maximum, cumulatively', async () => {
    const sale = await h.createSale({ minInvestment: 100n * USD, maxInvestment: 1_000n * USD });
    await h.allow(sale, [h.addr.alice]);
    expectRevert(await invest(sale, 'alice', 99n * USD), 'BelowMinimum');
    expectOk(await invest(sale, 'alice', 600n * USD));
    expectRevert(await invest(sale, 'alice', 401n * USD), 'AboveMaximum');
    expectOk(await invest(sale, 'alice', 400n * USD));
  });

  it('never lets the total exceed the hard cap, and reaching it ends the sale as a success', async () => {
    const sale = await h.createSale({ softCap: 500n * USD, hardCap: 1_000n * USD, maxInvestment: 1_000n * USD });
    await h.allow(sale, [h.addr.alice, h.addr.bob]);
    expectOk(await invest(sale, 'alice', 700n * USD));
    expectRevert(await invest(sale, 'bob', 301n * USD), 'HardCapExceeded');
    expectOk(await invest(sale, 'bob', 300n * USD));
    expect(await h.read(sale, tokenSaleAbi, 'status')).toBe(2);
    expectRevert(await invest(sale, 'bob', 100n * USD), 'NotOpen');
  });

  it('is closed before the start and after the end time', async () => {
    const start = (await h.now()) + DAY;
    const sale = await h.createSale({ startTime: start, endTime: start + 7n * DAY });
    await h.allow(sale, [h.addr.alice]);
    expectRevert(await invest(sale, 'alice', 100n * USD), 'NotOpen');
    await h.setNextTimestamp(start);
    expectOk(await invest(sale, 'alice', 100n * USD));
    await endSale(sale);
    expectRevert(await invest(sale, 'alice', 100n * USD), 'NotOpen');
  });

  it('credits only what arrives from a fee-on-transfer token, so refunds never exceed holdings', async () => {
    const fot = await h.deploy('FeeOnTransferToken', []);
    const sale = await h.createSale({ paymentToken: fot });
    await h.allow(sale, [h.addr.alice]);
    await h.fund('alice', 1_000n * USD, fot);
    await h.approve('alice', sale, 1_000n * USD, fot);
    expectOk(await h.send('alice', sale, tokenSaleAbi, 'invest', [1_000n * USD]));
    expect(await h.read(sale, tokenSaleAbi, 'contributions', [h.addr.alice])).toBe(990n * USD);
    expect(await h.balanceOf(fot, sale)).toBe(990n * USD);
    expectOk(await h.send('operator', sale, tokenSaleAbi, 'cancel'));
    expectOk(await h.send('alice', sale, tokenSaleAbi, 'refund'));
    expect(await h.balanceOf(fot, sale)).toBe(0n);
    expect(await h.balanceOf(fot, h.addr.alice)).toBe(980_100_000n);
  });
});

describe('signature-gated eligibility (EIP-712)', () => {
  it('accepts an approval from the compliance signer up to the approved cumulative amount', async () => {
    const sale = await h.createSale();
    const deadline = (await h.now()) + DAY;
    const sig = await approval({ investor: h.addr.bob, amount: 500n * USD, deadline, sale });
    await h.fund('bob', 600n * USD);
    await h.approve('bob', sale, 600n * USD);
    expectOk(await h.send('bob', sale, tokenSaleAbi, 'investWithApproval', [300n * USD, 500n * USD, deadline, sig]));
    // Replaying the same approval works only until the approved total is reached.
    expectOk(await h.send('bob', sale, tokenSaleAbi, 'investWithApproval', [200n * USD, 500n * USD, deadline, sig]));
    expectRevert(await h.send('bob', sale, tokenSaleAbi, 'investWithApproval', [100n * USD, 500n * USD, deadline, sig]), 'AboveApprovedAmount');
  });

  it('rejects the approval replayed by another investor', async () => {
    const sale = await h.createSale();
    const deadline = (await h.now()) + DAY;
    const sig = await approval({ investor: h.addr.bob, amount: 500n * USD, deadline, sale });
    await h.fund('carol', 500n * USD);
    await h.approve('carol', sale, 500n * USD);
    expectRevert(await h.send('carol', sale, tokenSaleAbi, 'investWithApproval', [500n * USD, 500n * USD, deadline, sig]), 'BadSignature');
  });

  it('rejects the approval presented with a larger amount or a later deadline', async () => {
    const sale = await h.createSale();
    const deadline = (await h.now()) + DAY;
    const sig = await approval({ investor: h.addr.bob, amount: 500n * USD, deadline, sale });
    await h.fund('bob', 900n * USD);
    await h.approve('bob', sale, 900n * USD);
    expectRevert(await h.send('bob', sale, tokenSaleAbi, 'investWithApproval', [900n * USD, 900n * USD, deadline, sig]), 'BadSignature');
    expectRevert(await h.send('bob', sale, tokenSaleAbi, 'investWithApproval', [500n * USD, 500n * USD, deadline + 1n, sig]), 'BadSignature');
  });

  it('rejects an approval signed for another chain or another sale contract', async () => {
    const sale = await h.createSale();
    const otherSale = await h.createSale();
    const deadline = (await h.now()) + DAY;
    await h.fund('bob', 500n * USD);
    await h.approve('bob', sale, 500n * USD);
    const otherChain = await approval({ investor: h.addr.bob, amount: 500n * USD, deadline, sale, chainId: 1 });
    expectRevert(await h.send('bob', sale, tokenSaleAbi, 'investWithApproval', [500n * USD, 500n * USD, deadline, otherChain]), 'BadSignature');
    const otherContract = await approval({ investor: h.addr.bob, amount: 500n * USD, deadline, sale: otherSale });
    expectRevert(await h.send('bob', sale, tokenSaleAbi, 'investWithApproval', [500n * USD, 500n * USD, deadline, otherContract]), 'BadSignature');
  });

  it('rejects an expired approval and one not signed by the compliance signer', async () => {
    const sale = await h.createSale();
    const deadline = (await h.now()) + DAY;
    await h.fund('bob', 500n * USD);
    await h.approve('bob', sale, 500n * USD);
    const sig = await approval({ investor: h.addr.bob, amount: 500n * USD, deadline, sale });
    await h.setNextTimestamp(deadline + 1n);
    expectRevert(await h.send('bob', sale, tokenSaleAbi, 'investWithApproval', [500n * USD, 500n * USD, deadline, sig]), 'SignatureExpired');
    const later = deadline + DAY;
    const forged = await h.accounts.bob.signTypedData({
      domain: { name: 'TokenSale', version: '1', chainId: 31337, verifyingContract: sale },
      types: { Eligibility: [{ name: 'investor', type: 'address' }, { name: 'amount', type: 'uint256' }, { name: 'deadline', type: 'uint256' }] },
      primaryType: 'Eligibility',
      message: { investor: h.addr.bob, amount: 500n * USD, deadline: later },
    });
    expectRevert(await h.send('bob', sale, tokenSaleAbi, 'investWithApproval', [500n * USD, 500n * USD, later, forged]), 'BadSignature');
  });
});

describe('settlement and claims', () => {
  async function successfulSale() {
    const sale = await h.createSale({ softCap: 500n * USD });
    await h.allow(sale, [h.addr.alice, h.addr.bob]);
    expectOk(await invest(sale, 'alice', 600n * USD));
    expectOk(await invest(sale, 'bob', 400n * USD));
    await endSale(sale);
    return sale;
  }

  it('settles only once the deal tokens are deposited, splitting the fee between platform and tenant', async () => {
    const sale = await successfulSale();
    expectRevert(await h.send('carol', sale, tokenSaleAbi, 'settle'), 'SaleTokensMissing');
    await h.fund(sale, 1_000n * TOKEN, h.saleToken);
    expectOk(await h.send('carol', sale, tokenSaleAbi, 'settle'));
    // Pull payments: settlement books, each recipient's withdrawal pays (anyone may trigger it).
    expect(await h.read(sale, tokenSaleAbi, 'payoutOf', [h.addr.issuer])).toBe(980n * USD);
    for (const payee of [h.addr.feeRecipient, h.addr.tenantTreasury, h.addr.issuer]) {
      expectOk(await h.send('carol', sale, tokenSaleAbi, 'withdrawPayout', [payee]));
      expectRevert(await h.send('carol', sale, tokenSaleAbi, 'withdrawPayout', [payee]), 'NothingToWithdraw');
    }
    // 2% fee on 1,000 USD = 20 USD; the tenant gets 25% of it.
    expect(await h.balanceOf(h.paymentToken, h.addr.feeRecipient)).toBe(15n * USD);
    expect(await h.balanceOf(h.paymentToken, h.addr.tenantTreasury)).toBe(5n * USD);
    expect(await h.balanceOf(h.paymentToken, h.addr.issuer)).toBe(980n * USD);
    expectRevert(await h.send('carol', sale, tokenSaleAbi, 'settle'), 'AlreadySettled');
  });

  it('lets each investor claim exactly their allocation once; non-investors get nothing', async () => {
    const sale = await successfulSale();
    expectRevert(await h.send('alice', sale, tokenSaleAbi, 'claim'), 'NotSettled');
    await h.fund(sale, 1_000n * TOKEN, h.saleToken);
    expectOk(await h.send('carol', sale, tokenSaleAbi, 'settle'));
    expectOk(await h.send('alice', sale, tokenSaleAbi, 'claim'));
    expect(await h.balanceOf(h.saleToken, h.addr.alice)).toBe(600n * TOKEN);
    expectRevert(await h.send('alice', sale, tokenSaleAbi, 'claim'), 'NothingToClaim');
    expectRevert(await h.send('carol', sale, tokenSaleAbi, 'claim'), 'NothingToClaim');
    expect(await h.balanceOf(h.saleToken, h.addr.carol)).toBe(0n);
  });

  it('cannot settle or refund a sale still open', async () => {
    const sale = await h.createSale();
    await h.allow(sale, [h.addr.alice]);
    expectOk(await invest(sale, 'alice', 600n * USD));
    expectRevert(await h.send('alice', sale, tokenSaleAbi, 'settle'), 'NotSucceeded');
    expectRevert(await h.send('alice', sale, tokenSaleAbi, 'refund'), 'NotFailed');
  });
});

describe('refunds', () => {
  it('refunds every investor once when the soft cap is missed', async () => {
    const sale = await h.createSale({ softCap: 2_000n * USD });
    await h.allow(sale, [h.addr.alice]);
    expectOk(await invest(sale, 'alice', 600n * USD));
    await endSale(sale);
    expect(await h.read(sale, tokenSaleAbi, 'status')).toBe(3);
    expectRevert(await h.send('alice', sale, tokenSaleAbi, 'claim'), 'NotSettled');
    expectRevert(await h.send('bob', sale, tokenSaleAbi, 'refund'), 'NothingToRefund');
    expectOk(await h.send('alice', sale, tokenSaleAbi, 'refund'));
    expect(await h.balanceOf(h.paymentToken, h.addr.alice)).toBe(600n * USD);
    expectRevert(await h.send('alice', sale, tokenSaleAbi, 'refund'), 'NothingToRefund');
  });

  it('refunds after an operator cancels; only operators may cancel, and not after settlement', async () => {
    const sale = await h.createSale();
    await h.allow(sale, [h.addr.alice]);
    expectOk(await invest(sale, 'alice', 600n * USD));
    expectRevert(await h.send('alice', sale, tokenSaleAbi, 'cancel'), 'NotOperator');
    expectOk(await h.send('operator', sale, tokenSaleAbi, 'cancel'));
    expectOk(await h.send('alice', sale, tokenSaleAbi, 'refund'));
    expect(await h.balanceOf(h.paymentToken, h.addr.alice)).toBe(600n * USD);

    const done = await h.createSale({ softCap: 100n * USD });
    await h.allow(done, [h.addr.bob]);
    expectOk(await invest(done, 'bob', 100n * USD));
    await endSale(done);
    await h.fund(done, 100n * TOKEN, h.saleToken);
    expectOk(await h.send('bob', done, tokenSaleAbi, 'settle'));
    expectRevert(await h.send('operator', done, tokenSaleAbi, 'cancel'), 'CannotCancel');
  });
});

describe('roles', () => {
  it('only operators manage the allowlist; only the factory attaches a pool', async () => {
    const sale = await h.createSale();
    expectRevert(await h.send('alice', sale, tokenSaleAbi, 'setAllowlist', [[h.addr.alice], true]), 'NotOperator');
    expectRevert(await h.send('operator', sale, tokenSaleAbi, 'setPool', [h.addr.alice]), 'NotFactory');
    expectRevert(
      await h.send('alice', h.tenantFactory, abis.tenantFactoryAbi, 'createPool', [sale, (await h.now()) + DAY]),
      'NotOperator',
    );
  });
});

describe('native ETH sales and reentrancy', () => {
  it('takes ETH, and a reentrant investor contract cannot be refunded twice', async () => {
    const sale = await h.createSale({ paymentToken: '0x0000000000000000000000000000000000000000', minInvestment: 1n, maxInvestment: 10n * TOKEN, softCap: 50n * TOKEN, hardCap: 100n * TOKEN, tokensPerPaymentUnit: 10n ** 18n });
    const attacker = await h.deploy('ReentrantInvestor', []);
    await h.allow(sale, [attacker]);
    const investCall = encodeFunctionData({ abi: tokenSaleAbi, functionName: 'invest', args: [TOKEN] });
    expectRevert(await h.send('alice', attacker, reentrantInvestorAbi, 'execute', [sale, 0n, investCall]), 'WrongValue');
    expectOk(await h.send('alice', attacker, reentrantInvestorAbi, 'execute', [sale, TOKEN, investCall], TOKEN));
    expect(await h.publicClient.getBalance({ address: sale })).toBe(TOKEN);
    expectOk(await h.send('operator', sale, tokenSaleAbi, 'cancel'));

    const refundCall = encodeFunctionData({ abi: tokenSaleAbi, functionName: 'refund' });
    expectOk(await h.send('alice', attacker, reentrantInvestorAbi, 'arm', [sale, refundCall]));
    expectOk(await h.send('alice', attacker, reentrantInvestorAbi, 'execute', [sale, 0n, refundCall]));
    expect(await h.read(attacker, reentrantInvestorAbi, 'reentryAttempts')).toBe(1n);
    expect(await h.read(attacker, reentrantInvestorAbi, 'reentrySucceeded')).toBe(false);
    expect(await h.publicClient.getBalance({ address: attacker })).toBe(TOKEN);
    expect(await h.publicClient.getBalance({ address: sale })).toBe(0n);
  });

  it('a reentrant ERC-20 cannot make the sale pay the same investor twice', async () => {
    const token = await h.deploy('ReentrantToken', []);
    const sale = await h.createSale({ paymentToken: token });
    const attacker = await h.deploy('ReentrantInvestor', []);
    await h.allow(sale, [attacker, h.addr.bob]);
    const approveCall = encodeFunctionData({ abi: testStablecoinAbi, functionName: 'approve', args: [sale, 500n * USD] });
    const investCall = encodeFunctionData({ abi: tokenSaleAbi, functionName: 'invest', args: [500n * USD] });
    expectOk(await h.send('admin', token, reentrantTokenAbi, 'mint', [attacker, 500n * USD]));
    expectOk(await h.send('alice', attacker, reentrantInvestorAbi, 'execute', [token, 0n, approveCall]));
    expectOk(await h.send('alice', attacker, reentrantInvestorAbi, 'execute', [sale, 0n, investCall]));
    expectOk(await h.send('admin', token, reentrantTokenAbi, 'mint', [h.addr.bob, 500n * USD]));
    expectOk(await h.send('bob', token, testStablecoinAbi, 'approve', [sale, 500n * USD]));
    expectOk(await h.send('bob', sale, tokenSaleAbi, 'invest', [500n * USD]));
    expectOk(await h.send('operator', sale, tokenSaleAbi, 'cancel'));

    // While the sale pays the attacker, the token has the attacker ask for its refund again.
    const refundCall = encodeFunctionData({ abi: tokenSaleAbi, functionName: 'refund' });
    const again = encodeFunctionData({ abi: reentrantInvestorAbi, functionName: 'execute', args: [sale, 0n, refundCall] });
    expectOk(await h.send('admin', token, reentrantTokenAbi, 'arm', [sale, attacker, again]));
    expectOk(await h.send('alice', attacker, reentrantInvestorAbi, 'execute', [sale, 0n, refundCall]));
    expect(await h.read(token, reentrantTokenAbi, 'reentered')).toBe(true);
    expect(await h.read(token, reentrantTokenAbi, 'reentrySucceeded')).toBe(false);
    expect(await h.balanceOf(token, attacker)).toBe(500n * USD);
    // Bob's money is still there for bob.
    expect(await h.balanceOf(token, sale)).toBe(500n * USD);
    expectOk(await h.send('bob', sale, tokenSaleAbi, 'refund'));
    expect(await h.balanceOf(token, h.addr.bob)).toBe(500n * USD);
  });
});
