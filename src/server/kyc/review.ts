import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import type { Config } from '../config';
import { withTenant, type TenantTx } from '../db/tenant';
import type { KycApplicationStatus } from '../db/types';
import { Conflict, Forbidden, NotFound, ValidationError, type FieldError } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { readKycFile } from './document-store';
import { approvedApplicationsOf, countApplicationsForReview, findApplicant, findApplication, findDocument, insertChecks, listApplicationsForReview, listChecks, listDocuments, listEvents, type ApplicationRow } from './repo';
import { CHECK_DOCUMENT_KINDS, IDENTITY_DOCUMENT_KINDS, type DecisionInput, type ReviewedCheck } from './schema';
import { transitionApplication } from './transition';
import { applicationView, checkView } from './views';

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

/** The size of the review queue for dashboards: a count, so no applicant's data is read (or audited). */
export async function reviewQueueSize(tenant: TenantContext, reviewer: Principal): Promise<number> {
  return withTenant(tenant.id, { userId: reviewer.userId }, (t) => countApplicationsForReview(t, DECIDABLE));
}

export async function getForReview(tenant: TenantContext, reviewer: Principal, id: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: reviewer.userId }, async (t) => {
    const app = await findApplication(t, id);
    if (!app) throw new NotFound('Application not found');
    const [docs, events, checks, applicant] = await Promise.all([listDocuments(t, [id]), listEvents(t, id), listChecks(t, [id]), findApplicant(t, app.user_id)]);
    await audit(t, { actorId: reviewer.userId, actorRole: reviewer.role, action: 'kyc.application_viewed', targetType: 'kyc_application', targetId: id }, meta);
    return {
      ...applicationView(app, docs),
      userId: app.user_id,
      applicant: applicant ? { userId: applicant.id, email: applicant.email, firstName: applicant.first_name, lastName: applicant.last_name } : null,
      checks: checks.map(checkView),
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
    const checks = input.checks ?? [];
    if (checks.length && app.provider !== 'manual') throw new Conflict('checks_by_provider', `${app.provider} reports its own checks; reviewed checks are for manual review`);
    validateChecks(checks, docs);
    if (input.decision === 'approve' && app.provider === 'manual') await requireIdentityForApproval(t, app, checks, docs);
    await insertChecks(
      t,
      checks.map((c) => ({ applicationId: id, documentId: c.documentId, kind: c.check, outcome: c.outcome, issuedOn: c.issuedOn ?? null, source: 'manual_review' as const, reviewedBy: reviewer.userId, eventId: null, note: c.note ?? null })),
    );
    const next = DECISION_STATUS[input.decision];
    const { enhanced } = await transitionApplication(t, app, next, {
      reason: input.reason ?? null,
      reviewedBy: reviewer.userId,
      final: true,
      // A later-arriving provider event older than this decision does not undo it.
      lastEventAt: new Date(),
      evidence: { source: 'manual_review', decidedBy: reviewer.userId, documents: docs.map((d) => ({ id: d.id, kind: d.kind, cid: d.cid })), checks },
    });
    const summary = checks.map((c) => ({ documentId: c.documentId, check: c.check, outcome: c.outcome, issuedOn: c.issuedOn ?? null }));
    await audit(t, { actorId: reviewer.userId, actorRole: reviewer.role, action: `kyc.${input.decision}`, targetType: 'kyc_application', targetId: id, metadata: { from: app.status, to: next, reason: input.reason ?? null, userId: app.user_id, checks: summary, enhancedGranted: enhanced?.granted ?? false } }, meta);
    return {
      ...applicationView((await findApplication(t, id))!, docs),
      checks: (await listChecks(t, [id])).map(checkView),
      enhanced: enhanced ? { held: enhanced.held, granted: enhanced.granted, missing: enhanced.missing } : null,
    };
  });
}

/** Each reviewed check names a document of this application of a kind that can carry it, once. */
function validateChecks(checks: ReviewedCheck[], docs: { id: string; kind: string }[]) {
  const errors: FieldError[] = [];
  const today = new Date().toISOString().slice(0, 10);
  const seen = new Set<string>();
  checks.forEach((c, i) => {
    const doc = docs.find((d) => d.id === c.documentId);
    if (!doc) errors.push({ field: `checks.${i}.documentId`, message: 'is not a document of this application' });
    else if (!(CHECK_DOCUMENT_KINDS[c.check] as readonly string[]).includes(doc.kind))
      errors.push({ field: `checks.${i}.check`, message: `a ${doc.kind} document cannot carry the ${c.check} check (needs ${CHECK_DOCUMENT_KINDS[c.check].join(' or ')})` });
    if (c.issuedOn && c.issuedOn > today) errors.push({ field: `checks.${i}.issuedOn`, message: 'is in the future' });
    const key = `${c.documentId}|${c.check}`;
    if (seen.has(key)) errors.push({ field: `checks.${i}`, message: 'the same document and check appear twice' });
    seen.add(key);
  });
  if (errors.length) throw new ValidationError(errors);
}

/**
 * A manual approval rests on a verified identity: a passed identity check when the reviewer
 * recorded checks, else an identity document; an upgrade to 'enhanced' may rest on the
 * identity its earlier approved application verified.
 */
async function requireIdentityForApproval(t: TenantTx, app: ApplicationRow, checks: ReviewedCheck[], docs: { kind: string }[]) {
  const identityChecks = checks.filter((c) => c.check === 'identity');
  if (identityChecks.length) {
    if (!identityChecks.some((c) => c.outcome === 'passed')) throw new Conflict('identity_check_failed', 'Approval needs a passed identity check; reject or ask for a retry instead');
    return;
  }
  if (docs.some((d) => (IDENTITY_DOCUMENT_KINDS as readonly string[]).includes(d.kind))) return;
  if (app.level_requested === 'enhanced' && (await approvedApplicationsOf(t, app.user_id)).some((a) => a.id !== app.id)) return;
  throw new Conflict('identity_document_required', 'Approval needs an identity document (passport, ID card or driving licence)');
}

export async function readDocumentForReview(tenant: TenantContext, reviewer: Principal, applicationId: string, documentId: string, meta: RequestMeta, config: Config) {
  const doc = await withTenant(tenant.id, { userId: reviewer.userId }, async (t) => {
    const d = await findDocument(t, applicationId, documentId);
    if (!d) throw new NotFound('Document not found');
    const app = await findApplication(t, applicationId);
    await audit(t, { actorId: reviewer.userId, actorRole: reviewer.role, action: 'kyc.document_viewed', targetType: 'kyc_application', targetId: applicationId, metadata: { documentId, kind: d.kind } }, meta);
    return { ...d, userId: app!.user_id };
  });
  const bytes = await readKycFile(config, doc.cid, doc.encrypted, { tenantId: tenant.id, userId: doc.userId });
  if (!bytes) throw new NotFound('The document file is missing from storage', 'document_file_missing');
  return { bytes, mime: doc.mime, kind: doc.kind };
}
