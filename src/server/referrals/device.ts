import { createHmac } from 'node:crypto';
import { keyRing } from '../auth/keys';

// A device, as referrals may keep it: an HMAC of the client address and user agent under the
// platform's signing key, bound to the tenant. It tells "the same browser on the same network"
// apart without storing either value, and means nothing outside this platform or this tenant.
// (A rotated signing key starts new hashes; a click older than the rotation then matches nothing.)

export function deviceHash(tenantId: string, device: { ip: string | null; userAgent: string | null }): string {
  return createHmac('sha256', keyRing().current.secret)
    .update(`cdp referral device\0${tenantId}\0${device.ip ?? ''}\0${device.userAgent ?? ''}`)
    .digest('hex');
}
