import type { TenantTx } from '../db/tenant';
import { uuidv7 } from '../ids';
import type { CreateIssuerInput, UpdateIssuerInput } from './schema';

const issuerColumns = [
  'i.id',
  'i.user_id',
  'i.legal_entity_id',
  'i.status',
  'i.review_reason',
  'i.reviewed_at',
  'i.created_at',
  'p.display_name',
  'p.website',
  'p.description',
  'p.contact_email',
  'e.name as legal_name',
  'e.jurisdiction',
  'e.registration_number',
  'e.entity_type',
  'e.address',
] as const;

function issuerQuery(t: TenantTx) {
  return t.tx
    .selectFrom('issuers as i')
    .innerJoin('issuer_profiles as p', (j) => j.onRef('p.tenant_id', '=', 'i.tenant_id').onRef('p.issuer_id', '=', 'i.id'))
    .innerJoin('legal_entities as e', (j) => j.onRef('e.tenant_id', '=', 'i.tenant_id').onRef('e.id', '=', 'i.legal_entity_id'))
    .select(issuerColumns)
    .where('i.tenant_id', '=', t.tenantId);
}

export type IssuerRow = Awaited<ReturnType<typeof findIssuerByUser>>;

export async function findIssuerByUser(t: TenantTx, userId: string) {
  return issuerQuery(t).where('i.user_id', '=', userId).executeTakeFirst();
}

export async function findIssuerById(t: TenantTx, id: string) {
  return issuerQuery(t).where('i.id', '=', id).executeTakeFirst();
}

export async function listIssuers(t: TenantTx, status?: string) {
  let q = issuerQuery(t);
  if (status) q = q.where('i.status', '=', status as never);
  return q.orderBy('i.created_at', 'desc').limit(200).execute();
}

/** false when the legal entity's registration is already used in this tenant. */
export async function insertIssuer(t: TenantTx, userId: string, input: CreateIssuerInput): Promise<string | null> {
  const entityId = uuidv7();
  const entity = await t.tx
    .insertInto('legal_entities')
    .values({
      tenant_id: t.tenantId,
      id: entityId,
      name: input.legalEntity.name,
      jurisdiction: input.legalEntity.jurisdiction,
      registration_number: input.legalEntity.registrationNumber,
      entity_type: input.legalEntity.entityType,
      address: JSON.stringify(input.legalEntity.address),
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!entity) return null;
  const id = uuidv7();
  await t.tx.insertInto('issuers').values({ tenant_id: t.tenantId, id, user_id: userId, legal_entity_id: entityId }).execute();
  await t.tx
    .insertInto('issuer_profiles')
    .values({
      tenant_id: t.tenantId,
      issuer_id: id,
      display_name: input.profile.displayName,
      website: input.profile.website ?? null,
      description: input.profile.description ?? null,
      contact_email: input.profile.contactEmail ?? null,
    })
    .execute();
  return id;
}

export async function setIssuerStatus(t: TenantTx, id: string, status: 'verified' | 'rejected' | 'suspended', reason: string, reviewerId: string): Promise<number> {
  const r = await t.tx
    .updateTable('issuers')
    .set({ status, review_reason: reason, reviewed_by: reviewerId, reviewed_at: new Date(), updated_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** false when the new jurisdiction and registration number belong to another entity of this tenant. */
export async function updateLegalEntity(t: TenantTx, entityId: string, patch: NonNullable<UpdateIssuerInput['legalEntity']>, address: Record<string, unknown> | undefined): Promise<boolean> {
  const values = {
    name: patch.name,
    jurisdiction: patch.jurisdiction,
    registration_number: patch.registrationNumber,
    entity_type: patch.entityType,
    address: address === undefined ? undefined : JSON.stringify(address),
  };
  if (Object.values(values).every((v) => v === undefined)) return true;
  const clash = patch.jurisdiction !== undefined || patch.registrationNumber !== undefined;
  if (clash) {
    const current = await t.tx.selectFrom('legal_entities').select(['jurisdiction', 'registration_number']).where('tenant_id', '=', t.tenantId).where('id', '=', entityId).executeTakeFirstOrThrow();
    const taken = await t.tx
      .selectFrom('legal_entities')
      .select('id')
      .where('tenant_id', '=', t.tenantId)
      .where('id', '!=', entityId)
      .where('jurisdiction', '=', patch.jurisdiction ?? current.jurisdiction)
      .where('registration_number', '=', patch.registrationNumber ?? current.registration_number)
      .executeTakeFirst();
    if (taken) return false;
  }
  await t.tx.updateTable('legal_entities').set(values).where('tenant_id', '=', t.tenantId).where('id', '=', entityId).execute();
  return true;
}

export async function updateIssuerProfileRow(t: TenantTx, issuerId: string, patch: NonNullable<UpdateIssuerInput['profile']>) {
  const values = { display_name: patch.displayName, website: patch.website, description: patch.description, contact_email: patch.contactEmail };
  if (Object.values(values).every((v) => v === undefined)) return;
  await t.tx.updateTable('issuer_profiles').set({ ...values, updated_at: new Date() }).where('tenant_id', '=', t.tenantId).where('issuer_id', '=', issuerId).execute();
}

/** The issuer waits for a new review: its verified legal entity changed. */
export async function returnIssuerToReview(t: TenantTx, id: string) {
  await t.tx
    .updateTable('issuers')
    .set({ status: 'pending', review_reason: null, reviewed_by: null, reviewed_at: null, updated_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .execute();
}
