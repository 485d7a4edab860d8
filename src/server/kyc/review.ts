import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import type { Config } from '../config';
import { withTenant } from '../db/tenant';
import type { KycApplicationStatus } from '../db/types';
import { Conflict, Forbidden, NotFound } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { readKycFile } from './document-store';
import { findApplication, findDocument, listApplicationsForReview, listDocuments, listEvents } from './repo';
import { IDENTITY_DOCUMENT_KINDS, type DecisionInput } from './schema';
import { transitionApplication } from './transition';
import { applicationView } from './views';

// The compliance side: compliance officers and tenant admins review applications. Every
// read of an applicant's data and every decision is audited.

const DECIDABLE: KycApplicationStatus[] = ['submitted', 'pending'];
const DECISION_STATUS = { approve: 'approved', reject: 'rejected', retry: 'retry' } as const;

export async function listForReview(tenant: TenantContext, reviewer: Principal, q: { status?: KycApplicationStatus; limit: number }, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: reviewer.userId }, async (t) => {
    const statuses: KycApplicationStatus[] = q.status ? [q.status] : DECIDABLE;
    const rows = await listApplicationsForReview(t, statuses, q.limit);
    await audit(t, { actorId: reviewer.userId, actorRole: reviewer.role, action: 'kyc.applications_listed', metadata: { statuses, count: rows.length } }, meta);
    return {
      applications: rows.map((r) => ({
        ...applicationView(r),
        documentCount: r.document_count,
        applicant: { userId: r.user_id, email: r.email, firstName: r.first_name, lastName: r.last_name },
      })),
    };
  });
}

export async function getForReview(tenant: TenantContext, reviewer: Principal, id: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: reviewer.userId }, async (t) => {
    const app = await findApplication(t, id);
    if (!app) throw new NotFound('Application not found');
    const [docs, events] = await Promise.all([listDocuments(t, [id]), listEvents(t, id)]);
    await audit(t, { actorId: reviewer.userId, actorRole: reviewer.role, action: 'kyc.application_viewed', targetType: 'kyc_application', targetId: id }, meta);
    return {
      ...applicationView(app, docs),
      userId: app.user_id,
      events: events.map((e) => ({ type: e.event_type, status: e.mapped_status, outcome: e.outcome, occurredAt: e.occurred_at?.toISOString() ?? null, receivedAt: e.received_at.toISOString() })),
    };
  });
}

export async function decideApplication(tenant: TenantContext, reviewer: Principal, id: string, input: DecisionInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: reviewer.userId }, async (t) => {
    const app = await findApplication(t, id, { lock: true });
    if (!app) throw new NotFound('Application not found');
    if (app.user_id === reviewer.userId) {
      await audit(t, { actorId: reviewer.userId, actorRole: reviewer.role, action: `kyc.${input.decision}`, targetType: 'kyc_application', targetId: id, outcome: 'denied', metadata: { why: 'self_review' } }, meta);
      throw new Forbidden('You cannot decide your own verification', 'self_review');
    }
    if (!DECIDABLE.includes(app.status)) throw new Conflict('application_not_reviewable', `The application is ${app.status}; only submitted or pending applications can be decided`);
    const docs = await listDocuments(t, [id]);
    if (input.decision === 'approve' && app.provider === 'manual' && !docs.some((d) => (IDENTITY_DOCUMENT_KINDS as readonly string[]).includes(d.kind)))
      throw new Conflict('identity_document_required', 'Approval needs an identity document (passport, ID card or driving licence)');
    const next = DECISION_STATUS[input.decision];
    await transitionApplication(t, app, next, {
      reason: input.reason ?? null,
      reviewedBy: reviewer.userId,
      final: true,
      // A later-arriving provider event older than this decision does not undo it.
      lastEventAt: new Date(),
      evidence: { source: 'manual_review', decidedBy: reviewer.userId, documents: docs.map((d) => ({ id: d.id, kind: d.kind, cid: d.cid })) },
    });
    await audit(t, { actorId: reviewer.userId, actorRole: reviewer.role, action: `kyc.${input.decision}`, targetType: 'kyc_application', targetId: id, metadata: { from: app.status, to: next, reason: input.reason ?? null, userId: app.user_id } }, meta);
    return applicationView((await findApplication(t, id))!, docs);
  });
}

export async function readDocumentForReview(tenant: TenantContext, reviewer: Principal, applicationId: string, documentId: string, meta: RequestMeta, config: Config) {
  const doc = await withTenant(tenant.id, { userId: reviewer.userId }, async (t) => {
    const d = await findDocument(t, applicationId, documentId);
    if (!d) throw new NotFound('Document not found');
    await audit(t, { actorId: reviewer.userId, actorRole: reviewer.role, action: 'kyc.document_viewed', targetType: 'kyc_application', targetId: applicationId, metadata: { documentId, kind: d.kind } }, meta);
    return d;
  });
  const bytes = await readKycFile(config, doc.cid, doc.encrypted);
  if (!bytes) throw new NotFound('The document file is missing from storage', 'document_file_missing');
  return { bytes, mime: doc.mime, kind: doc.kind };
}
