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

/** Adds the next refresh token to a session's family and signs a new access token. */
export async function rotateSession(t: TenantTx, user: { id: string; role: Role }, sessionId: string, expiresAt: Date): Promise<IssuedTokens> {
  const config = getConfig();
  const refreshToken = randomToken(32);
  await insertRefreshToken(t, sessionId, hashToken(refreshToken));
  return {
    accessToken: await accessTokenFor(t.tenantId, user.id, user.role, sessionId),
    refreshToken,
    sessionId,
    accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTtlSeconds: Math.max(1, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
  };
}
