/**
 * GDPR for members: a copy of everything the platform holds about them (data.json and their
 * files, in one tar), and erasure on request, after the tenant's delay (tenants.settings
 * privacy.erasureDelayDays, default 30, 0 allowed) by the job worker. A tenant admin may request
 * it for a member. Requests and erasures are audited.
 */
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { hasRole } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { audit, type RequestMeta } from '../audit/service';
import { getConfig } from '../config';
import { withTenant, withPlatformRead, type TenantTx } from '../db/tenant';
import { Conflict, Forbidden, NotFound } from '../errors';
import { readKycFile } from '../kyc/document-store';
import { settingsSection } from '../tenancy/settings-section';
import type { TenantContext } from '../tenancy/resolve';
import { TarFileWriter } from '../tenant-data/tar-writer';
import { eraseMember, type ErasureResult } from './erase';
import { memberData } from './member-data';
import { cancelErasureRequest, dueErasureRequests, insertErasureRequest, memberExists, openErasureRequest } from './repo';

export const DEFAULT_ERASURE_DELAY_DAYS = 30;
const delaySetting = z.number().int().min(0).max(365);

export function erasureDelayDays(tenant: Pick<TenantContext, 'settings'>): number {
  const v = delaySetting.safeParse(settingsSection(tenant.settings, 'privacy').erasureDelayDays);
  return v.success ? v.data : DEFAULT_ERASURE_DELAY_DAYS;
}

export const erasureRequestInput = z.strictObject({ reason: z.string().trim().max(2000).optional() });

function mayActFor(principal: Principal, userId: string): void {
  if (principal.userId !== userId && !hasRole(principal, ['tenant_admin'])) throw new Forbidden('Only the member or a tenant admin may do this', 'role_required');
}

async function requireMember(t: TenantTx, userId: string): Promise<void> {
  if (!(await memberExists(t, userId))) throw new NotFound('No member has that id here', 'member_not_found');
}

export type ErasureView = { id: string; status: string; dueAt: string };

export async function requestErasure(tenant: TenantContext, principal: Principal, userId: string, input: z.infer<typeof erasureRequestInput>, meta: RequestMeta, now = new Date()): Promise<ErasureView> {
  mayActFor(principal, userId);
  const dueAt = new Date(now.getTime() + erasureDelayDays(tenant) * 86_400_000);
  return withTenant(tenant.id, { userId: principal.userId }, async (t) => {
    await requireMember(t, userId);
    const row = await insertErasureRequest(t, { userId, requestedBy: principal.userId, reason: input.reason ?? null, dueAt });
    if (!row) throw new Conflict('erasure_already_scheduled', 'An erasure of this member is already scheduled');
    await audit(t, { actorId: principal.userId, actorRole: principal.role, action: 'member.erasure_requested', targetType: 'user', targetId: userId, metadata: { requestId: row.id, dueAt: dueAt.toISOString() } }, meta);
    return { id: row.id, status: row.status, dueAt: row.due_at.toISOString() };
  });
}

export async function erasureStatus(tenant: TenantContext, principal: Principal, userId: string): Promise<{ scheduled: ErasureView | null; delayDays: number }> {
  mayActFor(principal, userId);
  const row = await withTenant(tenant.id, { userId: principal.userId }, async (t) => {
    await requireMember(t, userId);
    return openErasureRequest(t, userId);
  });
  return { scheduled: row ? { id: row.id, status: row.status, dueAt: row.due_at.toISOString() } : null, delayDays: erasureDelayDays(tenant) };
}

export async function cancelErasure(tenant: TenantContext, principal: Principal, userId: string, meta: RequestMeta): Promise<void> {
  mayActFor(principal, userId);
  await withTenant(tenant.id, { userId: principal.userId }, async (t) => {
    if (!(await cancelErasureRequest(t, userId))) throw new NotFound('No erasure of this member is scheduled', 'erasure_not_scheduled');
    await audit(t, { actorId: principal.userId, actorRole: principal.role, action: 'member.erasure_cancelled', targetType: 'user', targetId: userId }, meta);
  });
}

/** The job worker's part: every request whose delay has passed, in every tenant. */
export async function runDueErasures(now = new Date(), log: (m: string) => void = () => {}): Promise<ErasureResult[]> {
  const tenants = await withPlatformRead((tx) => tx.selectFrom('tenants').select('id').execute());
  const done: ErasureResult[] = [];
  for (const { id: tenantId } of tenants) {
    const due = await withTenant(tenantId, null, (t) => dueErasureRequests(t, now));
    for (const r of due) {
      const result = await eraseMember(tenantId, r.user_id, { dataDir: getConfig().DATA_DIR, actorId: r.requested_by, requestId: r.id });
      log(`member erasure ${r.id}: ${result.rowsScrubbed} rows scrubbed, ${result.rowsRemoved} removed, ${result.filesShredded} files shredded`);
      done.push(result);
    }
  }
  return done;
}

/** Everything about the member as one tar: data.json and files/ (their KYC documents, decrypted). */
export async function memberDataArchive(tenant: TenantContext, principal: Principal, userId: string): Promise<Uint8Array> {
  mayActFor(principal, userId);
  const data = await memberData(tenant.id, userId);
  const dir = await mkdtemp(path.join(tmpdir(), 'cdp-member-'));
  const file = path.join(dir, 'data.tar');
  try {
    const handle = await open(file, 'w', 0o600);
    try {
      const tar = new TarFileWriter(handle);
      await tar.entry('data.json', (write) => write(Buffer.from(JSON.stringify(data.tables, null, 2))));
      for (const doc of data.kycDocuments) {
        const bytes = await readKycFile(getConfig(), doc.cid, doc.encrypted, { tenantId: tenant.id, userId }).catch(() => null);
        if (bytes) await tar.entry(`files/kyc-${doc.id}.${doc.mime.split('/')[1] ?? 'bin'}`, (write) => write(bytes));
      }
      await tar.end();
    } finally {
      await handle.close();
    }
    return new Uint8Array(await readFile(file));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
