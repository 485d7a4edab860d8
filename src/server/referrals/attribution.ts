// Sign-up attribution: registration hands over the first-touch cookie; inside the tenant's window
// the new member is attributed to the link's referrer, unless it is the referrer again (the same
// user, the same mailbox, or a device the referrer uses), which is refused and recorded with why.
import type { RequestMeta } from '../audit/service';
import { findUserById, listActiveSessions } from '../auth/repo';
import type { TenantTx } from '../db/tenant';
import type { ReferralRefusal } from '../db/types';
import { insideWindow, verifyAttribution } from './attribution-cookie';
import { deviceHash } from './device';
import { findClick, findSettings, insertAttribution, referrerDeviceHashes } from './repo';
import { DEFAULT_WINDOW_DAYS } from './views';

/** One mailbox, however it is spelled: case, and a "+tag" on the local part, are ignored. */
export function mailbox(email: string): string {
  const [local = '', domain = ''] = email.trim().toLowerCase().split(/@(?=[^@]*$)/);
  return `${local.replace(/\+.*$/, '')}@${domain}`;
}

export type SignUpAttribution = { status: 'attributed' | 'refused'; reason: ReferralRefusal | null } | null;

/** Inside registration's transaction; null when the sign-up came with no genuine referral cookie. */
export async function attributeSignUp(t: TenantTx, signUp: { userId: string; email: string; cookie: string | null; meta: RequestMeta; now?: Date }): Promise<SignUpAttribution> {
  const claims = verifyAttribution(signUp.cookie, t.tenantId);
  if (!claims) return null;
  const click = await findClick(t, claims.clickId);
  if (!click) return null;
  const now = signUp.now ?? new Date();
  const device = deviceHash(t.tenantId, signUp.meta);
  const reason = await refusalOf(t, click.referrer_id, signUp, device, click.clicked_at, now);
  await insertAttribution(t, { referredUserId: signUp.userId, linkId: click.link_id, referrerId: click.referrer_id, clickId: click.id, status: reason ? 'refused' : 'attributed', refusal: reason, deviceHash: device });
  return { status: reason ? 'refused' : 'attributed', reason };
}

async function refusalOf(t: TenantTx, referrerId: string, signUp: { userId: string; email: string }, device: string, clickedAt: Date, now: Date): Promise<ReferralRefusal | null> {
  if (referrerId === signUp.userId) return 'same_user';
  const referrer = await findUserById(t, referrerId);
  if (referrer && mailbox(referrer.email) === mailbox(signUp.email)) return 'same_email';
  const known = new Set(await referrerDeviceHashes(t, referrerId));
  for (const s of await listActiveSessions(t, referrerId)) known.add(deviceHash(t.tenantId, { ip: s.ip, userAgent: s.user_agent }));
  if (known.has(device)) return 'same_device';
  const windowDays = (await findSettings(t))?.attribution_window_days ?? DEFAULT_WINDOW_DAYS;
  if (!insideWindow(clickedAt, windowDays, now)) return 'window_expired';
  return null;
}
