// Asset tokenization through the API on anvil: an issuer applies, reviewers request changes and
// approve (four eyes, one decision under concurrency), the issuing job deploys the tenant's
// IdentityRegistry and the PermissionedToken and registers KYC-approved wallets (and removes them
// when KYC is revoked), the token refuses an unverified receiver on chain, and the indexer's
// Moved rows make the asset page's transactions and holders (holders for the issuer and staff only).
import { randomBytes } from 'node:crypto';
import { createPublicClient, http, type Address, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityRegistryAbi } from '../../contracts/abi/IdentityRegistry';
import { permissionedTokenAbi } from '../../contracts/abi/PermissionedToken';
import { GET as adminApplicationRoute, POST as reviewRoute } from '../../src/app/api/admin/applications/[id]/route';
import { GET as queueRoute } from '../../src/app/api/admin/applications/route';
import { GET as adminAssetsRoute } from '../../src/app/api/admin/assets/route';
import { PATCH as patchTenant } from '../../src/app/api/admin/tenant/route';
import { GET as assetRoute } from '../../src/app/api/assets/[id]/route';
import { GET as assetsRoute } from '../../src/app/api/assets/route';
import { POST as postUpdateRoute } from '../../src/app/api/issuer/assets/[id]/updates/route';
import { POST as submitRoute } from '../../src/app/api/issuer/assets/applications/[id]/submit/route';
import { GET as ownApplicationRoute, PATCH as patchApplicationRoute } from '../../src/app/api/issuer/assets/applications/[id]/route';
import { GET as ownApplicationsRoute, POST as createApplicationRoute } from '../../src/app/api/issuer/assets/applications/route';
import { POST as createIssuer } from '../../src/app/api/issuer/profile/route';
import { POST as reviewIssuer } from '../../src/app/api/admin/issuers/[id]/review/route';
import { runAssetIssuance } from '../../src/server/assets/issuance';
import { syncChainOnce, type IndexedChain } from '../../src/server/chain/indexer/sync';
import { provisionTenantChain } from '../../src/server/chain/tenant-contracts/provision';
import { closePools } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import type { Role } from '../../src/server/db/types';
import { recordWalletLink } from '../../src/server/wallets/service';
import { call } from '../helpers/api';
import { startTestChain, type TestChain } from '../helpers/chain';
import { makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

let chain: TestChain;
let indexed: IndexedChain;
let a: TestTenant;
let b: TestTenant;
let adminA: string;
let adminB: string;
let officerA: string;
let issuer: Awaited<ReturnType<typeof makeVerifiedIssuer>>;
let investorA: { id: string; email: string; token: string; wallet: Address };
const treasuryKey = generatePrivateKey();
const treasury = privateKeyToAccount(treasuryKey);

const terms = () => ({
  assetType: 'real_estate',
  name: 'Harbour Tower',
  symbol: 'HBT',
  description: 'A 40-storey office tower, let to three tenants until 2034.',
  valuation: '2500000000', // 25,000,000.00 USD in cents
  currency: 'USD',
  currencyDecimals: 2,
  supply: (1_000_000n * 10n ** 18n).toString(),
  decimals: 18,
  jurisdiction: 'US-DE',
  regulation: 'reg_d',
  chainId: chain.chainId,
  treasuryAddress: treasury.address,
  lockupSeconds: 0,
  maxHolders: 100,
  allowedCountries: ['DE', 'GB', 'US'],
});

async function approveKyc(tenant: TestTenant, userId: string, country: string | null, status: 'approved' | 'rejected' = 'approved') {
  await withTenant(tenant.id, null, (t) => t.tx.updateTable('profiles').set({ kyc_status: status, country }).where('tenant_id', '=', tenant.id).where('user_id', '=', userId).execute());
}

async function memberWithWallet(tenant: TestTenant, roles: Role[] = ['investor']) {
  const user = await makeUser(tenant, roles);
  const wallet = privateKeyToAccount(generatePrivateKey()).address;
  await withTenant(tenant.id, null, (t) => recordWalletLink(t, user.id, wallet, chain.chainId));
  return { ...user, token: await tokenFor(tenant, user.email), wallet };
}

/** A reviewer who is also a verified issuer (for the four-eyes rule). */
async function reviewerIssuer(tenant: TestTenant, admin: string) {
  const user = await makeUser(tenant, ['compliance_officer', 'issuer']);
  const token = await tokenFor(tenant, user.email);
  const created = await call(createIssuer, {
    host: tenant.host,
    token,
    body: { legalEntity: { name: `Officer ${user.id.slice(-6)} LLC`, jurisdiction: 'US-DE', registrationNumber: randomBytes(6).toString('hex'), entityType: 'corporation' }, profile: { displayName: 'Officer issuer' } },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  expect((await call(reviewIssuer, { host: tenant.host, token: admin, params: { id: created.json.id }, body: { decision: 'verify', reason: 'documents checked' } })).status).toBe(200);
  return { ...user, token };
}

async function submitted(token = issuer.token) {
  const c = await call(createApplicationRoute, { host: a.host, token, body: terms() });
  expect(c.status, JSON.stringify(c.json)).toBe(201);
  const s = await call(submitRoute, { host: a.host, token, params: { id: c.json.application.id } });
  expect(s.status, JSON.stringify(s.json)).toBe(200);
  return c.json.application.id as string;
}

beforeAll(async () => {
  chain = await startTestChain();
  indexed = { chainId: chain.chainId, client: chain.publicClient as never, confirmations: 1, escrowFactories: [chain.deployments.escrowFactory], startBlock: BigInt(chain.deployments.deployedAtBlock) };
  a = await makeTenant({ chains: [chain.chainId] });
  b = await makeTenant({ chains: [chain.chainId] });
  await provisionTenantChain(a.id, chain.chainId);
  adminA = await tokenFor(a, a.admin.email);
  adminB = await tokenFor(b, b.admin.email);
  issuer = await makeVerifiedIssuer(a, adminA);
  const officer = await makeUser(a, ['compliance_officer']);
  officerA = await tokenFor(a, officer.email);
  investorA = await memberWithWallet(a);
  await approveKyc(a, investorA.id, 'DE');
  await chain.testClient.setBalance({ address: treasury.address, value: 10n ** 20n });
}, 240_000);

afterAll(async () => {
  await chain?.stop();
  await closePools();
});

describe('asset applications', () => {
  it('do not exist while the tenant has asset tokenization off', async () => {
    const r = await call(createApplicationRoute, { host: a.host, token: issuer.token, body: terms() });
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('feature_disabled');
    expect((await call(assetsRoute, { host: a.host, token: investorA.token })).json.code).toBe('feature_disabled');
    for (const [tenant, token] of [
      [a, adminA],
      [b, adminB],
    ] as const) {
      const on = await call(patchTenant, { host: tenant.host, token, body: { features: { assetTokenization: true } } });
      expect(on.status, JSON.stringify(on.json)).toBe(200);
    }
  });

  it('refuse bad terms with the field named', async () => {
    const bad = async (patch: Record<string, unknown>, field: string) => {
      const r = await call(createApplicationRoute, { host: a.host, token: issuer.token, body: { ...terms(), ...patch } });
      expect(r.status, JSON.stringify(r.json)).toBe(400);
      expect(JSON.stringify(r.json)).toContain(field);
    };
    await bad({ symbol: 'h b' }, 'symbol');
    await bad({ valuation: '12.5' }, 'valuation');
    await bad({ supply: '0' }, 'supply');
    await bad({ maxBalance: (2_000_000n * 10n ** 18n).toString() }, 'maxBalance');
    await bad({ regulation: 'reg_s', regSPeriodSeconds: 0 }, 'regSPeriodSeconds');
    await bad({ chainId: 1 }, 'chainId');
    await bad({ allowedCountries: ['Germany'] }, 'allowedCountries');
    await bad({ treasuryAddress: '0x1234' }, 'treasuryAddress');
    await bad({ documentIds: ['0190f5a6-0000-7000-8000-000000000001'] }, 'documentIds');
    await bad({ assetType: 'art' }, 'assetType');
  });

  it('are applied for by issuers only, edited while a draft, and private to the issuer until submitted', async () => {
    expect((await call(createApplicationRoute, { host: a.host, token: investorA.token, body: terms() })).status).toBe(403);
    const c = await call(createApplicationRoute, { host: a.host, token: issuer.token, body: terms() });
    expect(c.status).toBe(201);
    const id = c.json.application.id as string;
    expect(c.json.application).toMatchObject({ status: 'draft', symbol: 'HBT', valuation: '2500000000', restrictions: { maxHolders: 100, allowedCountries: ['DE', 'GB', 'US'] } });
    expect((await call(adminApplicationRoute, { host: a.host, token: adminA, params: { id } })).status).toBe(404);
    expect((await call(queueRoute, { host: a.host, token: adminA })).json.applications.map((x: { id: string }) => x.id)).not.toContain(id);
    const p = await call(patchApplicationRoute, { host: a.host, token: issuer.token, params: { id }, body: { valuation: '2600000000', lockupSeconds: 86_400 } });
    expect(p.status, JSON.stringify(p.json)).toBe(200);
    expect(p.json.application).toMatchObject({ valuation: '2600000000', restrictions: { lockupSeconds: 86_400 } });
    // An edit is checked against what is stored: a per-holder maximum above the stored supply, Reg S without a period.
    const over = await call(patchApplicationRoute, { host: a.host, token: issuer.token, params: { id }, body: { maxBalance: (2_000_000n * 10n ** 18n).toString() } });
    expect(over.status).toBe(400);
    expect(JSON.stringify(over.json)).toContain('maxBalance');
    expect(JSON.stringify((await call(patchApplicationRoute, { host: a.host, token: issuer.token, params: { id }, body: { regulation: 'reg_s' } })).json)).toContain('regSPeriodSeconds');
    const other = await makeVerifiedIssuer(a, adminA);
    expect((await call(ownApplicationRoute, { host: a.host, token: other.token, params: { id } })).status).toBe(404);
    expect((await call(patchApplicationRoute, { host: a.host, token: other.token, params: { id }, body: { name: 'Taken over' } })).status).toBe(404);
    expect((await call(ownApplicationsRoute, { host: a.host, token: issuer.token })).json.applications.map((x: { id: string }) => x.id)).toContain(id);
  });

  it('go through review: changes requested with a reason, resubmitted, approved once; every step kept', async () => {
    const id = await submitted();
    expect((await call(patchApplicationRoute, { host: a.host, token: issuer.token, params: { id }, body: { name: 'Late change' } })).json.code).toBe('application_not_editable');
    expect((await call(reviewRoute, { host: a.host, token: investorA.token, params: { id }, body: { action: 'approve' } })).status).toBe(403);
    const noReason = await call(reviewRoute, { host: a.host, token: adminA, params: { id }, body: { action: 'request_changes' } });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.json)).toContain('reason');
    const changes = await call(reviewRoute, { host: a.host, token: officerA, params: { id }, body: { action: 'request_changes', reason: 'Attach the valuation report' } });
    expect(changes.status, JSON.stringify(changes.json)).toBe(200);
    expect(changes.json.application).toMatchObject({ status: 'changes_requested', reviewReason: 'Attach the valuation report' });
    expect((await call(ownApplicationRoute, { host: a.host, token: issuer.token, params: { id } })).json.application.reviewReason).toBe('Attach the valuation report');
    expect((await call(patchApplicationRoute, { host: a.host, token: issuer.token, params: { id }, body: { description: 'Now with the valuation report described.' } })).status).toBe(200);
    expect((await call(submitRoute, { host: a.host, token: issuer.token, params: { id } })).status).toBe(200);
    // Two reviewers decide at once: one approval wins, the other is told the application moved on.
    const [x, y] = await Promise.all([
      call(reviewRoute, { host: a.host, token: adminA, params: { id }, body: { action: 'approve' } }),
      call(reviewRoute, { host: a.host, token: officerA, params: { id }, body: { action: 'reject', reason: 'Not for this platform' } }),
    ]);
    const statuses = [x.status, y.status].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = x.status === 200 ? x : y;
    const full = await call(adminApplicationRoute, { host: a.host, token: adminA, params: { id } });
    expect(full.json.application.status).toBe(winner.json.application.status);
    expect(full.json.application.history.map((s: { action: string }) => s.action)).toEqual(['submit', 'request_changes', 'submit', winner === x ? 'approve' : 'reject']);
    expect((await call(reviewRoute, { host: a.host, token: adminA, params: { id }, body: { action: 'approve' } })).json.code).toBe('invalid_transition');
  });

  it('are never reviewed by the person who created them (four eyes)', async () => {
    const officerIssuer = await reviewerIssuer(a, adminA);
    const id = await submitted(officerIssuer.token);
    const r = await call(reviewRoute, { host: a.host, token: officerIssuer.token, params: { id }, body: { action: 'approve' } });
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('four_eyes');
  });

  it('stay inside their tenant', async () => {
    const id = await submitted();
    expect((await call(adminApplicationRoute, { host: b.host, token: adminB, params: { id } })).status).toBe(404);
    expect((await call(reviewRoute, { host: b.host, token: adminB, params: { id }, body: { action: 'approve' } })).status).toBe(404);
    expect((await call(queueRoute, { host: b.host, token: adminB })).json.applications).toEqual([]);
    // A's token on B's host is refused outright.
    expect((await call(queueRoute, { host: b.host, token: adminA })).status).toBe(401);
  });
});

describe('issuing an approved asset on chain', () => {
  let assetId: string;
  let token: Address;
  let registry: Address;

  it('deploys the registry and the token, registers KYC-approved wallets, and shows the token address', async () => {
    const id = await submitted();
    const approved = await call(reviewRoute, { host: a.host, token: adminA, params: { id }, body: { action: 'approve' } });
    expect(approved.status).toBe(200);
    assetId = approved.json.asset.id;
    expect(approved.json.asset).toMatchObject({ status: 'issuing', tokenAddress: null });
    // Members do not see it until it is issued; its issuer does.
    expect((await call(assetRoute, { host: a.host, token: investorA.token, params: { id: assetId } })).status).toBe(404);
    expect((await call(assetsRoute, { host: a.host, token: issuer.token })).json.assets.map((x: { id: string }) => x.id)).toContain(assetId);

    const r = await runAssetIssuance({ tenantIds: [a.id] });
    expect(r.failed).toBe(0);
    expect(r.issued).toBeGreaterThanOrEqual(1);
    const page = await call(assetRoute, { host: a.host, token: investorA.token, params: { id: assetId } });
    expect(page.status).toBe(200);
    expect(page.json.asset.status).toBe('issued');
    token = page.json.asset.tokenAddress;
    registry = page.json.asset.identityRegistryAddress;
    expect(token).toMatch(/^0x[0-9a-f]{40}$/);
    expect(page.json.holders).toBeNull();
    const admins = await call(adminAssetsRoute, { host: a.host, token: adminA });
    expect(admins.json.assets.find((x: { id: string }) => x.id === assetId).tokenAddress).toBe(token);

    const read = <T>(address: Address, abi: unknown, functionName: string, args: readonly unknown[] = []) =>
      chain.publicClient.readContract({ address, abi: abi as never, functionName: functionName as never, args: args as never }) as Promise<T>;
    expect(await read<bigint>(token, permissionedTokenAbi, 'balanceOf', [treasury.address])).toBe(1_000_000n * 10n ** 18n);
    expect(await read<number>(token, permissionedTokenAbi, 'decimals')).toBe(18);
    expect(await read<bigint>(token, permissionedTokenAbi, 'maxHolders')).toBe(100);
    expect(await read<boolean>(token, permissionedTokenAbi, 'countryAllowed', [0x4445])).toBe(true);
    expect(await read<boolean>(token, permissionedTokenAbi, 'countryAllowed', [0x4652])).toBe(false);
    expect(await read<boolean>(registry, identityRegistryAbi, 'isVerified', [investorA.wallet])).toBe(true);
    expect(await read<number>(registry, identityRegistryAbi, 'investorCountry', [investorA.wallet])).toBe(0x4445);
  });

  it('registers a member whose KYC is approved later, and removes one whose KYC is revoked', async () => {
    const late = await memberWithWallet(a);
    const isVerified = (w: Address) => chain.publicClient.readContract({ address: registry, abi: identityRegistryAbi, functionName: 'isVerified', args: [w] });
    expect(await isVerified(late.wallet)).toBe(false);
    await approveKyc(a, late.id, 'GB');
    expect((await runAssetIssuance({ tenantIds: [a.id] })).registered).toBe(1);
    expect(await isVerified(late.wallet)).toBe(true);
    // Nothing changed: nothing is sent again.
    expect(await runAssetIssuance({ tenantIds: [a.id] })).toMatchObject({ registered: 0, removed: 0 });
    await approveKyc(a, late.id, 'GB', 'rejected');
    expect((await runAssetIssuance({ tenantIds: [a.id] })).removed).toBe(1);
    expect(await isVerified(late.wallet)).toBe(false);
  });

  it('moves only to verified wallets on chain, and the indexer writes each movement for the asset page', async () => {
    const rpc = createPublicClient({ transport: http(chain.rpcUrl) });
    const w = chain.walletOf(treasuryKey);
    const stranger = privateKeyToAccount(generatePrivateKey()).address;
    // The compliance hook refuses an unverified receiver: rule 4.
    expect(await rpc.readContract({ address: token, abi: permissionedTokenAbi, functionName: 'transferStatus', args: [treasury.address, stranger, 1n] })).toBe(4);
    await expect(rpc.simulateContract({ address: token, abi: permissionedTokenAbi, functionName: 'transfer', args: [stranger, 1n], account: treasury.address })).rejects.toThrow(/TransferRestricted/);
    const hash = await w.writeContract({ address: token, abi: permissionedTokenAbi, functionName: 'transfer', args: [investorA.wallet, 250n * 10n ** 18n], chain: null, account: w.account! });
    expect((await chain.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
    await syncChainOnce(indexed);

    const asIssuer = await call(assetRoute, { host: a.host, token: issuer.token, params: { id: assetId } });
    expect(asIssuer.json.transactions.map((x: { kind: string; to: string; amount: string }) => [x.kind, x.to, x.amount])).toEqual([
      ['transfer', investorA.wallet.toLowerCase(), (250n * 10n ** 18n).toString()],
      ['issue', treasury.address.toLowerCase(), (1_000_000n * 10n ** 18n).toString()],
    ]);
    expect(asIssuer.json.transactions[0].txHash).toBe(hash.toLowerCase());
    expect(asIssuer.json.holders).toEqual([
      { address: treasury.address.toLowerCase(), balance: (999_750n * 10n ** 18n).toString() },
      { address: investorA.wallet.toLowerCase(), balance: (250n * 10n ** 18n).toString() },
    ]);
    expect((await call(assetRoute, { host: a.host, token: officerA, params: { id: assetId } })).json.holders).toHaveLength(2);
    const asMember = await call(assetRoute, { host: a.host, token: investorA.token, params: { id: assetId } });
    expect(asMember.json.holders).toBeNull();
    expect(asMember.json.transactions).toHaveLength(2);
    // Indexed again: nothing doubles.
    await syncChainOnce(indexed);
    expect((await call(assetRoute, { host: a.host, token: issuer.token, params: { id: assetId } })).json.transactions).toHaveLength(2);
    // Another tenant sees nothing of it.
    expect((await call(assetRoute, { host: b.host, token: adminB, params: { id: assetId } })).status).toBe(404);
  });

  it('takes updates from its issuer only; a valuation update becomes the asset’s valuation', async () => {
    const news = await call(postUpdateRoute, { host: a.host, token: issuer.token, params: { id: assetId }, body: { kind: 'news', title: 'Third tenant signed', body: 'Floors 30 to 34 are let until 2034.' } });
    expect(news.status, JSON.stringify(news.json)).toBe(201);
    const noValue = await call(postUpdateRoute, { host: a.host, token: issuer.token, params: { id: assetId }, body: { kind: 'valuation', title: 'Revalued', body: 'By the annual report.' } });
    expect(noValue.status).toBe(400);
    const valued = await call(postUpdateRoute, { host: a.host, token: issuer.token, params: { id: assetId }, body: { kind: 'valuation', title: 'Revalued', body: 'By the annual report.', valuation: '2700000000' } });
    expect(valued.status).toBe(201);
    const other = await makeVerifiedIssuer(a, adminA);
    expect((await call(postUpdateRoute, { host: a.host, token: other.token, params: { id: assetId }, body: { kind: 'news', title: 'x', body: 'y' } })).status).toBe(404);
    expect((await call(postUpdateRoute, { host: a.host, token: investorA.token, params: { id: assetId }, body: { kind: 'news', title: 'x', body: 'y' } })).status).toBe(403);
    const page = await call(assetRoute, { host: a.host, token: investorA.token, params: { id: assetId } });
    expect(page.json.asset.valuation).toBe('2700000000');
    expect(page.json.updates.map((u: { title: string }) => u.title)).toEqual(['Revalued', 'Third tenant signed']);
  });
});
