import { createHmac } from 'node:crypto';
import { getConfig } from '../config';
import type { TenantTx } from '../db/tenant';
import type { Role } from '../db/types';
import { uuidv7 } from '../ids';
import type { RequestMeta } from '../audit/service';
import { signAccessToken } from './jwt';
import { keyRing } from './keys';
import { insertRefreshToken, insertSession } from './repo';
import { hashToken, randomToken } from './secret-token';

export type IssuedTokens = { accessToken: string; refreshToken: string; sessionId: string; accessTtlSeconds: number; refreshTtlSeconds: number };

// A session waiting for its MFA code lives only this long.
export const MFA_PENDING_TTL_SECONDS = 5 * 60;

export async function accessTokenFor(tenantId: string, userId: string, role: Role, sessionId: string): Promise<string> {
  return signAccessToken(keyRing(), { tenantId, userId, role, sessionId }, { ttlSeconds: getConfig().ACCESS_TOKEN_TTL_SECONDS });
}

/** Opens a session (one refresh-token family). With mfaPending, only the MFA step can use it. */
export async function openSession(
  t: TenantTx,
  user: { id: string; role: Role },
  meta: RequestMeta,
  opts: { mfaPending: boolean },
): Promise<IssuedTokens> {
  const config = getConfig();
  const sessionId = uuidv7();
  const refreshToken = randomToken(32);
  const refreshTtlSeconds = opts.mfaPending ? MFA_PENDING_TTL_SECONDS : config.REFRESH_TOKEN_TTL_DAYS * 86_400;
  await insertSession(t, {
    id: sessionId,
    userId: user.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    expiresAt: new Date(Date.now() + refreshTtlSeconds * 1000),
    mfaPending: opts.mfaPending,
    tokenHash: hashToken(refreshToken),
  });
  const accessToken = opts.mfaPending ? '' : await accessTokenFor(t.tenantId, user.id, user.role, sessionId);
  return { accessToken, refreshToken, sessionId, accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS, refreshTtlSeconds };
}

/**
 * The refresh token that follows `presented` in its family: an HMAC under a JWT key, so the server can name it
 * again (to answer a retried refresh with the same successor) while a thief holding `presented` cannot.
 * One candidate per key of the ring: a key rotation between the two refreshes still finds it.
 */
export function successorCandidates(presented: string): string[] {
  const ring = keyRing();
  return [ring.current, ...ring.previous].map((k) => createHmac('sha256', k.secret).update(`cdp-refresh-successor\0${presented}`).digest('base64url'));
}

/** Signs a new access token for a session whose next refresh token is already stored (a retried refresh). */
export async function reissueSession(tenantId: string, user: { id: string; role: Role }, sessionId: string, expiresAt: Date, refreshToken: string): Promise<IssuedTokens> {
  return issued(tenantId, user, sessionId, expiresAt, refreshToken);
}

/**
 * Adds the next refresh token to a session's family and signs a new access token. With `presented` (a refresh),
 * the next token is derived from it (successorCandidates) so a retry of the same refresh can be answered alike.
 */
export async function rotateSession(t: TenantTx, user: { id: string; role: Role }, sessionId: string, expiresAt: Date, presented?: string): Promise<IssuedTokens> {
  const refreshToken = presented ? successorCandidates(presented)[0]! : randomToken(32);
  await insertRefreshToken(t, sessionId, hashToken(refreshToken));
  return issued(t.tenantId, user, sessionId, expiresAt, refreshToken);
}

async function issued(tenantId: string, user: { id: string; role: Role }, sessionId: string, expiresAt: Date, refreshToken: string): Promise<IssuedTokens> {
  const config = getConfig();
  return {
    accessToken: await accessTokenFor(tenantId, user.id, user.role, sessionId),
    refreshToken,
    sessionId,
    accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTtlSeconds: Math.max(1, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
  };
}
