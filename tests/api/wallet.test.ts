import { beforeAll, describe, expect, it } from 'vitest';
import type { Hex } from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { createSiweMessage, type SiweMessage } from 'viem/siwe';
import { GET as auditLogs } from '../../src/app/api/admin/audit-logs/route';
import { GET as profile } from '../../src/app/api/profile/route';
import { DELETE as unlink, POST as link } from '../../src/app/api/wallet/link/route';
import { POST as nonceRoute } from '../../src/app/api/wallet/nonce/route';
import { call } from '../helpers/api';
import { tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// Real EIP-191 signatures over real EIP-4361 messages, from fixed local keys.
const alice = privateKeyToAccount('0x1111111111111111111111111111111111111111111111111111111111111111');
const mallory = privateKeyToAccount('0x2222222222222222222222222222222222222222222222222222222222222222');
const carol = privateKeyToAccount('0x3333333333333333333333333333333333333333333333333333333333333333');

type Challenge = { nonce: string; issuedAt: string; expirationTime: string; domain: string; uri: string; chainId: number; statement: string };
type Signer = { tenant: TestTenant; token: string };

let a: TestTenant;
let b: TestTenant;

async function challenge(s: Signer): Promise<Challenge> {
  const r = await call(nonceRoute, { host: s.tenant.host, token: s.token, method: 'POST', path: '/api/wallet/nonce' });
  expect(r.status).toBe(200);
  return r.json;
}

function message(ch: Challenge, address: Hex, overrides: Partial<SiweMessage> = {}): string {
  return createSiweMessage({
    address,
    domain: ch.domain,
    uri: ch.uri,
    chainId: ch.chainId,
    nonce: ch.nonce,
    statement: ch.statement,
    version: '1',
    issuedAt: new Date(ch.issuedAt),
    expirationTime: new Date(ch.expirationTime),
    ...overrides,
  });
}

async function sendLink(s: Signer, text: string, signer: PrivateKeyAccount) {
  const signature = await signer.signMessage({ message: text });
  return call(link, { host: s.tenant.host, token: s.token, path: '/api/wallet/link', body: { message: text, signature } });
}

async function signIn(tenant: TestTenant): Promise<Signer & { id: string }> {
  const u = await makeUser(tenant);
  return { tenant, token: await tokenFor(tenant, u.email), id: u.id };
}

const walletOf = async (s: Signer) => (await call(profile, { host: s.tenant.host, token: s.token })).json.walletAddress;

beforeAll(async () => {
  [a, b] = await Promise.all([makeTenant(), makeTenant()]);
});

describe('wallet linking with Sign-In with Ethereum', () => {
  it('issues a single-use challenge bound to the request host and the configured chain', async () => {
    const s = await signIn(a);
    const ch = await challenge(s);
    expect(ch.nonce).toMatch(/^[A-Za-z0-9]{16,}$/);
    expect(ch.domain).toBe(a.host);
    expect(ch.uri).toBe(`http://${a.host}`);
    expect(ch.chainId).toBe(31337);
    expect(new Date(ch.expirationTime).getTime() - new Date(ch.issuedAt).getTime()).toBe(5 * 60_000);
    expect((await challenge(s)).nonce).not.toBe(ch.nonce);
    expect((await call(nonceRoute, { host: a.host, method: 'POST' })).status).toBe(401);
  });

  it('links the signer’s address, sets the profile wallet, audits it, and refuses a replay', async () => {
    const s = await signIn(a);
    const text = message(await challenge(s), alice.address);
    const r = await sendLink(s, text, alice);
    expect(r.status).toBe(200);
    expect(r.json.walletAddress).toBe(alice.address.toLowerCase());
    expect(r.json.wallet).toMatchObject({ address: alice.address.toLowerCase(), chainId: 31337 });
    expect(await walletOf(s)).toBe(alice.address.toLowerCase());

    const replay = await sendLink(s, text, alice);
    expect(replay.status).toBe(400);
    expect(replay.json.code).toBe('siwe_nonce_invalid');

    const admin = await tokenFor(a, a.admin.email);
    const log = await call(auditLogs, { host: a.host, token: admin, path: '/api/admin/audit-logs?action=wallet.link' });
    const mine = log.json.entries.filter((e: { actorId: string }) => e.actorId === s.id);
    expect(mine.map((e: { outcome: string }) => e.outcome).sort()).toEqual(['denied', 'success']);

    // The address is taken in this tenant: another account cannot link it.
    const other = await signIn(a);
    const taken = await sendLink(other, message(await challenge(other), alice.address), alice);
    expect(taken.status).toBe(409);
    expect(taken.json.code).toBe('wallet_taken');
    expect(await walletOf(other)).toBeNull();
  });

  it('spends a nonce once when the same signed message races itself', async () => {
    const s = await signIn(a);
    const text = message(await challenge(s), carol.address);
    const signature = await carol.signMessage({ message: text });
    const send = () => call(link, { host: a.host, token: s.token, body: { message: text, signature } });
    const results = await Promise.all([send(), send(), send()]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400]);
    // Leave carol free for later tests.
    expect((await call(unlink, { host: a.host, token: s.token, method: 'DELETE', body: { address: carol.address } })).status).toBe(200);
  });

  it('refuses a message written for another host or origin', async () => {
    const s = await signIn(a);
    const ch = await challenge(s);
    const r = await sendLink(s, message(ch, mallory.address, { domain: 'evil.example' }), mallory);
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('siwe_domain_mismatch');
    const uri = await sendLink(s, message(ch, mallory.address, { uri: 'https://evil.example/login' }), mallory);
    expect(uri.status).toBe(400);
    expect(uri.json.code).toBe('siwe_domain_mismatch');
    // A message for tenant B's host, sent to tenant A, is as foreign as any other host.
    const cross = await sendLink(s, message(ch, mallory.address, { domain: b.host, uri: `http://${b.host}` }), mallory);
    expect(cross.json.code).toBe('siwe_domain_mismatch');
    expect(await walletOf(s)).toBeNull();
  });

  it('refuses a message for another chain', async () => {
    const s = await signIn(a);
    const r = await sendLink(s, message(await challenge(s), mallory.address, { chainId: 1 }), mallory);
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('siwe_chain_mismatch');
  });

  it('refuses an expired message and one issued in the future', async () => {
    const s = await signIn(a);
    const ch = await challenge(s);
    const past = Date.now() - 10 * 60_000;
    const expired = await sendLink(s, message(ch, mallory.address, { issuedAt: new Date(past), expirationTime: new Date(past + 60_000) }), mallory);
    expect(expired.status).toBe(400);
    expect(expired.json.code).toBe('siwe_expired');
    const future = await sendLink(s, message(ch, mallory.address, { issuedAt: new Date(Date.now() + 10 * 60_000), expirationTime: new Date(Date.now() + 20 * 60_000) }), mallory);
    expect(future.status).toBe(400);
    expect(future.json.code).toBe('siwe_not_yet_valid');
  });

  it('refuses a signature by another key than the message’s address', async () => {
    const s = await signIn(a);
    const r = await sendLink(s, message(await challenge(s), alice.address), mallory);
    expect(r.status).toBe(401);
    expect(r.json.code).toBe('siwe_bad_signature');
  });

  it('refuses another user’s nonce and leaves it usable by its owner', async () => {
    const owner = await signIn(a);
    const thief = await signIn(a);
    const ch = await challenge(owner);
    const stolen = await sendLink(thief, message(ch, mallory.address), mallory);
    expect(stolen.status).toBe(400);
    expect(stolen.json.code).toBe('siwe_nonce_invalid');
    expect((await sendLink(owner, message(ch, mallory.address), mallory)).status).toBe(200);
  });

  it('keeps nonces and links per tenant', async () => {
    const onA = await signIn(a);
    const onB = await signIn(b);
    const chA = await challenge(onA);
    const chB = await challenge(onB);
    // A nonce issued on tenant A, in a message otherwise correct for tenant B.
    const r = await sendLink(onB, message({ ...chB, nonce: chA.nonce }, alice.address), alice);
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('siwe_nonce_invalid');
    // alice is linked on tenant A; tenant B is its own platform, so she may link there too.
    expect((await sendLink(onB, message(chB, alice.address), alice)).status).toBe(200);
    // A's token is no key to B.
    expect((await call(nonceRoute, { host: b.host, token: onA.token, method: 'POST' })).status).toBe(401);
  });

  it('unlinks a wallet, clears the profile and frees the address', async () => {
    const s = await signIn(a);
    expect((await sendLink(s, message(await challenge(s), carol.address), carol)).status).toBe(200);
    const r = await call(unlink, { host: a.host, token: s.token, method: 'DELETE', body: { address: carol.address } });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ success: true, walletAddress: null });
    expect(await walletOf(s)).toBeNull();
    const again = await call(unlink, { host: a.host, token: s.token, method: 'DELETE', body: { address: carol.address } });
    expect(again.status).toBe(404);
    expect(again.json.code).toBe('wallet_not_linked');
    const next = await signIn(a);
    expect((await sendLink(next, message(await challenge(next), carol.address), carol)).status).toBe(200);
  });
});
