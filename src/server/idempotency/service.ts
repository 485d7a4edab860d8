import { createHash } from 'node:crypto';
import { withTenant, type TenantTx } from '../db/tenant';
import { AppError, BadRequest, Conflict, ValidationError } from '../errors';
import { claimKey, releaseKey, storeResponse, type KeyScope } from './repo';

// Idempotency-Key with the semantics Stripe documents: per actor and endpoint, kept 24 h;
// the first response (errors included) is replayed for the same key and parameters; other
// parameters get 422; a request arriving while the first is still running gets 409.

export type Outcome = { status: number; body: unknown; replayed: boolean };

export function parseIdempotencyKey(header: string | null): string | null {
  if (header === null) return null;
  const key = header.trim();
  if (key.length < 1 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key))
    throw new BadRequest('invalid_idempotency_key', 'Idempotency-Key must be 1 to 255 visible ASCII characters');
  return key;
}

export function requestFingerprint(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** A key this request holds: the first request with it, still running. */
export type ClaimedKey = { tenantId: string; actorId: string; scope: KeyScope };

/**
 * Claims the key for a first request. A repeat gets the stored outcome to replay; other
 * parameters get 422; a repeat while the first is still running gets 409.
 */
export async function claimIdempotencyKey(
  tenantId: string,
  actorId: string,
  scope: { endpoint: string; key: string },
  fingerprint: string,
): Promise<{ replay: Outcome } | { claimed: ClaimedKey }> {
  const ks: KeyScope = { actorId, endpoint: scope.endpoint, key: scope.key };
  const claim = await withTenant(tenantId, { userId: actorId }, (t) => claimKey(t, ks, fingerprint));
  if (claim.claimed) return { claimed: { tenantId, actorId, scope: ks } };
  const e = claim.existing;
  if (e.request_hash !== fingerprint) throw new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was used with different parameters; use a new key');
  if (e.state !== 'completed' || e.response_status === null)
    throw new Conflict('idempotency_request_in_progress', 'A request with this Idempotency-Key is still being processed; retry shortly');
  return { replay: { status: e.response_status, body: e.response_body, replayed: true } };
}

/** Inside the transaction of the work: its success response, committed with it. */
export const storeKeyedResponse = (t: TenantTx, k: ClaimedKey, out: { status: number; body: unknown }) => storeResponse(t, k.scope, out.status, out.body);

/**
 * After the work failed: a business error is stored, so a retry sees the same answer; a
 * request that failed validation or an unexpected failure frees the key for a retry.
 */
export async function afterKeyedFailure(k: ClaimedKey, err: unknown): Promise<void> {
  const actor = { userId: k.actorId };
  if (err instanceof AppError && !(err instanceof ValidationError)) {
    const body = { type: 'about:blank', title: err.message, status: err.status, code: err.code, detail: err.message, ...err.extra };
    await withTenant(k.tenantId, actor, (t) => storeResponse(t, k.scope, err.status, body));
  } else {
    await withTenant(k.tenantId, actor, (t) => releaseKey(t, k.scope)).catch(() => {});
  }
}

/** Runs `work` for a claimed key in one tenant transaction that also stores its response. */
export async function runClaimed(k: ClaimedKey, work: (t: TenantTx) => Promise<{ status: number; body: unknown }>): Promise<Outcome> {
  try {
    const r = await withTenant(k.tenantId, { userId: k.actorId }, async (t) => {
      const out = await work(t);
      await storeKeyedResponse(t, k, out);
      return out;
    });
    return { ...r, replayed: false };
  } catch (err) {
    await afterKeyedFailure(k, err);
    throw err;
  }
}

/**
 * Runs `work` in one tenant transaction, once per key. The success response is stored in
 * that same transaction (commit together or not at all); a business error is stored right
 * after, so a retry sees the same answer; an unexpected failure frees the key for a retry.
 */
export async function idempotent(
  tenantId: string,
  actorId: string,
  scope: { endpoint: string; key: string | null },
  fingerprint: string,
  work: (t: TenantTx) => Promise<{ status: number; body: unknown }>,
): Promise<Outcome> {
  if (!scope.key) return { ...(await withTenant(tenantId, { userId: actorId }, work)), replayed: false };
  const c = await claimIdempotencyKey(tenantId, actorId, { endpoint: scope.endpoint, key: scope.key }, fingerprint);
  if ('replay' in c) return c.replay;
  return runClaimed(c.claimed, work);
}
