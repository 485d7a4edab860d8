import { createHmac } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { JwtKey } from '../auth/jwt';
import { keyRing } from '../auth/keys';
import { safeEqual } from '../auth/secret-token';

// The newsletter's signed links. Each tenant signs under its own key, derived from the JWT key
// ring (so a leaked tenant key forges nothing for another tenant, and rotating JWT_KEYS keeps
// links valid while the previous key still verifies). Signatures are HMAC-SHA256, cut to 128
// bits, in hex:
//  - click:        /c/<campaign>.<subscriber>.<link index>.<sig over campaign, subscriber, index, target>
//  - unsubscribe:  <campaign>.<subscriber>.<sig>  (no expiry: an old newsletter's link keeps working)
//  - confirmation: <subscriber>.<expires, unix s>.<sig over subscriber, address, expiry>
// Click and unsubscribe links are made for 100,000 recipients in one INSERT ... SELECT, so the
// same HMAC is also written in SQL (hmacSql) from PostgreSQL's built-in sha256: HMAC(K, m) =
// H((K ^ opad) || H((K ^ ipad) || m)), with the derived key passed as its two pads.

const SIG_HEX = 32;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function tenantKey(key: JwtKey, tenantId: string): Buffer {
  return createHmac('sha256', key.secret).update(`cdp newsletter\0${tenantId}`).digest();
}

const sign = (k: Buffer, message: string) => createHmac('sha256', k).update(message, 'utf8').digest('hex').slice(0, SIG_HEX);

/** Whether `sig` is the signature of `message` under the tenant's current or a previous key. */
function verifies(tenantId: string, message: string, sig: string): boolean {
  const ring = keyRing();
  return [ring.current, ...ring.previous].some((k) => safeEqual(sign(tenantKey(k, tenantId), message), sig));
}

export const clickMessage = (campaignId: string, subscriberId: string, index: number, target: string) => `click\n${campaignId}\n${subscriberId}\n${index}\n${target}`;
export const unsubscribeMessage = (campaignId: string, subscriberId: string) => `unsubscribe\n${campaignId}\n${subscriberId}`;

export function clickToken(tenantId: string, campaignId: string, subscriberId: string, index: number, target: string): string {
  return `${campaignId}.${subscriberId}.${index}.${sign(tenantKey(keyRing().current, tenantId), clickMessage(campaignId, subscriberId, index, target))}`;
}

export type ClickClaim = { campaignId: string; subscriberId: string; index: number; sig: string };

/** The parts of a click token, if it is well formed (the signature is checked against the target). */
export function parseClickToken(token: string): ClickClaim | null {
  const [campaignId, subscriberId, index, sig, extra] = token.split('.');
  if (extra !== undefined || !campaignId || !subscriberId || !index || !sig) return null;
  if (!UUID.test(campaignId) || !UUID.test(subscriberId) || !/^\d{1,3}$/.test(index) || !/^[0-9a-f]{32}$/.test(sig)) return null;
  return { campaignId, subscriberId, index: Number(index), sig };
}

export function clickSignatureHolds(tenantId: string, c: ClickClaim, target: string): boolean {
  return verifies(tenantId, clickMessage(c.campaignId, c.subscriberId, c.index, target), c.sig);
}

export function unsubscribeToken(tenantId: string, campaignId: string, subscriberId: string): string {
  return `${campaignId}.${subscriberId}.${sign(tenantKey(keyRing().current, tenantId), unsubscribeMessage(campaignId, subscriberId))}`;
}

export function readUnsubscribeToken(tenantId: string, token: string): { campaignId: string; subscriberId: string } | null {
  const [campaignId, subscriberId, sig, extra] = token.split('.');
  if (extra !== undefined || !campaignId || !subscriberId || !sig || !UUID.test(campaignId) || !UUID.test(subscriberId)) return null;
  return verifies(tenantId, unsubscribeMessage(campaignId, subscriberId), sig) ? { campaignId, subscriberId } : null;
}

export const CONFIRMATION_TTL_SECONDS = 7 * 24 * 3600;

const confirmMessage = (subscriberId: string, email: string, expires: number) => `confirm\n${subscriberId}\n${email.toLowerCase()}\n${expires}`;

export function confirmationToken(tenantId: string, subscriberId: string, email: string, now: Date = new Date()): string {
  const expires = Math.floor(now.getTime() / 1000) + CONFIRMATION_TTL_SECONDS;
  return `${subscriberId}.${expires}.${sign(tenantKey(keyRing().current, tenantId), confirmMessage(subscriberId, email, expires))}`;
}

/** The subscriber a confirmation token names, once its address is known; 'expired' past its time. */
export function parseConfirmationToken(token: string): { subscriberId: string; expires: number; sig: string } | null {
  const [subscriberId, expires, sig, extra] = token.split('.');
  if (extra !== undefined || !subscriberId || !expires || !sig || !UUID.test(subscriberId) || !/^\d{1,12}$/.test(expires)) return null;
  return { subscriberId, expires: Number(expires), sig };
}

export function confirmationHolds(tenantId: string, c: { subscriberId: string; expires: number; sig: string }, email: string): boolean {
  return verifies(tenantId, confirmMessage(c.subscriberId, email, c.expires), c.sig);
}

/** The tenant's current signing key as HMAC pads, for hmacSql (block size 64 bytes). */
export function signingPads(tenantId: string): { ipad: Buffer; opad: Buffer } {
  const k = Buffer.alloc(64);
  tenantKey(keyRing().current, tenantId).copy(k);
  return { ipad: Buffer.from(k.map((b) => b ^ 0x36)), opad: Buffer.from(k.map((b) => b ^ 0x5c)) };
}

/** The same signature as `sign`, computed by PostgreSQL over a text expression. */
export function hmacSql(pads: { ipad: Buffer; opad: Buffer }, message: RawBuilder<string>): RawBuilder<string> {
  return sql<string>`left(encode(sha256(${pads.opad}::bytea || sha256(${pads.ipad}::bytea || convert_to(${message}, 'UTF8'))), 'hex'), ${SIG_HEX})`;
}
