// A member's referral links, and what following one does: the click is recorded (with a device
// hash, never the address), the first-touch cookie is set unless an earlier click's cookie is
// still inside the window (first touch wins) or the referrer follows their own link, and the
// browser goes to the link's landing path on this same host.
import { randomBytes } from 'node:crypto';
import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import { Conflict, NotFound } from '../errors';
import type { CookieSpec } from '../http/cookies';
import type { TenantContext } from '../tenancy/resolve';
import { attributionCookie, insideWindow, signAttribution, verifyAttribution } from './attribution-cookie';
import { deviceHash } from './device';
import { ensureReferrer, findClick, findLinkByCode, findSettings, insertClick, insertLink } from './repo';
import type { CreateLinkInput } from './schema';
import { DEFAULT_WINDOW_DAYS } from './views';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

function randomCode(): string {
  const bytes = randomBytes(10);
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

export type ReferralLinkCreated = { link: { id: string; code: string; campaign: string; target: string; path: string; createdAt: string } };

export async function createReferralLink(tenant: TenantContext, member: Principal, input: CreateLinkInput, meta: RequestMeta): Promise<ReferralLinkCreated> {
  return withTenant(tenant.id, { userId: member.userId }, async (t) => {
    await ensureReferrer(t, member.userId);
    const device = deviceHash(tenant.id, meta);
    // A chosen code that is taken is the caller's to change; a random one is drawn again.
    let link = await insertLink(t, { referrerId: member.userId, code: input.code ?? randomCode(), campaign: input.campaign, targetPath: input.target, deviceHash: device });
    for (let i = 0; !link && !input.code && i < 3; i++) link = await insertLink(t, { referrerId: member.userId, code: randomCode(), campaign: input.campaign, targetPath: input.target, deviceHash: device });
    if (!link) throw new Conflict('referral_code_taken', input.code ? `The code ${input.code} is already used on this platform; choose another` : 'No free code could be drawn; try again');
    await audit(t, { actorId: member.userId, actorRole: member.role, action: 'referral.link_created', targetType: 'referral_link', targetId: link.id, metadata: { code: link.code, campaign: link.campaign, target: link.target_path } }, meta);
    return { link: { id: link.id, code: link.code, campaign: link.campaign, target: link.target_path, path: `/r/${link.code}`, createdAt: link.created_at.toISOString() } };
  });
}

/**
 * GET /r/{code}: where to send the browser and the cookie to set (none when an earlier click
 * keeps first touch, or for the referrer's own click). An unknown code is 404.
 */
export async function followReferralLink(
  tenant: TenantContext,
  visitor: Principal | null,
  code: string,
  cookieValue: string | null,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ location: string; cookie: CookieSpec | null }> {
  return withTenant(tenant.id, { userId: visitor?.userId ?? null }, async (t) => {
    const link = await findLinkByCode(t, code);
    if (!link) throw new NotFound('This referral link does not exist on this platform', 'referral_link_not_found');
    const windowDays = (await findSettings(t))?.attribution_window_days ?? DEFAULT_WINDOW_DAYS;
    const device = deviceHash(tenant.id, meta);
    if (visitor?.userId === link.referrer_id) {
      await insertClick(t, { linkId: link.id, deviceHash: device, outcome: 'own_link', at: now });
      return { location: link.target_path, cookie: null };
    }
    const earlier = verifyAttribution(cookieValue, tenant.id);
    const earlierClick = earlier ? await findClick(t, earlier.clickId) : undefined;
    if (earlierClick && insideWindow(earlierClick.clicked_at, windowDays, now)) {
      await insertClick(t, { linkId: link.id, deviceHash: device, outcome: 'kept_first', at: now });
      return { location: link.target_path, cookie: null };
    }
    const clickId = await insertClick(t, { linkId: link.id, deviceHash: device, outcome: 'tracked', at: now });
    return { location: link.target_path, cookie: attributionCookie(signAttribution({ tenantId: tenant.id, clickId, clickedAt: now }), windowDays) };
  });
}
