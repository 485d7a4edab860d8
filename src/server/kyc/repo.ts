import { sql } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { KycApplicationStatus, KycCheckKind, KycDocumentKind, KycEventOutcome, KycProviderName } from '../db/types';
import { uuidv7 } from '../ids';
import type { WebhookProviderName } from './providers/types';

// SQL of the KYC module only. Every query names the tenant explicitly (RLS is the backstop).

const APPLICATION_COLUMNS = [
  'id',
  'user_id',
  'provider',
  'external_applicant_id',
  'external_reference',
  'level_requested',
  'status',
  'verification_url',
  'decision_reason',
  'reviewed_by',
  'reviewed_at',
  'last_event_at',
  'created_at',
  'updated_at',
] as const;

export async function insertApplication(
  t: TenantTx,
  a: { id: string; userId: string; provider: KycProviderName; externalApplicantId: string; externalReference: string; level: 'standard' | 'enhanced'; status: KycApplicationStatus; verificationUrl?: string | null },
) {
  return t.tx
    .insertInto('kyc_applications')
    .values({
      tenant_id: t.tenantId,
      id: a.id,
      user_id: a.userId,
      provider: a.provider,
      external_applicant_id: a.externalApplicantId,
      external_reference: a.externalReference,
      level_requested: a.level,
      status: a.status,
      verification_url: a.verificationUrl ?? null,
    })
    .returning(APPLICATION_COLUMNS)
    .executeTakeFirstOrThrow();
}

export type ApplicationRow = Awaited<ReturnType<typeof insertApplication>>;

export async function findApplication(t: TenantTx, id: string, opts: { lock?: boolean } = {}): Promise<ApplicationRow | undefined> {
  let q = t.tx.selectFrom('kyc_applications').select(APPLICATION_COLUMNS).where('tenant_id', '=', t.tenantId).where('id', '=', id);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findApplicationByApplicant(t: TenantTx, provider: WebhookProviderName, externalApplicantId: string): Promise<ApplicationRow | undefined> {
  return t.tx
    .selectFrom('kyc_applications')
    .select(APPLICATION_COLUMNS)
    .where('tenant_id', '=', t.tenantId)
    .where('provider', '=', provider)
    .where('external_applicant_id', '=', externalApplicantId)
    .forUpdate()
    .executeTakeFirst();
}

export async function findOpenApplication(t: TenantTx, userId: string): Promise<ApplicationRow | undefined> {
  return t.tx
    .selectFrom('kyc_applications')
    .select(APPLICATION_COLUMNS)
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId)
    .where('status', 'in', ['draft', 'submitted', 'pending', 'retry'])
    .forUpdate()
    .executeTakeFirst();
}

export async function listUserApplications(t: TenantTx, userId: string): Promise<ApplicationRow[]> {
  return t.tx
    .selectFrom('kyc_applications')
    .select(APPLICATION_COLUMNS)
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
}

export async function listApplicationsForReview(t: TenantTx, statuses: KycApplicationStatus[], limit: number) {
  return t.tx
    .selectFrom('kyc_applications as a')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.user_id'))
    .select([
      ...APPLICATION_COLUMNS.map((c) => `a.${c}` as const),
      'u.email',
      'u.first_name',
      'u.last_name',
      sql<number>`(select count(*)::int from kyc_documents d where d.tenant_id = a.tenant_id and d.application_id = a.id)`.as('document_count'),
    ])
    .where('a.tenant_id', '=', t.tenantId)
    .where('a.status', 'in', statuses)
    .orderBy('a.created_at', 'asc')
    .orderBy('a.id', 'asc')
    .limit(limit)
    .execute();
}

/** How many applications wait in these statuses (no applicant data is read). */
export async function countApplicationsForReview(t: TenantTx, statuses: KycApplicationStatus[]): Promise<number> {
  const r = await t.tx
    .selectFrom('kyc_applications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', t.tenantId)
    .where('status', 'in', statuses)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function updateApplicationStatus(
  t: TenantTx,
  id: string,
  patch: { status: KycApplicationStatus; reason?: string | null; reviewedBy?: string | null; reviewed?: boolean; lastEventAt?: Date | null },
): Promise<void> {
  await t.tx
    .updateTable('kyc_applications')
    .set({
      status: patch.status,
      ...(patch.reason === undefined ? {} : { decision_reason: patch.reason }),
      ...(patch.reviewed ? { reviewed_by: patch.reviewedBy ?? null, reviewed_at: new Date() } : {}),
      ...(patch.lastEventAt ? { last_event_at: patch.lastEventAt } : {}),
      updated_at: new Date(),
    })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .execute();
}

// ---------------------------------------------------------------- documents

export async function insertDocument(t: TenantTx, d: { applicationId: string; kind: KycDocumentKind; cid: string; mime: string; size: number; encrypted: boolean }) {
  return t.tx
    .insertInto('kyc_documents')
    .values({ tenant_id: t.tenantId, id: uuidv7(), application_id: d.applicationId, kind: d.kind, cid: d.cid, mime: d.mime, size: d.size, encrypted: d.encrypted })
    .returning(['id', 'kind', 'mime', 'size', 'encrypted', 'uploaded_at'])
    .executeTakeFirstOrThrow();
}

export async function listDocuments(t: TenantTx, applicationIds: string[]) {
  if (applicationIds.length === 0) return [];
  return t.tx
    .selectFrom('kyc_documents')
    .select(['id', 'application_id', 'kind', 'cid', 'mime', 'size', 'encrypted', 'uploaded_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('application_id', 'in', applicationIds)
    .orderBy('uploaded_at', 'asc')
    .execute();
}

export async function findDocument(t: TenantTx, applicationId: string, documentId: string) {
  return t.tx
    .selectFrom('kyc_documents')
    .select(['id', 'application_id', 'kind', 'cid', 'mime', 'size', 'encrypted', 'uploaded_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('application_id', '=', applicationId)
    .where('id', '=', documentId)
    .executeTakeFirst();
}

// ---------------------------------------------------------------- provider events

/**
 * Claims a delivery by the provider's event id, within the tenant whose host received it. Returns false when it was
 * already processed; a delivery recorded as 'ignored' (no applicant known) may be claimed
 * again, so a copy sent first to the wrong host cannot shadow the real one. Concurrent
 * deliveries of one event serialise on the row.
 */
export async function claimReceipt(t: TenantTx, provider: WebhookProviderName, eventId: string): Promise<boolean> {
  const r = await t.tx
    .insertInto('kyc_webhook_receipts')
    .values({ tenant_id: t.tenantId, provider, event_id: eventId, outcome: 'ignored' })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'provider', 'event_id'])
        .doUpdateSet({ received_at: new Date() })
        .where('kyc_webhook_receipts.outcome', '=', 'ignored'),
    )
    .returning('event_id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function settleReceipt(t: TenantTx, provider: WebhookProviderName, eventId: string, outcome: KycEventOutcome): Promise<void> {
  await t.tx.updateTable('kyc_webhook_receipts').set({ outcome }).where('tenant_id', '=', t.tenantId).where('provider', '=', provider).where('event_id', '=', eventId).execute();
}

export async function insertEvent(
  t: TenantTx,
  e: { applicationId: string | null; provider: WebhookProviderName; eventId: string; type: string; mappedStatus: Exclude<KycApplicationStatus, 'draft'> | null; outcome: KycEventOutcome; occurredAt: Date | null; payload: Record<string, unknown> },
): Promise<void> {
  await t.tx
    .insertInto('kyc_events')
    .values({
      tenant_id: t.tenantId,
      id: uuidv7(),
      application_id: e.applicationId,
      provider: e.provider,
      event_id: e.eventId,
      event_type: e.type,
      mapped_status: e.mappedStatus,
      outcome: e.outcome,
      occurred_at: e.occurredAt,
      payload: JSON.stringify(e.payload),
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'provider', 'event_id']).doNothing())
    .execute();
}

export async function listEvents(t: TenantTx, applicationId: string) {
  return t.tx
    .selectFrom('kyc_events')
    .select(['event_type', 'mapped_status', 'outcome', 'occurred_at', 'received_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('application_id', '=', applicationId)
    .orderBy('received_at', 'asc')
    .execute();
}

// ---------------------------------------------------------------- profile and verification levels

export async function findKycProfile(t: TenantTx, userId: string) {
  return t.tx.selectFrom('profiles').select(['kyc_status', 'verification_level']).where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).executeTakeFirst();
}

export async function setProfileKycStatus(t: TenantTx, userId: string, status: 'pending' | 'approved' | 'rejected' | 'retry'): Promise<void> {
  await t.tx.updateTable('profiles').set({ kyc_status: status, updated_at: new Date() }).where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).execute();
}

// ---------------------------------------------------------------- checks behind a level

export type CheckRow = { application_id: string; document_id: string | null; check_kind: KycCheckKind; outcome: 'passed' | 'failed'; issued_on: string | null; source: 'manual_review' | 'provider'; reviewed_by: string | null; created_at: Date };

export async function insertChecks(
  t: TenantTx,
  rows: { applicationId: string; documentId: string | null; kind: KycCheckKind; outcome: 'passed' | 'failed'; issuedOn: string | null; source: 'manual_review' | 'provider'; reviewedBy: string | null; eventId: string | null; note: string | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  await t.tx
    .insertInto('kyc_checks')
    .values(
      rows.map((r) => ({
        tenant_id: t.tenantId,
        id: uuidv7(),
        application_id: r.applicationId,
        document_id: r.documentId,
        check_kind: r.kind,
        outcome: r.outcome,
        issued_on: r.issuedOn,
        source: r.source,
        reviewed_by: r.reviewedBy,
        event_id: r.eventId,
        note: r.note,
      })),
    )
    .execute();
}

const CHECK_COLUMNS = ['c.application_id', 'c.document_id', 'c.check_kind', 'c.outcome', sql<string | null>`to_char(c.issued_on, 'YYYY-MM-DD')`.as('issued_on'), 'c.source', 'c.reviewed_by', 'c.created_at'] as const;

export async function listChecks(t: TenantTx, applicationIds: string[]): Promise<CheckRow[]> {
  if (applicationIds.length === 0) return [];
  return t.tx
    .selectFrom('kyc_checks as c')
    .select(CHECK_COLUMNS)
    .where('c.tenant_id', '=', t.tenantId)
    .where('c.application_id', 'in', applicationIds)
    .orderBy('c.created_at')
    .execute();
}

/** The user's approved applications, newest first (an identity approved before checks were recorded still counts). */
export async function approvedApplicationsOf(t: TenantTx, userId: string) {
  return t.tx
    .selectFrom('kyc_applications')
    .select(['id', 'provider', 'level_requested', 'reviewed_at', 'updated_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId)
    .where('status', '=', 'approved')
    .orderBy('updated_at', 'desc')
    .execute();
}

// ---------------------------------------------------------------- tenant credentials

export async function findTenantCredentials(t: TenantTx, provider: WebhookProviderName) {
  return t.tx.selectFrom('tenant_kyc_credentials').select(['encrypted_secret']).where('tenant_id', '=', t.tenantId).where('provider', '=', provider).executeTakeFirst();
}

export async function upsertTenantCredentials(t: TenantTx, provider: WebhookProviderName, sealed: string): Promise<void> {
  await t.tx
    .insertInto('tenant_kyc_credentials')
    .values({ tenant_id: t.tenantId, provider, encrypted_secret: sealed })
    .onConflict((oc) => oc.columns(['tenant_id', 'provider']).doUpdateSet({ encrypted_secret: sealed, updated_at: new Date() }))
    .execute();
}

export async function listConfiguredProviders(t: TenantTx) {
  return t.tx.selectFrom('tenant_kyc_credentials').select(['provider', 'updated_at']).where('tenant_id', '=', t.tenantId).orderBy('provider').execute();
}

// ---------------------------------------------------------------- tenant KYC settings

/** The tenant's provider and settings, row-locked so concurrent settings writes queue behind this one. */
/** Sets the provider and replaces settings.kyc of the current tenant only; every other settings key is left as it is. */
export async function writeTenantKycSettings(t: TenantTx, provider: KycProviderName, kyc: Record<string, unknown>): Promise<void> {
  await t.tx
    .updateTable('tenants')
    .set({ kyc_provider: provider, settings: sql`coalesce(settings, '{}'::jsonb) || jsonb_build_object('kyc', ${JSON.stringify(kyc)}::jsonb)`, updated_at: new Date() })
    .where('id', '=', t.tenantId)
    .execute();
}

/** Who an application is about, for the reviewer's page. */
export async function findApplicant(t: TenantTx, userId: string) {
  return t.tx.selectFrom('users').select(['id', 'email', 'first_name', 'last_name']).where('tenant_id', '=', t.tenantId).where('id', '=', userId).executeTakeFirst();
}

/** A member's sealed data key (0106: crypto-shredding of their KYC files on erasure). */
export async function findMemberDataKey(t: TenantTx, userId: string): Promise<string | null> {
  const row = await t.tx.selectFrom('member_data_keys').select('sealed_key').where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).executeTakeFirst();
  return row?.sealed_key ?? null;
}

export async function insertMemberDataKey(t: TenantTx, userId: string, sealedKey: string): Promise<void> {
  await t.tx.insertInto('member_data_keys').values({ tenant_id: t.tenantId, user_id: userId, sealed_key: sealedKey }).onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doNothing()).execute();
}
