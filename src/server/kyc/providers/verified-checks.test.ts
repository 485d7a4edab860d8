import { describe, expect, it } from 'vitest';
import { shuftiVerifiedChecks } from './shuftipro';
import { sumsubVerifiedChecks } from './sumsub';

// Payloads shaped as the providers document them: Sumsub's applicantReviewed webhook
// (docs.sumsub.com, "User verification webhooks": applicantId, inspectionId, correlationId,
// levelName, externalUserId, type, reviewStatus, createdAtMs, reviewResult.reviewAnswer) and
// ShuftiPro's verification.accepted callback (developers.shuftipro.com, "Responses":
// verification_result per service with 1 accepted / 0 declined / null not processed, and
// verification_data with the extracted address and its issue_date).

const sumsubReviewed = (levelName: string, reviewResult: Record<string, unknown>) => ({
  applicantId: '5cb56e8e0a975a35f333cb83',
  inspectionId: '5cb56e8e0a975a35f333cb84',
  correlationId: 'req-63f92830-4d68-4eee-98d5-875d53a12258',
  levelName,
  externalUserId: '0190f5a2-7c1e-7000-8000-000000000001',
  type: 'applicantReviewed',
  sandboxMode: false,
  reviewStatus: 'completed',
  createdAtMs: '2026-05-14 16:00:25.032',
  reviewResult,
});

describe('Sumsub review → verified checks', () => {
  const opts = { sumsubEnhancedLevelName: 'enhanced-kyc-level' };
  it('a GREEN review of the tenant’s enhanced level proves identity, liveness and proof of address', () => {
    expect(sumsubVerifiedChecks(sumsubReviewed('enhanced-kyc-level', { reviewAnswer: 'GREEN' }), opts).map((c) => c.kind)).toEqual(['identity', 'liveness', 'proof_of_address']);
  });
  it('a GREEN review of another level proves the identity only', () => {
    expect(sumsubVerifiedChecks(sumsubReviewed('basic-kyc-level', { reviewAnswer: 'GREEN' }), opts)).toEqual([{ kind: 'identity', issuedOn: null }]);
    expect(sumsubVerifiedChecks(sumsubReviewed('enhanced-kyc-level', { reviewAnswer: 'GREEN' }), {})).toEqual([{ kind: 'identity', issuedOn: null }]);
  });
  it('a RED review or a non-review event proves nothing', () => {
    expect(sumsubVerifiedChecks(sumsubReviewed('enhanced-kyc-level', { reviewAnswer: 'RED', reviewRejectType: 'RETRY', rejectLabels: ['BAD_SELFIE'] }), opts)).toEqual([]);
    expect(sumsubVerifiedChecks({ ...sumsubReviewed('enhanced-kyc-level', {}), type: 'applicantPending' }, opts)).toEqual([]);
  });
});

describe('ShuftiPro callback → verified checks', () => {
  const accepted = {
    reference: '17374217',
    event: 'verification.accepted',
    verification_result: {
      document: { name: 1, dob: 1, document: 1, document_visibility: 1, document_must_not_be_expired: 1, document_country: null },
      address: { full_address: 1, name: 1, address_document_visibility: 1, address_document: 1 },
      face: 1,
    },
    verification_data: {
      document: { name: { first_name: 'John', last_name: 'Doe' }, dob: '1980-11-12', selected_type: ['id_card'] },
      address: { full_address: '10 Downing St, London SW1A 2AA, UK', issue_date: '2026-04-22', selected_type: ['utility_bill'] },
    },
  };
  it('document, face and address accepted prove identity, liveness and proof of address with its issue date', () => {
    expect(shuftiVerifiedChecks(accepted)).toEqual([
      { kind: 'identity', issuedOn: null },
      { kind: 'liveness', issuedOn: null },
      { kind: 'proof_of_address', issuedOn: '2026-04-22' },
    ]);
  });
  it('a service that was declined or not run proves nothing', () => {
    const noAddress = { ...accepted, verification_result: { ...accepted.verification_result, address: { full_address: 0, name: 1 }, face: null } };
    expect(shuftiVerifiedChecks(noAddress).map((c) => c.kind)).toEqual(['identity']);
  });
  it('an accepted callback without per-service results proves the identity (a document is always requested); a declined one nothing', () => {
    expect(shuftiVerifiedChecks({ event: 'verification.accepted' })).toEqual([{ kind: 'identity', issuedOn: null }]);
    expect(shuftiVerifiedChecks({ ...accepted, event: 'verification.declined' })).toEqual([]);
  });
});
