import { randomBytes } from 'node:crypto';
import { audit, auditStandalone, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { getConfig } from '../config';
import { withTenant, type TenantTx } from '../db/tenant';
import { AppError, BadRequest, Conflict, NotFound } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { deleteLink, findLinkByAddress, findNonce, insertNonce, listLinks, profileWallet, pruneNonces, setProfileWallet, spendNonce, upsertLink } from './repo';
import type { LinkedWallet, LinkWalletInput, SiweChallenge } from './schema';
import { SiweExpired, verifySiwe } from './siwe';

/** How long a nonce (and the message built on it) may be signed and sent back. */
export const NONCE_TTL_MS = 5 * 60_000;

/** Where the request arrived: the message must name this host and origin. */
export type Site = { domain: string; origin: string };

/** The site a request was made to, from its Host (and, behind a trusted proxy, X-Forwarded-Proto). */
export function requestSite(req: Request, host: string, trustProxy: boolean): Site {
  const forwarded = trustProxy ? req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() : undefined;
  const scheme = forwarded === 'https' || forwarded === 'http' ? forwarded : new URL(req.url).protocol.replace(':', '');
  return { domain: host, origin: `${scheme}://${host}` };
}

const toView = (r: { address: string; chain_id: string | number; linked_at: Date }): LinkedWallet => ({ address: r.address, chainId: Number(r.chain_id), linkedAt: r.linked_at.toISOString() });

/** A single-use nonce for this user, with every field the wallet's EIP-4361 message must carry. */
export async function issueNonce(tenant: TenantContext, p: Principal, site: Site, now = new Date()): Promise<SiweChallenge> {
  // 32 hex digits: 128 random bits, alphanumeric as EIP-4361 requires.
  const nonce = randomBytes(16).toString('hex');
  const expiresAt = new Date(now.getTime() + NONCE_TTL_MS);
  await withTenant(tenant.id, { userId: p.userId }, async (t) => {
    await pruneNonces(t, p.userId);
    await insertNonce(t, { userId: p.userId, nonce, expiresAt });
  });
  return {
    nonce,
    issuedAt: now.toISOString(),
    expirationTime: expiresAt.toISOString(),
    domain: site.domain,
    uri: site.origin,
    chainId: getConfig().NEXT_PUBLIC_CHAIN_ID,
    // EIP-4361 statements are one line.
    statement: `Link this wallet to your ${tenant.name.replace(/[\r\n]+/g, ' ')} account.`,
  };
}

const isUniqueViolation = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: string }).code === '23505';

/**
 * Verifies a signed EIP-4361 message and links its address to the caller. The nonce is spent
 * in the same transaction as the link, so a replayed message (or a second request racing the
 * first) finds it used.
 */
export async function linkWallet(tenant: TenantContext, p: Principal, input: LinkWalletInput, site: Site, meta: RequestMeta): Promise<{ wallet: LinkedWallet; walletAddress: string }> {
  const now = new Date();
  try {
    const siwe = await verifySiwe(input.message, input.signature, { domain: site.domain, origin: site.origin, chainId: getConfig().NEXT_PUBLIC_CHAIN_ID, now });
    const address = siwe.address.toLowerCase();
    return await withTenant(tenant.id, { userId: p.userId }, async (t) => {
      if (!(await spendNonce(t, p.userId, siwe.nonce, now))) {
        const n = await findNonce(t, siwe.nonce);
        if (n && n.user_id === p.userId && !n.used_at) throw new SiweExpired('The sign-in nonce has expired; request a new one');
        throw new BadRequest('siwe_nonce_invalid', 'The nonce is unknown, already used or not yours; request a new one');
      }
      const existing = await findLinkByAddress(t, address);
      if (existing && existing.user_id !== p.userId) throw new Conflict('wallet_taken', 'This wallet is already linked to another account');
      let row;
      try {
        row = await upsertLink(t, { userId: p.userId, address, chainId: siwe.chainId });
      } catch (e) {
        if (isUniqueViolation(e)) throw new Conflict('wallet_taken', 'This wallet is already linked to another account');
        throw e;
      }
      await setProfileWallet(t, p.userId, address);
      await audit(t, { actorId: p.userId, actorRole: p.role, action: 'wallet.link', targetType: 'wallet', targetId: address, metadata: { chainId: siwe.chainId, domain: site.domain } }, meta);
      return { wallet: toView(row), walletAddress: address };
    });
  } catch (e) {
    // Refused links are part of the account's security history.
    if (e instanceof AppError && e.code !== 'validation_failed')
      await auditStandalone(tenant.id, { actorId: p.userId, actorRole: p.role, action: 'wallet.link', targetType: 'wallet', outcome: 'denied', metadata: { code: e.code } }, meta);
    throw e;
  }
}

/** Removes one of the caller's links; the profile then shows the newest remaining wallet, if any. */
export async function unlinkWallet(tenant: TenantContext, p: Principal, address: string, meta: RequestMeta): Promise<{ success: true; walletAddress: string | null }> {
  const lower = address.toLowerCase();
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    if (!(await deleteLink(t, p.userId, lower))) throw new NotFound('This wallet is not linked to your account', 'wallet_not_linked');
    let current = await profileWallet(t, p.userId);
    if (current?.toLowerCase() === lower) {
      current = (await listLinks(t, p.userId))[0]?.address ?? null;
      await setProfileWallet(t, p.userId, current);
    }
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'wallet.unlink', targetType: 'wallet', targetId: lower }, meta);
    return { success: true, walletAddress: current };
  });
}

export async function listWallets(tenant: TenantContext, p: Principal): Promise<LinkedWallet[]> {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => (await listLinks(t, p.userId)).map(toView));
}

/** The addresses linked to an account, newest first (lowercase), inside the caller's transaction. */
export async function linkedAddresses(t: TenantTx, userId: string): Promise<string[]> {
  return (await listLinks(t, userId)).map((l) => l.address.toLowerCase());
}

/**
 * Seeds and provisioning only: records a wallet link without a SIWE round trip (the demo seed
 * links anvil's development accounts it controls). Audited like a link.
 */
export async function recordWalletLink(t: TenantTx, userId: string, address: string, chainId: number): Promise<void> {
  const lower = address.toLowerCase();
  const existing = await findLinkByAddress(t, lower);
  if (existing && existing.user_id !== userId) throw new Conflict('wallet_taken', 'This wallet is already linked to another account');
  await upsertLink(t, { userId, address: lower, chainId });
  await setProfileWallet(t, userId, lower);
  await audit(t, { actorId: null, actorRole: 'system', action: 'wallet.link', targetType: 'wallet', targetId: lower, metadata: { chainId, by: 'seed' } }, { ip: null, userAgent: null, requestId: null });
}
