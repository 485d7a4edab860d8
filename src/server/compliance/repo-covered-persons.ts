import type { TenantTx } from '../db/tenant';
import type { CoveredPersonRole, DisqualifyingEventType } from '../db/types';

// SQL of the issuers' covered persons and their disqualifying events (0037, 230.506(d)).

export function coveredPersonsOf(t: TenantTx, issuerId: string, opts: { includeRemoved?: boolean } = {}) {
  return t.tx
    .selectFrom('issuer_covered_persons')
    .selectAll()
    .where('tenant_id', '=', t.tenantId)
    .where('issuer_id', '=', issuerId)
    .$if(!opts.includeRemoved, (q) => q.where('removed_at', 'is', null))
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
}

export function eventsOfIssuer(t: TenantTx, issuerId: string) {
  return t.tx.selectFrom('covered_person_events').selectAll().where('tenant_id', '=', t.tenantId).where('issuer_id', '=', issuerId).orderBy('event_date').orderBy('id').execute();
}

export function findCoveredPerson(t: TenantTx, id: string) {
  return t.tx.selectFrom('issuer_covered_persons').selectAll().where('tenant_id', '=', t.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertCoveredPerson(t: TenantTx, r: { id: string; issuerId: string; name: string; role: CoveredPersonRole; inquiryMethod: string | null; by: string; at: Date }) {
  await t.tx
    .insertInto('issuer_covered_persons')
    .values({
      tenant_id: t.tenantId,
      id: r.id,
      issuer_id: r.issuerId,
      name: r.name,
      role: r.role,
      inquiry_method: r.inquiryMethod,
      inquired_at: r.inquiryMethod ? r.at : null,
      inquired_by: r.inquiryMethod ? r.by : null,
      recorded_by: r.by,
      recorded_at: r.at,
    })
    .execute();
}

export async function recordInquiry(t: TenantTx, id: string, method: string, by: string, at: Date) {
  await t.tx.updateTable('issuer_covered_persons').set({ inquiry_method: method, inquired_at: at, inquired_by: by }).where('tenant_id', '=', t.tenantId).where('id', '=', id).execute();
}

export async function markRemoved(t: TenantTx, id: string, at: Date) {
  await t.tx.updateTable('issuer_covered_persons').set({ removed_at: at }).where('tenant_id', '=', t.tenantId).where('id', '=', id).where('removed_at', 'is', null).execute();
}

export async function insertEvent(
  t: TenantTx,
  r: { id: string; personId: string; issuerId: string; eventType: DisqualifyingEventType; eventDate: string; orderReference: string; description: string | null; by: string; at: Date },
) {
  await t.tx
    .insertInto('covered_person_events')
    .values({
      tenant_id: t.tenantId,
      id: r.id,
      covered_person_id: r.personId,
      issuer_id: r.issuerId,
      event_type: r.eventType,
      event_date: r.eventDate,
      order_reference: r.orderReference,
      description: r.description,
      recorded_by: r.by,
      recorded_at: r.at,
    })
    .execute();
}

export function findEventForUpdate(t: TenantTx, id: string) {
  return t.tx.selectFrom('covered_person_events').selectAll().where('tenant_id', '=', t.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function recordWaiver(t: TenantTx, id: string, reference: string, by: string, at: Date) {
  await t.tx.updateTable('covered_person_events').set({ waiver_reference: reference, waived_at: at, waived_by: by }).where('tenant_id', '=', t.tenantId).where('id', '=', id).where('waived_at', 'is', null).execute();
}

export function issuerExists(t: TenantTx, id: string) {
  return t.tx.selectFrom('issuers').select('id').where('tenant_id', '=', t.tenantId).where('id', '=', id).executeTakeFirst();
}
