// PermissionedToken: every compliance rule at its boundary for transfer, transferFrom and forcedTransfer
// (one second / one unit either side), freeze (address and partial), pause, wallet recovery, roles.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseEventLogs, type Address, type Hex } from 'viem';
import { abis, DAY, TOKEN, expectOk, expectRevert, startHarness, type Actor, type Harness, type TxResult } from './support/harness';

const { permissionedTokenAbi: tokenAbi, identityRegistryAbi: registryAbi } = abis;

/** ISO 3166-1 alpha-2 as two ASCII bytes, the registry's encoding. */
const cc = (code: string) => (code.charCodeAt(0) << 8) | code.charCodeAt(1);
const DE = cc('DE');
const GB = cc('GB');
const FR = cc('FR');
const US = cc('US');
const CODE = {
  PAUSED: 1,
  SENDER_FROZEN: 2,
  RECEIVER_FROZEN: 3,
  RECEIVER_NOT_VERIFIED: 4,
  JURISDICTION_NOT_ALLOWED: 5,
  REG_S_US_PERSON: 6,
  INSUFFICIENT_BALANCE: 7,
  TOKENS_FROZEN: 8,
  TOKENS_LOCKED: 9,
  MAX_HOLDERS_REACHED: 10,
  MAX_BALANCE_EXCEEDED: 11,
} as const;
type Kind = 'transfer' | 'transferFrom' | 'forced';
const KINDS: Kind[] = ['transfer', 'transferFrom', 'forced'];
const SPENDER: Actor = 'feeRecipient';

let h: Harness;
let registry: Address;
let snap: Hex;

type Rules = { regSEnd?: bigint; lockup?: bigint; maxHolders?: number; maxBalance?: bigint; countries?: number[] };

async function deployToken(r: Rules = {}): Promise<Address> {
  return h.deploy('PermissionedToken', [
    {
      name: 'Harbour Tower',
      symbol: 'HBT',
      decimals: 18,
      assetId: `0x${'ab'.repeat(32)}`,
      identityRegistry: registry,
      admin: h.addr.admin,
      agent: h.addr.operator,
      treasury: h.addr.issuer,
      supply: 1_000_000n * TOKEN,
      regSCompliancePeriodEnd: r.regSEnd ?? 0n,
      lockupPeriod: r.lockup ?? 0n,
      maxHolders: r.maxHolders ?? 0,
      maxBalance: r.maxBalance ?? 0n,
      allowedCountries: r.countries ?? [],
    },
  ]);
}

async function move(token: Address, kind: Kind, from: Actor, to: Actor, amount: bigint): Promise<TxResult> {
  if (kind === 'transfer') return h.send(from, token, tokenAbi, 'transfer', [h.addr[to], amount]);
  if (kind === 'transferFrom') {
    expectOk(await h.send(from, token, tokenAbi, 'approve', [h.addr[SPENDER], amount]));
    return h.send(SPENDER, token, tokenAbi, 'transferFrom', [h.addr[from], h.addr[to], amount]);
  }
  return h.send('operator', token, tokenAbi, 'forcedTransfer', [h.addr[from], h.addr[to], amount]);
}

async function expectRestricted(token: Address, kind: Kind, from: Actor, to: Actor, amount: bigint, code: number): Promise<void> {
  if (kind !== 'forced') expect(await h.read(token, tokenAbi, 'transferStatus', [h.addr[from], h.addr[to], amount])).toBe(code);
  const r = await move(token, kind, from, to, amount);
  expectRevert(r, 'TransferRestricted');
  expect(r.errorArgs).toEqual([code]);
}

/** Each kind runs on the same state: snapshot before, revert after. */
async function eachKind(fn: (kind: Kind) => Promise<void>, kinds: Kind[] = KINDS): Promise<void> {
  for (const kind of kinds) {
    const id = await h.snapshot();
    try {
      await fn(kind);
    } catch (err) {
      throw new Error(`${kind}: ${(err as Error).message}`);
    } finally {
      await h.revert(id);
    }
  }
}

const balance = (token: Address, who: Actor) => h.read<bigint>(token, tokenAbi, 'balanceOf', [h.addr[who]]);

beforeAll(async () => {
  h = await startHarness();
  registry = await h.deploy('IdentityRegistry', [h.addr.admin, h.addr.signer]);
  expectOk(
    await h.send('signer', registry, registryAbi, 'registerIdentities', [
      [h.addr.alice, h.addr.bob, h.addr.carol, h.addr.dave],
      [DE, GB, US, FR],
      [2, 2, 2, 1],
    ]),
  );
}, 120_000);
afterAll(async () => h?.stop());
beforeEach(async () => {
  snap = await h.snapshot();
});
afterEach(async () => h.revert(snap));

describe('IdentityRegistry', () => {
  it('is written by the compliance agent only, and refuses an identity without country or category', async () => {
    expect(await h.read(registry, registryAbi, 'isVerified', [h.addr.alice])).toBe(true);
    expect(await h.read(registry, registryAbi, 'investorCountry', [h.addr.carol])).toBe(US);
    expectRevert(await h.send('mallory', registry, registryAbi, 'registerIdentity', [h.addr.mallory, DE, 2]), 'AccessControlUnauthorizedAccount');
    expectRevert(await h.send('signer', registry, registryAbi, 'registerIdentity', [h.addr.mallory, 0, 2]), 'InvalidIdentity');
    expectRevert(await h.send('signer', registry, registryAbi, 'registerIdentity', [h.addr.mallory, DE, 0]), 'InvalidIdentity');
    expectRevert(await h.send('signer', registry, registryAbi, 'registerIdentities', [[h.addr.mallory], [DE, GB], [2]]), 'LengthMismatch');
    expectOk(await h.send('signer', registry, registryAbi, 'removeIdentity', [h.addr.alice]));
    expect(await h.read(registry, registryAbi, 'isVerified', [h.addr.alice])).toBe(false);
  });
});

describe('PermissionedToken rules', () => {
  it('mints the supply to the treasury unlocked, with the configured decimals, and counts it as a holder', async () => {
    const token = await deployToken({ lockup: 30n * DAY });
    expect(await balance(token, 'issuer')).toBe(1_000_000n * TOKEN);
    expect(await h.read(token, tokenAbi, 'decimals')).toBe(18);
    expect(await h.read(token, tokenAbi, 'holderCount')).toBe(1n);
    expect(await h.read(token, tokenAbi, 'lockedBalanceOf', [h.addr.issuer])).toBe(0n);
  });

  it('refuses an unverified receiver (and one removed from the registry), for every kind of transfer', async () => {
    const token = await deployToken();
    expectOk(await move(token, 'transfer', 'issuer', 'alice', 100n));
    await eachKind(async (kind) => {
      await expectRestricted(token, kind, 'alice', 'mallory', 1n, CODE.RECEIVER_NOT_VERIFIED);
      expectOk(await move(token, kind, 'alice', 'bob', 1n));
      expectOk(await h.send('signer', registry, registryAbi, 'removeIdentity', [h.addr.bob]));
      await expectRestricted(token, kind, 'alice', 'bob', 1n, CODE.RECEIVER_NOT_VERIFIED);
      // The sender need not be verified: bob (removed) can still send to a verified buyer.
      expectOk(await move(token, kind, 'bob', 'alice', 1n));
    });
    expect(await h.read(token, tokenAbi, 'canTransfer', [h.addr.alice, h.addr.mallory, 1n])).toBe(false);
    expect(await h.read(token, tokenAbi, 'canTransfer', [h.addr.alice, h.addr.bob, 1n])).toBe(true);
  });

  it('allows only the listed jurisdictions; the admin changes the list', async () => {
    const token = await deployToken({ countries: [DE, GB, US] });
    expectOk(await move(token, 'transfer', 'issuer', 'alice', 100n));
    await eachKind(async (kind) => {
      await expectRestricted(token, kind, 'alice', 'dave', 1n, CODE.JURISDICTION_NOT_ALLOWED);
      expectOk(await move(token, kind, 'alice', 'bob', 1n));
    });
    expectRevert(await h.send('operator', token, tokenAbi, 'setAllowedCountries', [[FR], true]), 'AccessControlUnauthorizedAccount');
    expectOk(await h.send('admin', token, tokenAbi, 'setAllowedCountries', [[FR], true]));
    expectOk(await move(token, 'transfer', 'alice', 'dave', 1n));
    expectOk(await h.send('admin', token, tokenAbi, 'setAllowedCountries', [[GB], false]));
    await expectRestricted(token, 'transfer', 'alice', 'bob', 1n, CODE.JURISDICTION_NOT_ALLOWED);
  });

  it('keeps US persons out until the Reg S distribution compliance period ends, to the second', async () => {
    const end = (await h.now()) + 10n * DAY;
    const token = await deployToken({ regSEnd: end });
    expectOk(await move(token, 'transfer', 'issuer', 'alice', 100n));
    await eachKind(async (kind) => {
      // transferFrom approves in one block first: aim the restricted call itself at end - 1.
      if (kind === 'transferFrom') expectOk(await h.send('alice', token, tokenAbi, 'approve', [h.addr[SPENDER], 10n]));
      await h.setNextTimestamp(end - 1n);
      const r =
        kind === 'transfer'
          ? await h.send('alice', token, tokenAbi, 'transfer', [h.addr.carol, 1n])
          : kind === 'transferFrom'
            ? await h.send(SPENDER, token, tokenAbi, 'transferFrom', [h.addr.alice, h.addr.carol, 1n])
            : await h.send('operator', token, tokenAbi, 'forcedTransfer', [h.addr.alice, h.addr.carol, 1n]);
      expectRevert(r, 'TransferRestricted');
      expect(r.errorArgs).toEqual([CODE.REG_S_US_PERSON]);
      await h.setNextTimestamp(end);
      const ok =
        kind === 'transfer'
          ? await h.send('alice', token, tokenAbi, 'transfer', [h.addr.carol, 1n])
          : kind === 'transferFrom'
            ? await h.send(SPENDER, token, tokenAbi, 'transferFrom', [h.addr.alice, h.addr.carol, 1n])
            : await h.send('operator', token, tokenAbi, 'forcedTransfer', [h.addr.alice, h.addr.carol, 1n]);
      expectOk(ok);
      expect(await balance(token, 'carol')).toBe(1n);
    });
  });

  it('locks each acquisition for the holding period: one second short refused, at the end allowed; forced transfer bypasses it', async () => {
    const lockup = 30n * DAY;
    const token = await deployToken({ lockup });
    const t0 = (await h.now()) + 5n;
    await h.setNextTimestamp(t0);
    expectOk(await move(token, 'transfer', 'issuer', 'alice', 100n));
    await h.setNextTimestamp(t0 + 5n * DAY);
    expectOk(await move(token, 'transfer', 'issuer', 'alice', 50n));
    expect(await h.read(token, tokenAbi, 'lockedBalanceOf', [h.addr.alice])).toBe(150n);
    expect(await h.read(token, tokenAbi, 'lotsOf', [h.addr.alice])).toEqual([
      { unlockAt: t0 + lockup, amount: 100n },
      { unlockAt: t0 + 5n * DAY + lockup, amount: 50n },
    ]);
    // The ordinary kinds: one second short of the first lot's end, nothing moves.
    for (const kind of ['transfer', 'transferFrom'] as const) {
      const id = await h.snapshot();
      if (kind === 'transferFrom') expectOk(await h.send('alice', token, tokenAbi, 'approve', [h.addr[SPENDER], 1_000n]));
      const call = (amount: bigint) =>
        kind === 'transfer'
          ? h.send('alice', token, tokenAbi, 'transfer', [h.addr.bob, amount])
          : h.send(SPENDER, token, tokenAbi, 'transferFrom', [h.addr.alice, h.addr.bob, amount]);
      await h.setNextTimestamp(t0 + lockup - 1n);
      let r = await call(1n);
      expectRevert(r, 'TransferRestricted');
      expect(r.errorArgs).toEqual([CODE.TOKENS_LOCKED]);
      await h.setNextTimestamp(t0 + lockup);
      r = await call(101n);
      expect(r.errorArgs).toEqual([CODE.TOKENS_LOCKED]);
      expectOk(await call(100n));
      expect(await h.read(token, tokenAbi, 'lockedBalanceOf', [h.addr.alice])).toBe(50n);
      // bob's acquisition starts his own holding period.
      expect(await h.read(token, tokenAbi, 'lockedBalanceOf', [h.addr.bob])).toBe(100n);
      await h.revert(id);
    }
    // The agent's forced transfer takes locked tokens, newest lot first; the receiver starts a new lot.
    await h.setNextTimestamp(t0 + 6n * DAY);
    expectOk(await move(token, 'forced', 'alice', 'bob', 120n));
    expect(await h.read(token, tokenAbi, 'lotsOf', [h.addr.alice])).toEqual([{ unlockAt: t0 + lockup, amount: 30n }]);
    expect(await h.read(token, tokenAbi, 'lotsOf', [h.addr.bob])).toEqual([{ unlockAt: t0 + 6n * DAY + lockup, amount: 120n }]);
  });

  it('caps the number of holders: a new holder at the cap is refused unless the sender leaves', async () => {
    const token = await deployToken({ maxHolders: 3 });
    expectOk(await move(token, 'transfer', 'issuer', 'alice', 100n));
    expectOk(await move(token, 'transfer', 'issuer', 'bob', 100n));
    expect(await h.read(token, tokenAbi, 'holderCount')).toBe(3n);
    await eachKind(async (kind) => {
      await expectRestricted(token, kind, 'alice', 'carol', 99n, CODE.MAX_HOLDERS_REACHED);
      // An existing holder can always receive.
      expectOk(await move(token, kind, 'alice', 'bob', 1n));
      // Alice's whole balance leaves with her: the count stays at the cap.
      expectOk(await move(token, kind, 'alice', 'carol', 99n));
      expect(await h.read(token, tokenAbi, 'holderCount')).toBe(3n);
    });
    expectOk(await h.send('admin', token, tokenAbi, 'setLimits', [4, 0n]));
    expectOk(await move(token, 'transfer', 'alice', 'carol', 1n));
    expect(await h.read(token, tokenAbi, 'holderCount')).toBe(4n);
  });

  it('caps what one holder may hold, to the unit', async () => {
    const token = await deployToken({ maxBalance: 1_000n });
    expectOk(await move(token, 'transfer', 'issuer', 'alice', 999n));
    expectOk(await move(token, 'transfer', 'issuer', 'bob', 1_000n));
    await eachKind(async (kind) => {
      await expectRestricted(token, kind, 'bob', 'alice', 2n, CODE.MAX_BALANCE_EXCEEDED);
      expectOk(await move(token, kind, 'bob', 'alice', 1n));
      expect(await balance(token, 'alice')).toBe(1_000n);
    });
  });

  it('refuses more than the balance', async () => {
    const token = await deployToken();
    expectOk(await move(token, 'transfer', 'issuer', 'alice', 10n));
    await eachKind(async (kind) => {
      await expectRestricted(token, kind, 'alice', 'bob', 11n, CODE.INSUFFICIENT_BALANCE);
      expectOk(await move(token, kind, 'alice', 'bob', 10n));
    });
  });
});

describe('PermissionedToken freeze, pause, recovery', () => {
  it('an address freeze stops the wallet sending and receiving, for every kind, until lifted', async () => {
    const token = await deployToken();
    expectOk(await move(token, 'transfer', 'issuer', 'alice', 100n));
    expectOk(await h.send('operator', token, tokenAbi, 'setAddressFrozen', [h.addr.alice, true]));
    await eachKind(async (kind) => {
      await expectRestricted(token, kind, 'alice', 'bob', 1n, CODE.SENDER_FROZEN);
      await expectRestricted(token, kind, 'issuer', 'alice', 1n, CODE.RECEIVER_FROZEN);
    });
    expectOk(await h.send('operator', token, tokenAbi, 'setAddressFrozen', [h.addr.alice, false]));
    expectOk(await move(token, 'transfer', 'alice', 'bob', 1n));
  });

  it('a partial freeze keeps that many tokens in place, even from a forced transfer', async () => {
    const token = await deployToken();
    expectOk(await move(token, 'transfer', 'issuer', 'alice', 100n));
    expectOk(await h.send('operator', token, tokenAbi, 'setFrozenTokens', [h.addr.alice, 40n]));
    expect(await h.read(token, tokenAbi, 'getFrozenTokens', [h.addr.alice])).toBe(40n);
    expect(await h.read(token, tokenAbi, 'transferableBalanceOf', [h.addr.alice])).toBe(60n);
    await eachKind(async (kind) => {
      await expectRestricted(token, kind, 'alice', 'bob', 61n, CODE.TOKENS_FROZEN);
      expectOk(await move(token, kind, 'alice', 'bob', 60n));
    });
    // Frozen above the balance: all of it is frozen.
    expectOk(await h.send('operator', token, tokenAbi, 'setFrozenTokens', [h.addr.alice, 1_000n]));
    await expectRestricted(token, 'transfer', 'alice', 'bob', 1n, CODE.TOKENS_FROZEN);
  });

  it('pause stops ordinary transfers but not the agent', async () => {
    const token = await deployToken();
    expectOk(await move(token, 'transfer', 'issuer', 'alice', 100n));
    expectRevert(await h.send('alice', token, tokenAbi, 'pause'), 'AccessControlUnauthorizedAccount');
    expectOk(await h.send('operator', token, tokenAbi, 'pause'));
    await expectRestricted(token, 'transfer', 'alice', 'bob', 1n, CODE.PAUSED);
    await expectRestricted(token, 'transferFrom', 'alice', 'bob', 1n, CODE.PAUSED);
    const forced = expectOk(await move(token, 'forced', 'alice', 'bob', 1n));
    expect(parseEventLogs({ abi: tokenAbi, logs: forced.receipt.logs, eventName: 'Moved' })[0]!.args.kind).toBe(1);
    expectOk(await h.send('operator', token, tokenAbi, 'unpause'));
    expectOk(await move(token, 'transfer', 'alice', 'bob', 1n));
  });

  it('recovers a lost, frozen wallet into a new verified one with its lots and partial freeze, without a new lock', async () => {
    const lockup = 30n * DAY;
    const token = await deployToken({ lockup, maxHolders: 3 });
    const t0 = (await h.now()) + 5n;
    await h.setNextTimestamp(t0);
    expectOk(await move(token, 'transfer', 'issuer', 'alice', 100n));
    expectOk(await move(token, 'transfer', 'issuer', 'bob', 10n));
    expectOk(await h.send('operator', token, tokenAbi, 'setAddressFrozen', [h.addr.alice, true]));
    expectOk(await h.send('operator', token, tokenAbi, 'setFrozenTokens', [h.addr.alice, 25n]));
    const replacement = h.addr.tenantTreasury;
    // Not verified yet, then not empty: both refused.
    let r = await h.send('operator', token, tokenAbi, 'recoverWallet', [h.addr.alice, replacement]);
    expectRevert(r, 'TransferRestricted');
    expect(r.errorArgs).toEqual([CODE.RECEIVER_NOT_VERIFIED]);
    expectRevert(await h.send('operator', token, tokenAbi, 'recoverWallet', [h.addr.alice, h.addr.bob]), 'ReplacementNotEmpty');
    expectRevert(await h.send('mallory', token, tokenAbi, 'recoverWallet', [h.addr.alice, replacement]), 'AccessControlUnauthorizedAccount');
    expectOk(await h.send('signer', registry, registryAbi, 'registerIdentity', [replacement, DE, 2]));
    await h.setNextTimestamp(t0 + DAY);
    const rec = expectOk(await h.send('operator', token, tokenAbi, 'recoverWallet', [h.addr.alice, replacement]));
    const moved = parseEventLogs({ abi: tokenAbi, logs: rec.receipt.logs, eventName: 'Moved' });
    expect(moved.map((e) => [e.args.from, e.args.to, e.args.amount, e.args.kind])).toEqual([[h.addr.alice, replacement, 100n, 2]]);
    expect(await balance(token, 'alice')).toBe(0n);
    expect(await h.read(token, tokenAbi, 'balanceOf', [replacement])).toBe(100n);
    expect(await h.read(token, tokenAbi, 'getFrozenTokens', [replacement])).toBe(25n);
    expect(await h.read(token, tokenAbi, 'getFrozenTokens', [h.addr.alice])).toBe(0n);
    expect(await h.read(token, tokenAbi, 'lotsOf', [replacement])).toEqual([{ unlockAt: t0 + lockup, amount: 100n }]);
    expect(await h.read(token, tokenAbi, 'holderCount')).toBe(3n);
    // The original unlock time holds for the replacement: transferable at t0 + lockup, 75 of 100 (25 frozen).
    await h.setNextTimestamp(t0 + lockup);
    r = await h.send(replacement, token, tokenAbi, 'transfer', [h.addr.bob, 76n]);
    expect(r.errorArgs).toEqual([CODE.TOKENS_FROZEN]);
    expectOk(await h.send(replacement, token, tokenAbi, 'transfer', [h.addr.bob, 75n]));
  });

  it('only the agent freezes and forces; the ERC-20 allowance still binds transferFrom', async () => {
    const token = await deployToken();
    expectOk(await move(token, 'transfer', 'issuer', 'alice', 100n));
    expectRevert(await h.send('alice', token, tokenAbi, 'forcedTransfer', [h.addr.bob, h.addr.alice, 1n]), 'AccessControlUnauthorizedAccount');
    expectRevert(await h.send('admin', token, tokenAbi, 'setAddressFrozen', [h.addr.bob, true]), 'AccessControlUnauthorizedAccount');
    expectRevert(await h.send('bob', token, tokenAbi, 'setFrozenTokens', [h.addr.alice, 1n]), 'AccessControlUnauthorizedAccount');
    expectRevert(await h.send(SPENDER, token, tokenAbi, 'transferFrom', [h.addr.alice, h.addr.bob, 1n]), 'ERC20InsufficientAllowance');
  });
});
