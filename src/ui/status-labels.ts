import { humanize } from './format';

// The one list of words people read for the states things are in (deals, investments, KYC,
// issuers, accounts), the roles they hold and the verification levels they reach. Pages and
// badges take their words from here, never from the raw value.

export const STATUS_LABELS: Record<string, string> = {
  draft: 'Draft',
  pending_review: 'In review',
  active: 'Active',
  funded: 'Funded',
  closed: 'Closed',
  completed: 'Completed',
  cancelled: 'Cancelled',
  archived: 'Archived',
  pending_kyc: 'Awaiting KYC',
  pending_payment: 'Awaiting payment',
  in_escrow: 'In escrow',
  confirmed: 'Confirmed',
  refunded: 'Refunded',
  pending: 'Pending',
  submitted: 'Submitted',
  retry: 'Changes requested',
  verified: 'Verified',
  approved: 'Approved',
  rejected: 'Rejected',
  suspended: 'Suspended',
  disabled: 'Disabled',
  not_started: 'Not started',
};

export const ROLE_LABELS: Record<string, string> = {
  investor: 'Investor',
  issuer: 'Issuer',
  broker: 'Broker',
  transfer_agent: 'Transfer agent',
  compliance_officer: 'Compliance officer',
  tenant_admin: 'Tenant admin',
  platform_admin: 'Platform admin',
};

/** What each level means, so "Basic" never reads as an identity check that has not happened. */
export const VERIFICATION_LEVEL_LABELS: Record<string, string> = {
  none: 'None yet',
  basic: 'Basic: no ID check yet',
  standard: 'Standard: ID checked',
  enhanced: 'Enhanced: ID, selfie, address',
  accredited: 'Accredited investor',
};

/** Short forms for choosing a level (a deal's requirement). */
export const VERIFICATION_LEVEL_CHOICES: Record<string, string> = {
  none: 'None',
  basic: 'Basic (an account)',
  standard: 'Standard (identity checked)',
  enhanced: 'Enhanced (identity, selfie, address)',
  accredited: 'Accredited investors only',
};

export const ENTITY_TYPE_LABELS: Record<string, string> = {
  corporation: 'Corporation',
  llc: 'LLC',
  partnership: 'Partnership',
  trust: 'Trust',
  fund: 'Fund',
  other: 'Other',
};

const from = (labels: Record<string, string>) => (value: string | null | undefined) => (value ? (labels[value] ?? humanize(value)) : '—');

export const statusLabel = from(STATUS_LABELS);
export const roleLabel = from(ROLE_LABELS);
export const verificationLevelLabel = from(VERIFICATION_LEVEL_LABELS);
/** A level a deal asks of its investors. */
export const verificationRequirementLabel = from(VERIFICATION_LEVEL_CHOICES);
export const entityTypeLabel = from(ENTITY_TYPE_LABELS);
