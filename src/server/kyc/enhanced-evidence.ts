import type { KycCheckKind } from '../db/types';

// When the evidence on file makes someone 'enhanced' (full KYC/AML): identity verified,
// liveness (selfie) passed, a proof of address passed that was issued at most three months
// before the assessment, and screening has nothing open or confirmed. Pure, so the rule is
// tested on its own and the grant's evidence shows exactly what it stood on.

export const PROOF_OF_ADDRESS_MAX_AGE_MONTHS = 3;

export type CheckEvidence = { applicationId: string; documentId: string | null; kind: KycCheckKind; outcome: 'passed' | 'failed'; issuedOn: string | null; source: 'manual_review' | 'provider'; reviewedBy: string | null; at: string };

export type EnhancedInput = {
  /** Checks of the user's approved applications, newest first. */
  checks: CheckEvidence[];
  /** The user's approved applications, newest first: an approved application verified identity. */
  approvedApplications: { id: string; provider: string; level_requested: string }[];
  screening: { open: number; confirmed: number };
  now: Date;
};

export type EnhancedMissing = 'identity' | 'liveness' | 'proof_of_address' | 'proof_of_address_too_old' | 'screening_hit_open' | 'screening_hit_confirmed';

export type EnhancedAssessment = {
  eligible: boolean;
  missing: EnhancedMissing[];
  evidence: {
    identity: CheckEvidence | { applicationId: string; source: 'approved_application' } | null;
    liveness: CheckEvidence | null;
    proofOfAddress: CheckEvidence | null;
    proofOfAddressOldestIssue: string;
    screening: { open: number; confirmed: number; clear: boolean };
    assessedAt: string;
  };
};

/** The earliest issue date a proof of address may carry at `now` (three calendar months back, UTC). */
export function oldestAcceptedIssueDate(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - PROOF_OF_ADDRESS_MAX_AGE_MONTHS);
  // 31 May minus three months is 28/29 February, not 3 March.
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

export function assessEnhanced(input: EnhancedInput): EnhancedAssessment {
  const passed = (kind: KycCheckKind) => input.checks.filter((c) => c.kind === kind && c.outcome === 'passed');
  const oldest = oldestAcceptedIssueDate(input.now);
  const identityCheck = passed('identity')[0];
  // Without a recorded identity check: the approved identity application (the newest
  // 'standard' one; else the first approved, since an upgrade needs an earlier approval).
  const apps = input.approvedApplications;
  const identityApp = apps.find((a) => a.level_requested === 'standard') ?? apps[apps.length - 1];
  const identity = identityCheck ?? (identityApp ? { applicationId: identityApp.id, source: 'approved_application' as const } : null);
  const liveness = passed('liveness')[0] ?? null;
  const addresses = passed('proof_of_address');
  // A provider that reports no issue date applied its own freshness rule to the document.
  const proofOfAddress = addresses.find((c) => c.issuedOn === null || c.issuedOn >= oldest) ?? null;
  const missing: EnhancedMissing[] = [];
  if (!identity) missing.push('identity');
  if (!liveness) missing.push('liveness');
  if (!proofOfAddress) missing.push(addresses.length ? 'proof_of_address_too_old' : 'proof_of_address');
  if (input.screening.open > 0) missing.push('screening_hit_open');
  if (input.screening.confirmed > 0) missing.push('screening_hit_confirmed');
  return {
    eligible: missing.length === 0,
    missing,
    evidence: {
      identity,
      liveness,
      proofOfAddress,
      proofOfAddressOldestIssue: oldest,
      screening: { ...input.screening, clear: input.screening.open === 0 && input.screening.confirmed === 0 },
      assessedAt: input.now.toISOString(),
    },
  };
}
