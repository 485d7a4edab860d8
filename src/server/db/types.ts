import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

// Row types of the tables, written by hand beside db/migrations/*.sql.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, T | string | undefined, T | string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface TenantsTable {
  id: string;
  name: string;
  slug: string;
  domain: string | null;
  status: Defaulted<'provisioning' | 'active' | 'suspended'>;
  suspended_reason: string | null;
  settings: Json<Record<string, unknown>>;
  features: Json<Record<string, unknown>>;
  theme_settings: Json<Record<string, unknown>>;
  kyc_provider: Defaulted<'manual' | 'sumsub' | 'shuftipro'>;
  blockchain_settings: Json<Record<string, unknown>>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlatformAdminsTable {
  id: string;
  email: string;
  password_hash: string;
  name: Defaulted<string>;
  status: Defaulted<'active' | 'disabled'>;
  mfa_secret: string | null;
  mfa_last_step: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  created_at: Timestamp;
}

export interface PlatformSessionsTable {
  id: string;
  admin_id: string;
  token_hash: string;
  mfa_pending: boolean;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  absolute_expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface PlatformAuditLogsTable {
  id: string;
  admin_id: string | null;
  action: string;
  target_tenant_id: string | null;
  target: string | null;
  metadata: Json<Record<string, unknown>>;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
}

export interface DomainAliasesTable {
  tenant_id: string;
  id: string;
  domain: string;
  created_at: Timestamp;
}

export interface TenantKeyValueTable {
  tenant_id: string;
  key: string;
  value: Json;
  updated_at: Timestamp;
}

export interface TenantFeaturesTable {
  tenant_id: string;
  feature: string;
  enabled: boolean;
  updated_at: Timestamp;
}

export interface UsersTable {
  tenant_id: string;
  id: string;
  email: string;
  password_hash: string;
  first_name: string;
  last_name: string;
  status: Defaulted<'active' | 'disabled'>;
  email_verified_at: NullableTimestamp;
  mfa_secret: string | null;
  mfa_enabled_at: NullableTimestamp;
  mfa_last_step: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  failed_login_count: Defaulted<number>;
  locked_until: NullableTimestamp;
  password_changed_at: Timestamp;
  /** The member's language for emails (and later pages); null: the tenant's default. */
  locale: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type VerificationLevel = 'none' | 'basic' | 'standard' | 'enhanced' | 'accredited';

export interface ProfilesTable {
  tenant_id: string;
  user_id: string;
  display_name: string | null;
  phone: string | null;
  country: string | null;
  kyc_status: Defaulted<'not_started' | 'pending' | 'approved' | 'rejected' | 'retry'>;
  verification_level: Defaulted<VerificationLevel>;
  wallet_address: string | null;
  preferences: Json<Record<string, unknown>>;
  updated_at: Timestamp;
}

export interface UserVerificationLevelsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  level: Exclude<VerificationLevel, 'none'>;
  evidence: Json<Record<string, unknown>>;
  granted_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export type Role = 'investor' | 'issuer' | 'broker' | 'transfer_agent' | 'compliance_officer' | 'tenant_admin';

export interface TenantUserRolesTable {
  tenant_id: string;
  user_id: string;
  role: Role;
  granted_by: string | null;
  granted_at: Timestamp;
}

export type CodePurpose = 'email_verification' | 'password_reset';

export interface VerificationCodesTable {
  tenant_id: string;
  id: string;
  user_id: string;
  purpose: CodePurpose;
  code_hash: string;
  attempts: Defaulted<number>;
  expires_at: Timestamp;
  consumed_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface MfaRecoveryCodesTable {
  tenant_id: string;
  id: string;
  user_id: string;
  code_hash: string;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface SessionsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  ip: string | null;
  user_agent: string | null;
  mfa_pending: Defaulted<boolean>;
  created_at: Timestamp;
  last_used_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_reason: string | null;
}

export interface RefreshTokensTable {
  tenant_id: string;
  id: string;
  session_id: string;
  token_hash: string;
  issued_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface ActivityLogsTable {
  tenant_id: string;
  id: string;
  user_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  metadata: Json<Record<string, unknown>>;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
}

export interface AuditLogsTable {
  tenant_id: string;
  id: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: Defaulted<'success' | 'denied' | 'failure'>;
  metadata: Json<Record<string, unknown>>;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  created_at: Timestamp;
}

export interface EmailOutboxTable {
  tenant_id: string;
  id: string;
  to_address: string;
  template: string;
  subject: string;
  body_text: string;
  /** The HTML part; null for mail queued before templates existed. */
  body_html: ColumnType<string | null, string | null | undefined, string | null>;
  status: Defaulted<'pending' | 'sent' | 'failed'>;
  attempts: Defaulted<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
  claimed_until: NullableTimestamp;
  next_attempt_at: NullableTimestamp;
  provider_message_id: string | null;
  headers: Json<Record<string, string>>;
}


// ---------------------------------------------------------------- 0002_deals

/** numeric(78,0) arrives from pg as a string; writes accept bigint or string. */
type Money = ColumnType<string, bigint | string, bigint | string>;
type MoneyDefaulted = ColumnType<string, bigint | string | undefined, bigint | string>;
type NullableMoney = ColumnType<string | null, bigint | string | null | undefined, bigint | string | null>;

export interface DocumentsTable {
  tenant_id: string;
  id: string;
  owner_type: 'issuer' | 'deal' | 'investor';
  owner_id: string;
  title: string;
  kind: string;
  current_version: Defaulted<number>;
  required_for_investors: Defaulted<boolean>;
  created_by: string;
  created_at: Timestamp;
  archived_at: NullableTimestamp;
}

export interface DocumentVersionsTable {
  tenant_id: string;
  document_id: string;
  version: number;
  cid: string;
  file_name: string;
  mime: string;
  size_bytes: ColumnType<string, number | bigint | string, number | bigint | string>;
  sha256: string;
  uploaded_by: string;
  created_at: Timestamp;
}

export interface DocumentAccessLogsTable {
  tenant_id: string;
  id: string;
  document_id: string;
  version: number;
  user_id: string | null;
  action: Defaulted<string>;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
}

export interface LegalEntitiesTable {
  tenant_id: string;
  id: string;
  name: string;
  jurisdiction: string;
  registration_number: string;
  entity_type: 'corporation' | 'llc' | 'partnership' | 'trust' | 'fund' | 'other';
  address: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export type IssuerStatus = 'pending' | 'verified' | 'rejected' | 'suspended';

export interface IssuersTable {
  tenant_id: string;
  id: string;
  user_id: string;
  legal_entity_id: string;
  status: Defaulted<IssuerStatus>;
  review_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IssuerProfilesTable {
  tenant_id: string;
  issuer_id: string;
  display_name: string;
  website: string | null;
  description: string | null;
  contact_email: string | null;
  logo_cid: string | null;
  updated_at: Timestamp;
}

export interface IssuerDocumentsTable {
  tenant_id: string;
  issuer_id: string;
  document_id: string;
}

export type DealStatus = 'draft' | 'pending_review' | 'active' | 'funded' | 'closed' | 'cancelled' | 'completed' | 'archived';
export type AssetType = 'equity' | 'debt' | 'token';

export interface DealsTable {
  tenant_id: string;
  id: string;
  issuer_id: string;
  slug: string;
  title: string;
  summary: Defaulted<string>;
  description: Defaulted<string>;
  asset_type: AssetType;
  status: Defaulted<DealStatus>;
  currency: string;
  currency_decimals: number;
  payment_token_address: string | null;
  target_amount: Money;
  soft_cap: Money;
  hard_cap: Money;
  min_ticket: Money;
  max_ticket: NullableMoney;
  valuation: NullableMoney;
  starts_at: NullableTimestamp;
  ends_at: NullableTimestamp;
  featured: Defaulted<boolean>;
  chain_id: number | null;
  sale_address: string | null;
  escrow_factory_address: string | null;
  /** Set: the deal also has a Pool (0050), contributions open until this time. */
  pool_lock_at: NullableTimestamp;
  pool_address: string | null;
  compliance: Json<Record<string, unknown>>;
  /** The reserved amount only while the deal has no capacity slices (0011); read reservedAmountOf() in deals/repo.ts. */
  reserved_unsliced: MoneyDefaulted;
  confirmed_amount: MoneyDefaulted;
  investor_count: Defaulted<number>;
  review_reason: string | null;
  submitted_at: NullableTimestamp;
  approved_at: NullableTimestamp;
  approved_by: string | null;
  /** 0019: when the offering closed (Regulation S distribution compliance period). */
  closed_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  search: ColumnType<string, never, never>;
  /** 0060: who may see the deal; 'group' exactly when a group_deals row names its group. */
  visibility: Defaulted<DealVisibility>;
}

/** One step of a deal's review (0025_deal_review_events.sql, src/server/deals/review-history.ts). */
export type DealReviewAction = 'submit' | 'withdraw' | 'approve' | 'reject';
export interface DealReviewEventsTable {
  tenant_id: string;
  deal_id: string;
  id: string;
  action: DealReviewAction;
  actor_id: string;
  reason: string | null;
  created_at: Defaulted<Date>;
}

/** A share of a deal's free capacity (0011_deal_capacity_slices.sql, src/server/deals/capacity.ts). */
export interface DealCapacitySlicesTable {
  tenant_id: string;
  deal_id: string;
  slice: number;
  available: ColumnType<string, bigint | string, bigint | string>;
  open: Defaulted<boolean>;
}


// ---------------------------------------------------------------- 0070_notifications
export type NotificationChannel = 'in_app' | 'email' | 'telegram';

export interface NotificationOutboxTable {
  tenant_id: string;
  id: string;
  user_id: string;
  type: string;
  channel: NotificationChannel;
  dedupe_key: string;
  title: string;
  body: string;
  link: string | null;
  data: Json<Record<string, unknown>>;
  status: Defaulted<'pending' | 'delivered' | 'failed'>;
  attempts: Defaulted<number>;
  claimed_until: NullableTimestamp;
  next_attempt_at: NullableTimestamp;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: NullableTimestamp;
}

export interface NotificationsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  type: string;
  title: string;
  body: string;
  link: string | null;
  data: Json<Record<string, unknown>>;
  created_at: Timestamp;
  read_at: NullableTimestamp;
}

export interface NotificationPreferencesTable {
  tenant_id: string;
  user_id: string;
  type: string;
  channel: NotificationChannel;
  enabled: boolean;
  updated_at: Timestamp;
}

export interface NotificationFanoutsTable {
  tenant_id: string;
  id: string;
  type: string;
  audience: 'deal_investors';
  audience_id: string;
  exclude_user_id: string | null;
  dedupe_key: string;
  title: string;
  body: string;
  link: string | null;
  data: Json<Record<string, unknown>>;
  status: Defaulted<'pending' | 'delivered'>;
  recipients: number | null;
  created_at: Timestamp;
  delivered_at: NullableTimestamp;
}

// ---------------------------------------------------------------- 0095_telegram
/** Telegram ids (bigint) arrive from pg as strings. */
type TelegramId = ColumnType<string, number | bigint | string, number | bigint | string>;

export interface TelegramBotsTable {
  tenant_id: string;
  token_sealed: string;
  bot_id: TelegramId;
  bot_username: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface TelegramLinkCodesTable {
  tenant_id: string;
  code_hash: string;
  user_id: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface TelegramLinksTable {
  tenant_id: string;
  user_id: string;
  chat_id: TelegramId;
  telegram_username: string | null;
  linked_at: Timestamp;
}

export interface TelegramPinsTable {
  tenant_id: string;
  chat_id: TelegramId;
  pin_key: string;
  message_id: TelegramId;
  pinned_at: Timestamp;
}

export interface WebhookEndpointsTable {
  tenant_id: string;
  id: string;
  url: string;
  description: string | null;
  secret_sealed: string;
  event_types: ColumnType<string[], string[] | undefined, string[]>;
  enabled: Defaulted<boolean>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  tenant_id: string;
  id: string;
  endpoint_id: string;
  event_type: string;
  event_key: string;
  payload: string;
  status: Defaulted<'pending' | 'delivered' | 'failed'>;
  attempts: Defaulted<number>;
  claimed_until: NullableTimestamp;
  next_attempt_at: NullableTimestamp;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: NullableTimestamp;
}

export interface EmailLogsTable {
  tenant_id: string;
  id: string;
  email_id: string;
  provider: string;
  provider_message_id: string | null;
  status: 'sent' | 'failed' | 'delivered' | 'delayed' | 'bounced' | 'complained' | 'opened' | 'clicked';
  detail: string | null;
  event_id: string | null;
  created_at: Timestamp;
}

export interface NotificationDefaultsTable {
  tenant_id: string;
  type: string;
  channel: NotificationChannel;
  enabled: boolean;
  updated_at: Timestamp;
}

export interface Database {
  deal_capacity_slices: DealCapacitySlicesTable;
}

export interface DealDocumentsTable {
  tenant_id: string;
  deal_id: string;
  document_id: string;
}

export interface DealMediaTable {
  tenant_id: string;
  id: string;
  deal_id: string;
  kind: 'image' | 'video';
  cid: string;
  mime: string;
  caption: string | null;
  position: Defaulted<number>;
  created_at: Timestamp;
}

export interface DealUpdatesTable {
  tenant_id: string;
  id: string;
  deal_id: string;
  author_id: string;
  title: string;
  body: string;
  published_at: Timestamp;
}

export interface DealFaqsTable {
  tenant_id: string;
  id: string;
  deal_id: string;
  question: string;
  answer: string;
  position: Defaulted<number>;
}

export interface DealKeyTermsTable {
  tenant_id: string;
  id: string;
  deal_id: string;
  label: string;
  value: string;
  position: Defaulted<number>;
}

export interface DealRequiredDocumentsTable {
  tenant_id: string;
  id: string;
  deal_id: string;
  name: string;
  description: string | null;
  required: Defaulted<boolean>;
}

export interface DealGroupsTable {
  tenant_id: string;
  id: string;
  slug: string;
  name: string;
  description: Defaulted<string>;
  created_by: string;
  created_at: Timestamp;
}

export interface DealGroupDealsTable {
  tenant_id: string;
  group_id: string;
  deal_id: string;
  position: Defaulted<number>;
}

export type InvestmentStatus = 'pending_kyc' | 'pending_payment' | 'in_escrow' | 'confirmed' | 'refunded' | 'cancelled';

export interface InvestmentsTable {
  tenant_id: string;
  id: string;
  deal_id: string;
  investor_id: string;
  amount: Money;
  currency: string;
  currency_decimals: number;
  payment_method: 'crypto' | 'wire' | 'card' | 'ach';
  wallet_address: string | null;
  status: InvestmentStatus;
  transaction_hash: string | null;
  escrow_address: string | null;
  cancel_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  confirmed_at: NullableTimestamp;
}

export interface InvestmentEventsTable {
  tenant_id: string;
  id: string;
  investment_id: string;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  reason: string | null;
  created_at: Timestamp;
}

export interface DealReviewsTable {
  tenant_id: string;
  id: string;
  deal_id: string;
  investor_id: string;
  rating: number;
  body: Defaulted<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DealCommentsTable {
  tenant_id: string;
  id: string;
  deal_id: string;
  author_id: string;
  parent_id: string | null;
  body: string;
  is_issuer_reply: Defaulted<boolean>;
  created_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  actor_id: string;
  endpoint: string;
  key: string;
  request_hash: string;
  state: Defaulted<'running' | 'completed'>;
  response_status: number | null;
  response_body: Json | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface Database {
  tenants: TenantsTable;
  platform_admins: PlatformAdminsTable;
  platform_audit_logs: PlatformAuditLogsTable;
  platform_sessions: PlatformSessionsTable;
  domain_aliases: DomainAliasesTable;
  tenant_features: TenantFeaturesTable;
  tenant_settings: TenantKeyValueTable;
  tenant_metadata: TenantKeyValueTable;
  users: UsersTable;
  profiles: ProfilesTable;
  user_verification_levels: UserVerificationLevelsTable;
  tenant_user_roles: TenantUserRolesTable;
  verification_codes: VerificationCodesTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  activity_logs: ActivityLogsTable;
  audit_logs: AuditLogsTable;
  email_outbox: EmailOutboxTable;
  notification_outbox: NotificationOutboxTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  notification_defaults: NotificationDefaultsTable;
  email_logs: EmailLogsTable;
  notification_fanouts: NotificationFanoutsTable;
  webhook_endpoints: WebhookEndpointsTable;
  telegram_bots: TelegramBotsTable;
  telegram_link_codes: TelegramLinkCodesTable;
  telegram_links: TelegramLinksTable;
  telegram_pins: TelegramPinsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  document_access_logs: DocumentAccessLogsTable;
  legal_entities: LegalEntitiesTable;
  issuers: IssuersTable;
  issuer_profiles: IssuerProfilesTable;
  issuer_documents: IssuerDocumentsTable;
  deals: DealsTable;
  deal_review_events: DealReviewEventsTable;
  deal_documents: DealDocumentsTable;
  deal_media: DealMediaTable;
  deal_updates: DealUpdatesTable;
  deal_faqs: DealFaqsTable;
  deal_key_terms: DealKeyTermsTable;
  deal_required_documents: DealRequiredDocumentsTable;
  deal_groups: DealGroupsTable;
  deal_group_deals: DealGroupDealsTable;
  investments: InvestmentsTable;
  investment_events: InvestmentEventsTable;
  deal_reviews: DealReviewsTable;
  deal_comments: DealCommentsTable;
  idempotency_keys: IdempotencyKeysTable;
  kyc_applications: KycApplicationsTable;
  kyc_documents: KycDocumentsTable;
  kyc_events: KycEventsTable;
  kyc_webhook_receipts: KycWebhookReceiptsTable;
  tenant_kyc_credentials: TenantKycCredentialsTable;
  investor_declarations: InvestorDeclarationsTable;
  investor_external_reg_cf_investments: InvestorExternalRegCfInvestmentsTable;
  accreditation_verifications: AccreditationVerificationsTable;
  suitability_assessments: SuitabilityAssessmentsTable;
  compliance_checks: ComplianceChecksTable;
  purchaser_representatives: PurchaserRepresentativesTable;
  offering_disclosures: OfferingDisclosuresTable;
  deal_invitations: DealInvitationsTable;
  issuer_bad_actor_certifications: IssuerBadActorCertificationsTable;
  form_d_filings: FormDFilingsTable;
  investor_acknowledgements: InvestorAcknowledgementsTable;
  issuer_affiliates: IssuerAffiliatesTable;
  deal_material_changes: DealMaterialChangesTable;
  investment_reconfirmations: InvestmentReconfirmationsTable;
  purchaser_counting_declarations: PurchaserCountingDeclarationsTable;
  holding_legends: HoldingLegendsTable;
  issuer_covered_persons: IssuerCoveredPersonsTable;
  covered_person_events: CoveredPersonEventsTable;
  form_d_overdue_notices: FormDOverdueNoticesTable;
  investment_groups: InvestmentGroupsTable;
  group_memberships: GroupMembershipsTable;
  group_applications: GroupApplicationsTable;
  group_invitations: GroupInvitationsTable;
  group_deals: GroupDealsTable;
  group_pre_commitments: GroupPreCommitmentsTable;
}

export type Tenant = Selectable<TenantsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Session = Selectable<SessionsTable>;

export type Deal = Selectable<DealsTable>;
export type Investment = Selectable<InvestmentsTable>;

// ---------------------------------------------------------------- KYC (0004_kyc.sql)

export type KycProviderName = 'manual' | 'sumsub' | 'shuftipro';
export type KycApplicationStatus = 'draft' | 'submitted' | 'pending' | 'approved' | 'rejected' | 'retry';
export type KycDocumentKind = 'passport' | 'id_card' | 'driving_licence' | 'selfie' | 'proof_of_address' | 'accreditation_letter' | 'other';
export type KycEventOutcome = 'applied' | 'stale' | 'ignored';

export interface KycApplicationsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  provider: KycProviderName;
  external_applicant_id: string;
  external_reference: string;
  level_requested: Defaulted<'standard' | 'enhanced' | 'accredited'>;
  status: Defaulted<KycApplicationStatus>;
  decision_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: NullableTimestamp;
  last_event_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** ShuftiPro: the hosted verification page of this application (0040). */
  verification_url: string | null;
}

export interface KycDocumentsTable {
  tenant_id: string;
  id: string;
  application_id: string;
  kind: KycDocumentKind;
  cid: string;
  mime: string;
  size: ColumnType<string, number | string, number | string>;
  encrypted: boolean;
  uploaded_at: Timestamp;
}

export interface KycEventsTable {
  tenant_id: string;
  id: string;
  application_id: string | null;
  provider: Exclude<KycProviderName, 'manual'>;
  event_id: string;
  event_type: string;
  mapped_status: Exclude<KycApplicationStatus, 'draft'> | null;
  outcome: KycEventOutcome;
  occurred_at: NullableTimestamp;
  payload: Json<Record<string, unknown>>;
  received_at: Timestamp;
}

export interface KycWebhookReceiptsTable {
  tenant_id: string;
  provider: Exclude<KycProviderName, 'manual'>;
  event_id: string;
  received_at: Timestamp;
  outcome: KycEventOutcome;
}

export interface TenantKycCredentialsTable {
  tenant_id: string;
  provider: Exclude<KycProviderName, 'manual'>;
  encrypted_secret: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

// ---------------------------------------------------------------- escrow and screening (0007_escrow_screening.sql)
// Declared as an interface merge so this block stays self-contained beside other modules' additions.

export type EscrowStatus = 'held' | 'released' | 'refunded';
export type EscrowRefundReason = 'rejection' | 'timeout' | 'manual';
export type ScreeningHitStatus = 'open' | 'cleared' | 'confirmed';

export interface EscrowInvestmentsTable {
  tenant_id: string;
  id: string;
  investment_id: string;
  investor_id: string;
  deal_id: string;
  amount: Money;
  currency: string;
  status: Defaulted<EscrowStatus>;
  deadline_admin: Timestamp;
  expires_at: Timestamp;
  chain_id: ColumnType<string | null, number | bigint | string | null | undefined, number | bigint | string | null>;
  escrow_address: string | null;
  admin_alerted_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EscrowTransactionsTable {
  tenant_id: string;
  id: string;
  escrow_id: string;
  kind: 'deposit' | 'release' | 'refund';
  amount: Money;
  tx_hash: string | null;
  actor_id: string | null;
  created_at: Timestamp;
  /** Chain provenance (0030): set with log_index when the indexer wrote the row from a log. */
  chain_id: ColumnType<string | null, number | bigint | string | null | undefined, never>;
  log_index: ColumnType<number | null, number | null | undefined, never>;
}

export interface EscrowRefundsTable {
  tenant_id: string;
  id: string;
  escrow_id: string;
  reason: EscrowRefundReason;
  note: string | null;
  actor_id: string | null;
  created_at: Timestamp;
  chain_id: ColumnType<string | null, number | bigint | string | null | undefined, never>;
  tx_hash: ColumnType<string | null, string | null | undefined, never>;
  log_index: ColumnType<number | null, number | null | undefined, never>;
}

export interface ScreeningListsTable {
  tenant_id: string;
  id: string;
  name: string;
  kind: 'sanctions' | 'pep';
  uploaded_by: string;
  entry_count: number;
  created_at: Timestamp;
}

export interface ScreeningEntriesTable {
  tenant_id: string;
  id: string;
  list_id: string;
  full_name: string;
  normalized_name: string;
  aliases: Defaulted<string[]>;
  search_text: string;
  date_of_birth: ColumnType<string | null, string | null | undefined, string | null>;
  countries: Defaulted<string[]>;
}

export interface ScreeningHitsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  entry_id: string | null;
  source: Defaulted<'list' | 'provider'>;
  score: ColumnType<string, number | string, number | string>;
  matched_on: string;
  status: Defaulted<ScreeningHitStatus>;
  reviewed_by: string | null;
  reviewed_at: NullableTimestamp;
  note: string | null;
  created_at: Timestamp;
}

export interface Database {
  escrow_investments: EscrowInvestmentsTable;
  escrow_transactions: EscrowTransactionsTable;
  escrow_refunds: EscrowRefundsTable;
  screening_lists: ScreeningListsTable;
  screening_entries: ScreeningEntriesTable;
  screening_hits: ScreeningHitsTable;
}

// ---------------------------------------------------------------- compliance (0006_compliance.sql)

export type AccreditationMethod = 'letter_from_professional' | 'income_documents' | 'net_worth_documents' | 'minimum_investment_representation' | 'reverification_statement' | 'category_documents';

export interface InvestorDeclarationsTable {
  tenant_id: string;
  user_id: string;
  residence_country: string;
  residence_subdivision: string | null;
  nationality: string;
  is_us_person: boolean;
  investor_type: 'natural_person' | 'entity';
  annual_income: NullableMoney;
  net_worth: NullableMoney;
  /** 0023: income jointly with a spouse or spousal equivalent (501(a)(6)). */
  joint_annual_income: NullableMoney;
  financials_declared_at: NullableTimestamp;
  external_investments_12m: MoneyDefaulted;
  declared_at: Timestamp;
  updated_at: Timestamp;
}

/** Reg CF purchases through other intermediaries as the investor stated them (227.303(b)(1)). */
export interface InvestorExternalRegCfInvestmentsTable {
  tenant_id: string;
  user_id: string;
  id: string;
  amount: Money;
  invested_on: Timestamp;
  intermediary: string | null;
  stated_at: Timestamp;
}

export interface AccreditationVerificationsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  method: AccreditationMethod;
  status: Defaulted<'pending' | 'approved' | 'rejected'>;
  evidence: Json<Record<string, unknown>>;
  submitted_at: Timestamp;
  verified_by: string | null;
  verified_at: NullableTimestamp;
  expires_at: NullableTimestamp;
  decision_reason: string | null;
}

export interface SuitabilityAssessmentsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  answers: Json<Record<string, string>>;
  score: number;
  band: string;
  /** 0017: the points of the knowledge-and-experience questions alone (null before it was recorded). */
  knowledge_experience_points: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
}

// ---------------------------------------------------------------- 506(b) purchasers (0017)

export interface PurchaserRepresentativesTable {
  tenant_id: string;
  deal_id: string;
  user_id: string;
  name: string;
  qualifications: string;
  material_relationships: string;
  acknowledged_at: Timestamp;
  recorded_at: Timestamp;
}

/** 0020: the issuer's bad-actor certification (230.506(d), (e); 227.503), append-only. */
export interface IssuerBadActorCertificationsTable {
  tenant_id: string;
  id: string;
  issuer_id: string;
  certified_by: string;
  covered_persons: Json<{ name: string; role: string }[]>;
  prior_events_disclosure: string | null;
  statement: string;
  certified_at: Timestamp;
  /** 0037: the covered persons on record that the certification covered. */
  covered_person_ids: Defaulted<string[]>;
}

/** 0024: affiliated issuers (227.100(a)(1)), stored both ways. */
export interface IssuerAffiliatesTable {
  tenant_id: string;
  issuer_id: string;
  affiliate_issuer_id: string;
  recorded_by: string;
  recorded_at: Timestamp;
}

/** 0022: acknowledgements an investor gave (Reg CF educational materials, 227.302(b), 303(b)(2)). */
export interface InvestorAcknowledgementsTable {
  tenant_id: string;
  user_id: string;
  kind: 'reg_cf_education';
  material_version: string;
  statements: Json<Record<string, boolean>>;
  acknowledged_at: Timestamp;
}

/** 0021: Form D filings recorded per deal (230.503). */
export interface FormDFilingsTable {
  tenant_id: string;
  id: string;
  deal_id: string;
  kind: 'initial' | 'amendment';
  sec_file_number: string;
  filed_on: Timestamp;
  recorded_by: string;
  recorded_at: Timestamp;
}

/** 0018: investors invited to a 506(b) deal (a pre-existing substantive relationship, 230.502(c)). */
export interface DealInvitationsTable {
  tenant_id: string;
  deal_id: string;
  user_id: string;
  invited_by: string;
  note: string | null;
  invited_at: Timestamp;
}

export interface OfferingDisclosuresTable {
  tenant_id: string;
  deal_id: string;
  user_id: string;
  kind: 'rule_502b';
  package_sha256: string;
  documents: Json<unknown>;
  delivered_at: Timestamp;
  acknowledged_at: NullableTimestamp;
}

export interface ComplianceChecksTable {
  tenant_id: string;
  id: string;
  user_id: string;
  deal_id: string;
  investment_id: string | null;
  amount: Money;
  currency: string;
  currency_decimals: number;
  outcome: 'allowed' | 'blocked' | 'review';
  blocking_rule: string | null;
  code: string | null;
  investor_accredited: boolean;
  rules: Json<unknown[]>;
  context: Json<Record<string, unknown>>;
  engine_version: string;
  created_at: Timestamp;
}

// ---------------------------------------------------------------- 0009_wallet_links

export interface WalletNoncesTable {
  tenant_id: string;
  user_id: string;
  nonce: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface WalletLinksTable {
  tenant_id: string;
  user_id: string;
  address: string;
  chain_id: ColumnType<string, number | bigint | string, number | bigint | string>;
  linked_at: Timestamp;
}

export interface Database {
  wallet_nonces: WalletNoncesTable;
  wallet_links: WalletLinksTable;
}

export type KycCheckKind = 'identity' | 'liveness' | 'proof_of_address';

export interface KycChecksTable {
  tenant_id: string;
  id: string;
  application_id: string;
  document_id: string | null;
  check_kind: KycCheckKind;
  outcome: 'passed' | 'failed';
  /** A `date`: written as 'YYYY-MM-DD', read with to_char. */
  issued_on: ColumnType<string | null, string | null | undefined, string | null>;
  source: 'manual_review' | 'provider';
  reviewed_by: string | null;
  event_id: string | null;
  note: string | null;
  created_at: Timestamp;
}

export interface Database {
  kyc_checks: KycChecksTable;
}

// ---------------------------------------------------------------- money on chain, write side (0026_chain_money.sql)

type ChainBigint = ColumnType<string, number | bigint | string, number | bigint | string>;
type NullableChainBigint = ColumnType<string | null, number | bigint | string | null | undefined, number | bigint | string | null>;

export type ChainDeployStatus = 'pending' | 'deployed' | 'failed';
export type EscrowPendingAction = 'release' | 'reject' | 'refund_manual' | 'refund_timeout' | 'extend';
export type ChainTxStatus = 'queued' | 'sent' | 'mined' | 'failed' | 'replaced';
export type ChainSignerRole = 'platform_admin' | 'operator' | 'tenant_admin';

export interface TenantChainContractsTable {
  tenant_id: string;
  chain_id: ChainBigint;
  factory_address: string | null;
  deploy_status: Defaulted<ChainDeployStatus>;
  operator_address: string | null;
  admin_address: string | null;
  treasury_address: string | null;
  deploy_tx_hash: string | null;
  deployed_block: NullableChainBigint;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InvestmentsTable {
  chain_id: NullableChainBigint;
  funding_expires_at: NullableTimestamp;
}

export interface EscrowInvestmentsTable {
  pending_action: EscrowPendingAction | null;
  pending_actor_id: string | null;
  pending_actor_role: string | null;
  pending_note: string | null;
  pending_reason_code: string | null;
  pending_deadline: NullableTimestamp;
  pending_requested_at: NullableTimestamp;
  pending_tx_id: string | null;
}

export interface ChainTransactionsTable {
  id: string;
  tenant_id: string;
  chain_id: ChainBigint;
  from_address: string;
  signer_role: ChainSignerRole;
  to_address: string | null;
  data: string;
  value: MoneyDefaulted;
  purpose: string;
  reference_type: 'escrow' | 'deal' | 'tenant' | 'platform' | 'staking_pool' | 'lending_pool' | 'asset' | 'identity_registry';
  reference_id: string;
  dedupe_key: string;
  status: Defaulted<ChainTxStatus>;
  nonce: NullableChainBigint;
  gas_limit: ColumnType<string | null, bigint | string | null | undefined, bigint | string | null>;
  attempt_count: Defaulted<number>;
  failure_count: Defaulted<number>;
  next_attempt_at: Timestamp;
  tx_hash: string | null;
  receipt_status: 'success' | 'reverted' | null;
  block_number: NullableChainBigint;
  block_hash: string | null;
  gas_used: ColumnType<string | null, bigint | string | null | undefined, bigint | string | null>;
  effective_gas_price: ColumnType<string | null, bigint | string | null | undefined, bigint | string | null>;
  contract_address: string | null;
  last_error: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  sent_at: NullableTimestamp;
  mined_at: NullableTimestamp;
}

export interface ChainTransactionAttemptsTable {
  id: string;
  transaction_id: string;
  tenant_id: string;
  attempt: number;
  tx_hash: string;
  raw_tx: string;
  nonce: ChainBigint;
  max_fee_per_gas: Money;
  max_priority_fee_per_gas: Money;
  gas_limit: Money;
  created_at: Timestamp;
  broadcast_at: NullableTimestamp;
  broadcast_block: NullableChainBigint;
}

export interface ChainNoncesTable {
  chain_id: ChainBigint;
  address: string;
  next_nonce: ChainBigint;
  updated_at: Timestamp;
}

export interface Database {
  tenant_chain_contracts: TenantChainContractsTable;
  chain_transactions: ChainTransactionsTable;
  chain_transaction_attempts: ChainTransactionAttemptsTable;
  chain_nonces: ChainNoncesTable;
}

// ---------------------------------------------------------------- chain indexer (0030_chain_indexer.sql)

type BigIntColumn = ColumnType<string, number | bigint | string, number | bigint | string>;
type NullableBigIntColumn = ColumnType<string | null, number | bigint | string | null | undefined, number | bigint | string | null>;

export interface ChainCursorsTable {
  chain_id: BigIntColumn;
  block_number: BigIntColumn;
  block_hash: string | null;
  head_block: NullableBigIntColumn;
  last_batch_at: NullableTimestamp;
  updated_at: Defaulted<Date>;
}

export interface ChainIndexerLeasesTable {
  chain_id: BigIntColumn;
  holder: string;
  acquired_at: Defaulted<Date>;
  expires_at: Date;
}

export interface ChainBlocksTable {
  chain_id: BigIntColumn;
  block_number: BigIntColumn;
  block_hash: string;
  parent_hash: string;
  block_time: Timestamp;
}

export interface ChainEventsTable {
  id: string;
  tenant_id: string | null;
  chain_id: BigIntColumn;
  block_number: BigIntColumn;
  block_hash: string;
  block_time: Timestamp;
  tx_hash: string;
  log_index: number;
  address: string;
  event_name: string;
  args: ColumnType<Record<string, unknown>, string, string>;
  subject_kind: 'tenantFactory' | 'sale' | 'pool' | 'escrow' | 'stakingPool' | 'lendingPool' | null;
  subject: string | null;
  effects: ColumnType<unknown[], string | undefined, string>;
  created_at: Defaulted<Date>;
}

export interface ChainUnmatchedEscrowsTable {
  tenant_id: string;
  id: string;
  chain_id: BigIntColumn;
  escrow_address: string;
  sale_address: string;
  investor_address: string;
  token_address: string;
  amount: Money;
  deal_id: string | null;
  tx_hash: string;
  block_number: BigIntColumn;
  status: Defaulted<'open' | 'released' | 'refunded'>;
  closed_tx_hash: string | null;
  created_at: Defaulted<Date>;
}

export interface ChainWebhookReceiptsTable {
  signature: string;
  chain_id: BigIntColumn;
  received_at: Defaulted<Date>;
}

export interface Database {
  chain_cursors: ChainCursorsTable;
  chain_indexer_leases: ChainIndexerLeasesTable;
  chain_blocks: ChainBlocksTable;
  chain_events: ChainEventsTable;
  chain_unmatched_escrows: ChainUnmatchedEscrowsTable;
  chain_webhook_receipts: ChainWebhookReceiptsTable;
}

// ---------------------------------------------------------------- issue 23, second part (0034-0038)

/** 0034: an issuer's material change to a Reg CF offering (227.304(c)). */
export interface DealMaterialChangesTable {
  tenant_id: string;
  id: string;
  deal_id: string;
  kinds: string[];
  description: string;
  previous_ends_at: NullableTimestamp;
  new_ends_at: NullableTimestamp;
  reconfirm_by: Timestamp;
  created_by: string;
  created_at: Timestamp;
}

export type ReconfirmationStatus = 'pending' | 'reconfirmed' | 'cancelled' | 'withdrawn';

/** 0034: each commitment outstanding at a material change, and the investor's answer. */
export interface InvestmentReconfirmationsTable {
  tenant_id: string;
  material_change_id: string;
  investment_id: string;
  investor_id: string;
  due_at: Timestamp;
  status: Defaulted<ReconfirmationStatus>;
  decided_at: NullableTimestamp;
}

export type PurchaserCountingKind = 'household_member' | 'controlled_entity' | 'formed_to_invest';

/** 0035: how an investor counts among the 35 of Rule 506(b) (230.501(e)). */
export interface PurchaserCountingDeclarationsTable {
  tenant_id: string;
  user_id: string;
  kind: PurchaserCountingKind;
  counted_with_user_id: string | null;
  relationship: 'spouse' | 'relative' | 'spouse_relative' | null;
  ownership_percent: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  non_accredited_owners: number | null;
  statement: string;
  recorded_by: string;
  recorded_role: string;
  recorded_at: Timestamp;
}

/** 0036: the Rule 502(d) legend and stop-transfer flag of a Reg D holding. */
export interface HoldingLegendsTable {
  tenant_id: string;
  investment_id: string;
  deal_id: string;
  investor_id: string;
  regime: 'reg_d_506b' | 'reg_d_506c';
  legend: string;
  stop_transfer: Defaulted<boolean>;
  stop_lifted_at: NullableTimestamp;
  stop_lifted_by: string | null;
  stop_lift_reason: string | null;
  recorded_at: Timestamp;
}

export type CoveredPersonRole = 'director' | 'executive_officer' | 'officer' | 'general_partner' | 'managing_member' | 'beneficial_owner_20' | 'promoter' | 'compensated_solicitor';
export type DisqualifyingEventType =
  | 'criminal_conviction'
  | 'court_injunction'
  | 'regulatory_final_order'
  | 'sec_disciplinary_order'
  | 'sec_cease_and_desist'
  | 'sro_suspension_expulsion'
  | 'sec_stop_order'
  | 'usps_false_representation';

/** 0037: an issuer's covered person (230.506(d)(1)) and the inquiry into them (506(d)(2)(iv)). */
export interface IssuerCoveredPersonsTable {
  tenant_id: string;
  id: string;
  issuer_id: string;
  name: string;
  role: CoveredPersonRole;
  inquiry_method: string | null;
  inquired_at: NullableTimestamp;
  inquired_by: string | null;
  removed_at: NullableTimestamp;
  recorded_by: string;
  recorded_at: Timestamp;
}

/** 0037: a disqualifying event of a covered person (230.506(d)(1)(i)-(viii)). */
export interface CoveredPersonEventsTable {
  tenant_id: string;
  id: string;
  covered_person_id: string;
  issuer_id: string;
  event_type: DisqualifyingEventType;
  event_date: Timestamp;
  order_reference: string;
  description: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
  waiver_reference: string | null;
  waived_at: NullableTimestamp;
  waived_by: string | null;
}

/** 0038: the one Form D overdue notice of a deal (230.503). */
export interface FormDOverdueNoticesTable {
  tenant_id: string;
  deal_id: string;
  due_on: Timestamp;
  notified_at: Timestamp;
  recipients: number;
}

// ---------------------------------------------------------------- issue 19: staking pools (0085)

/** 0085: a tenant's StakingPool (pending until the indexer reads its creation). Token amounts in base units. */
export interface StakingPoolsTable {
  tenant_id: string;
  id: string;
  chain_id: BigIntColumn;
  name: string;
  staking_token: string;
  reward_token: string;
  staking_decimals: number;
  reward_decimals: number;
  reward_budget: Money;
  rewards_duration_seconds: BigIntColumn;
  lock_period_seconds: BigIntColumn;
  early_exit_penalty_bps: number;
  max_stake_per_user: Money;
  max_total_staked: Money;
  min_verification_level: Defaulted<VerificationLevel>;
  status: Defaulted<'pending' | 'active'>;
  pool_address: string | null;
  created_tx_hash: string | null;
  created_log_index: number | null;
  created_by: string | null;
  created_at: Defaulted<Date>;
  activated_at: NullableTimestamp;
}

/** 0085: one stake movement of a wallet in a pool, from its chain event. */
export interface UserStakesTable {
  tenant_id: string;
  id: string;
  pool_id: string;
  wallet_address: string;
  kind: 'stake' | 'withdraw' | 'emergency_withdraw';
  amount: Money;
  penalty: MoneyDefaulted;
  balance_after: Money;
  locked_until: Date | null;
  chain_id: BigIntColumn;
  tx_hash: string;
  log_index: number;
  block_number: BigIntColumn;
  block_time: Date;
}

/** 0085: reward money into (funded) and out of (paid, recovered) a pool, from its chain event. */
export interface StakingRewardsTable {
  tenant_id: string;
  id: string;
  pool_id: string;
  kind: 'funded' | 'paid' | 'recovered';
  wallet_address: string | null;
  amount: Money;
  reward_rate_scaled: Money | null;
  period_finish: Date | null;
  chain_id: BigIntColumn;
  tx_hash: string;
  log_index: number;
  block_number: BigIntColumn;
  block_time: Date;
}

export interface Database {
  staking_pools: StakingPoolsTable;
  user_stakes: UserStakesTable;
  staking_rewards: StakingRewardsTable;
}

// ---------------------------------------------------------------- issue 19: lending pools (0090, 0092)

/** 0090: a tenant's LendingPool (pending until the indexer reads its creation). Rates 1e18 = 100%. */
export interface LendingPoolsTable {
  tenant_id: string;
  id: string;
  chain_id: BigIntColumn;
  name: string;
  asset_token: string;
  asset_decimals: number;
  base_rate: Money;
  slope1: Money;
  slope2: Money;
  optimal_utilisation: Money;
  reserve_factor_bps: number;
  close_factor_bps: number;
  min_verification_level: Defaulted<VerificationLevel>;
  status: Defaulted<'pending' | 'active'>;
  pool_address: string | null;
  created_tx_hash: string | null;
  created_log_index: number | null;
  created_by: string | null;
  created_at: Defaulted<Date>;
  activated_at: NullableTimestamp;
}

/** 0090: a collateral listed when the pool opened, with its terms and first price. */
export interface LendingCollateralsTable {
  tenant_id: string;
  pool_id: string;
  token: string;
  symbol: string;
  decimals: number;
  ltv_bps: number;
  liquidation_threshold_bps: number;
  liquidation_bonus_bps: number;
  max_price_age_seconds: BigIntColumn;
  feed: string | null;
  initial_price: Money;
  position: number;
}

export type LendingTransactionKind = 'supply' | 'withdraw' | 'collateral_deposit' | 'collateral_withdraw' | 'borrow' | 'repay' | 'liquidate' | 'reserves_withdrawn' | 'price_set';

/** 0090: one chain event of a pool that moves money or a price. */
export interface LendingTransactionsTable {
  tenant_id: string;
  id: string;
  pool_id: string;
  kind: LendingTransactionKind;
  wallet_address: string | null;
  payer_address: string | null;
  token: string | null;
  amount: Money;
  scaled: Money | null;
  seized: Money | null;
  chain_id: BigIntColumn;
  tx_hash: string;
  log_index: number;
  block_number: BigIntColumn;
  block_time: Date;
}

/** 0090: a wallet's position as the indexer has summed it from lending_transactions. */
export interface UserLendingPositionsTable {
  tenant_id: string;
  pool_id: string;
  wallet_address: string;
  scaled_supply: Money;
  scaled_debt: Money;
  collateral: Json<Record<string, string>>;
  updated_block: BigIntColumn;
  updated_at: Date;
}

/** 0090: an Accrued event (interest and both indexes after it). */
export interface LendingRateSnapshotsTable {
  tenant_id: string;
  id: string;
  pool_id: string;
  interest: Money;
  reserve: Money;
  borrow_index: Money;
  supply_index: Money;
  chain_id: BigIntColumn;
  tx_hash: string;
  log_index: number;
  block_number: BigIntColumn;
  block_time: Date;
}

/** 0092: the tenant's lending risk disclosure, versioned. */
export interface LendingSettingsTable {
  tenant_id: string;
  disclosure_title: string;
  disclosure_body: string;
  disclosure_version: number;
  updated_by: string | null;
  updated_at: Defaulted<Date>;
}

/** 0092: a member's acknowledgement of one disclosure version. */
export interface LendingDisclosureAcknowledgementsTable {
  tenant_id: string;
  user_id: string;
  disclosure_version: number;
  acknowledged_at: Defaulted<Date>;
}

export interface Database {
  lending_pools: LendingPoolsTable;
  lending_collaterals: LendingCollateralsTable;
  lending_transactions: LendingTransactionsTable;
  user_lending_positions: UserLendingPositionsTable;
  lending_rate_snapshots: LendingRateSnapshotsTable;
  lending_settings: LendingSettingsTable;
  lending_disclosure_acknowledgements: LendingDisclosureAcknowledgementsTable;
}

// ---------------------------------------------------------------- investment groups (0060_investment_groups.sql)

export type DealVisibility = 'public' | 'verified' | 'group';
export type GroupPrivacy = 'public' | 'private';
export type GroupApplicationStatus = 'pending' | 'waitlisted' | 'approved' | 'rejected' | 'withdrawn';
export type GroupMembershipStatus = 'active' | 'left' | 'removed';

export interface InvestmentGroupsTable {
  tenant_id: string;
  id: string;
  issuer_id: string;
  slug: string;
  name: string;
  description: Defaulted<string>;
  privacy: Defaulted<GroupPrivacy>;
  min_verification_level: Defaulted<VerificationLevel>;
  requires_accreditation: Defaulted<boolean>;
  min_commitment: NullableMoney;
  currency: Defaulted<string>;
  currency_decimals: Defaulted<number>;
  capacity: number | null;
  questions: Json<{ id: string; text: string; required: boolean }[]>;
  focus_areas: Defaulted<string[]>;
  brand_color: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GroupMembershipsTable {
  tenant_id: string;
  group_id: string;
  user_id: string;
  status: Defaulted<GroupMembershipStatus>;
  joined_via: 'application' | 'invitation';
  joined_at: Timestamp;
  ended_at: NullableTimestamp;
  ended_by: string | null;
  end_reason: string | null;
}

export interface GroupApplicationsTable {
  tenant_id: string;
  id: string;
  group_id: string;
  user_id: string;
  status: Defaulted<GroupApplicationStatus>;
  answers: Json<{ questionId: string; answer: string }[]>;
  intended_commitment: NullableMoney;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  decision_reason: string | null;
  created_at: Timestamp;
}

export interface GroupInvitationsTable {
  tenant_id: string;
  id: string;
  group_id: string;
  created_by: string;
  note: string | null;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  uses: Defaulted<number>;
  created_at: Timestamp;
  invited_email: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface GroupDealsTable {
  tenant_id: string;
  deal_id: string;
  group_id: string;
  added_by: string;
  added_at: Timestamp;
}

export interface GroupPreCommitmentsTable {
  tenant_id: string;
  deal_id: string;
  user_id: string;
  group_id: string;
  amount: Money;
  status: Defaulted<'indicated' | 'withdrawn'>;
  notified_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

// ---------------------------------------------------------------- tenant data (0105, 0106)

export interface TenantExportsTable {
  id: string;
  target_tenant_id: string;
  slug: string;
  status: Defaulted<'queued' | 'running' | 'done' | 'failed'>;
  tables_total: Defaulted<number>;
  tables_done: Defaulted<number>;
  rows_done: ColumnType<string, string | number | undefined, string | number>;
  bytes_written: ColumnType<string, string | number | undefined, string | number>;
  file_path: string | null;
  manifest_sha256: string | null;
  error: string | null;
  requested_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: NullableTimestamp;
}

export interface MemberErasureRequestsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  requested_by: string | null;
  reason: string | null;
  status: Defaulted<'scheduled' | 'done' | 'cancelled'>;
  due_at: ColumnType<Date, Date | string, Date | string>;
  done_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface MemberDataKeysTable {
  tenant_id: string;
  user_id: string;
  sealed_key: string;
  created_at: Timestamp;
}

export interface Database {
  tenant_exports: TenantExportsTable;
  member_erasure_requests: MemberErasureRequestsTable;
  member_data_keys: MemberDataKeysTable;
}

// ---------------------------------------------------------------- social feed (0110_social_feed.sql)

export type FeedPostKind = 'post' | 'share' | 'deal_update';
export type ModerationStatus = 'visible' | 'hidden' | 'removed';

export interface UserFeedPostsTable {
  tenant_id: string;
  id: string;
  author_id: string;
  kind: Defaulted<FeedPostKind>;
  title: string | null;
  body: string;
  deal_id: string | null;
  shared_post_id: string | null;
  deal_update_id: string | null;
  status: Defaulted<ModerationStatus>;
  moderation_reason: string | null;
  moderated_by: string | null;
  moderated_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface PostCommentsTable {
  tenant_id: string;
  id: string;
  post_id: string;
  author_id: string;
  body: string;
  status: Defaulted<ModerationStatus>;
  moderation_reason: string | null;
  moderated_by: string | null;
  moderated_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface PostEngagementsTable {
  tenant_id: string;
  post_id: string;
  user_id: string;
  kind: Defaulted<'like'>;
  created_at: Timestamp;
}

export interface UserFollowsTable {
  tenant_id: string;
  follower_id: string;
  followee_id: string;
  created_at: Timestamp;
}

export interface UserBlocksTable {
  tenant_id: string;
  blocker_id: string;
  blocked_id: string;
  created_at: Timestamp;
}

export interface PostReportsTable {
  tenant_id: string;
  id: string;
  post_id: string;
  reporter_id: string;
  reason: string;
  status: Defaulted<'open' | 'actioned' | 'dismissed'>;
  resolved_by: string | null;
  resolved_at: NullableTimestamp;
  created_at: Timestamp;
}

// ---------------------------------------------------------------- newsletters (0120_newsletter.sql)

export type NewsletterSegment = 'all' | 'members' | 'verified_investors' | 'group' | 'issuer_followers';
export type NewsletterCampaignStatus = 'draft' | 'scheduled' | 'sending' | 'sent' | 'cancelled';

export interface NewsletterSubscribersTable {
  tenant_id: string;
  id: string;
  email: string;
  status: Defaulted<'pending' | 'confirmed' | 'unsubscribed'>;
  source: 'form' | 'member';
  unsubscribed_campaign_id: string | null;
  confirmation_sent_at: NullableTimestamp;
  confirmed_at: NullableTimestamp;
  unsubscribed_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NewsletterCampaignsTable {
  tenant_id: string;
  id: string;
  subject: string;
  body_markdown: string;
  segment: NewsletterSegment;
  segment_group_id: string | null;
  /** 0121: the issuer (a user) whose followers the issuer_followers segment is. */
  segment_issuer_user_id: Defaulted<string | null>;
  status: Defaulted<NewsletterCampaignStatus>;
  scheduled_at: NullableTimestamp;
  rendered_subject: string | null;
  rendered_html: string | null;
  rendered_text: string | null;
  links: Json<string[]>;
  started_at: NullableTimestamp;
  sent_at: NullableTimestamp;
  recipients: Defaulted<number>;
  created_by: string;
  updated_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NewsletterSendsTable {
  tenant_id: string;
  campaign_id: string;
  subscriber_id: string;
  email_id: string;
  created_at: Timestamp;
}

export interface ClickTrackingTable {
  tenant_id: string;
  id: string;
  campaign_id: string;
  subscriber_id: string;
  link_index: number;
  target_url: string;
  clicked_at: Timestamp;
}

export interface Database {
  user_feed_posts: UserFeedPostsTable;
  post_comments: PostCommentsTable;
  post_engagements: PostEngagementsTable;
  user_follows: UserFollowsTable;
  user_blocks: UserBlocksTable;
  post_reports: PostReportsTable;
  newsletter_subscribers: NewsletterSubscribersTable;
  newsletter_campaigns: NewsletterCampaignsTable;
  newsletter_sends: NewsletterSendsTable;
  click_tracking: ClickTrackingTable;
}

// ---------------------------------------------------------------- issue 20: referrals (0115)

export type ReferralRewardKind = 'none' | 'fixed' | 'bps';
export type ReferralRefusal = 'window_expired' | 'same_user' | 'same_email' | 'same_device';

/** 0115: the tenant's referral rule (no row: the defaults). */
export interface ReferralSettingsTable {
  tenant_id: string;
  attribution_window_days: Defaulted<number>;
  reward_kind: Defaulted<ReferralRewardKind>;
  reward_amount: NullableMoney;
  reward_bps: number | null;
  reward_cap: NullableMoney;
  reward_scope: Defaulted<'first' | 'every'>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface ReferrersTable {
  tenant_id: string;
  user_id: string;
  created_at: Timestamp;
}

export interface ReferralLinksTable {
  tenant_id: string;
  id: string;
  referrer_id: string;
  code: string;
  campaign: string;
  target_path: string;
  created_device_hash: string;
  created_at: Timestamp;
}

export interface ReferralClicksTable {
  tenant_id: string;
  id: string;
  link_id: string;
  device_hash: string;
  outcome: 'tracked' | 'kept_first' | 'own_link';
  clicked_at: Timestamp;
}

export interface ReferralAttributionsTable {
  tenant_id: string;
  id: string;
  referred_user_id: string;
  link_id: string;
  referrer_id: string;
  click_id: string;
  status: 'attributed' | 'refused';
  refusal_reason: ReferralRefusal | null;
  device_hash: string;
  created_at: Timestamp;
}

export interface ReferralTransactionsTable {
  tenant_id: string;
  id: string;
  kind: 'reward' | 'clawback';
  status: 'pending' | 'earned' | 'clawed_back' | 'applied';
  attribution_id: string;
  referrer_id: string;
  referred_user_id: string;
  investment_id: string;
  amount: Money;
  currency: string;
  currency_decimals: number;
  reverses_id: string | null;
  reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Database {
  referral_settings: ReferralSettingsTable;
  referrers: ReferrersTable;
  referral_links: ReferralLinksTable;
  referral_clicks: ReferralClicksTable;
  referral_attributions: ReferralAttributionsTable;
  referral_transactions: ReferralTransactionsTable;
}

// ---------------------------------------------------------------- issue 18: asset tokenization (0130)

export type AssetApplicationStatus = 'draft' | 'submitted' | 'changes_requested' | 'approved' | 'rejected';
export type TokenizedAssetType = 'real_estate' | 'fund_units' | 'revenue_share' | 'equity' | 'debt';
export type AssetRegulation = 'reg_d' | 'reg_s' | 'reg_cf';

/** 0130: an issuer's request to tokenize an asset, and its terms. Money in minor units; supply and max_balance in token base units. */
export interface AssetApplicationsTable {
  tenant_id: string;
  id: string;
  issuer_id: string;
  created_by: string;
  status: Defaulted<AssetApplicationStatus>;
  asset_type: TokenizedAssetType;
  name: string;
  symbol: string;
  description: string;
  valuation: Money;
  currency: string;
  currency_decimals: number;
  supply: Money;
  decimals: number;
  jurisdiction: string;
  regulation: AssetRegulation;
  chain_id: BigIntColumn;
  treasury_address: string;
  lockup_seconds: ColumnType<string, number | bigint | string | undefined, number | bigint | string>;
  reg_s_period_seconds: ColumnType<string, number | bigint | string | undefined, number | bigint | string>;
  max_holders: Defaulted<number>;
  max_balance: MoneyDefaulted;
  allowed_countries: ColumnType<string[], string[] | undefined, string[]>;
  review_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: NullableTimestamp;
  submitted_at: NullableTimestamp;
  created_at: Defaulted<Date>;
  updated_at: Defaulted<Date>;
}

export interface AssetApplicationEventsTable {
  tenant_id: string;
  id: string;
  application_id: string;
  action: 'submit' | 'request_changes' | 'approve' | 'reject';
  actor_id: string;
  reason: string | null;
  created_at: Defaulted<Date>;
}

export interface AssetDocumentsTable {
  tenant_id: string;
  application_id: string;
  document_id: string;
}

export interface AssetIdentityRegistriesTable {
  tenant_id: string;
  chain_id: BigIntColumn;
  registry_address: string | null;
  deploy_tx_id: string | null;
  write_seq: Defaulted<number>;
  created_at: Defaulted<Date>;
}

export interface AssetIdentityRegistrationsTable {
  tenant_id: string;
  chain_id: BigIntColumn;
  wallet_address: string;
  user_id: string;
  country: string;
  category: number;
  tx_id: string;
  registered_at: Defaulted<Date>;
}

export interface AssetsTable {
  tenant_id: string;
  id: string;
  application_id: string;
  issuer_id: string;
  name: string;
  symbol: string;
  asset_type: TokenizedAssetType;
  chain_id: BigIntColumn;
  valuation: Money;
  currency: string;
  currency_decimals: number;
  status: Defaulted<'issuing' | 'issued'>;
  token_address: string | null;
  registry_address: string | null;
  deploy_tx_id: string | null;
  reg_s_period_ends_at: NullableTimestamp;
  approved_by: string;
  created_at: Defaulted<Date>;
  issued_at: NullableTimestamp;
}

export interface AssetUpdatesTable {
  tenant_id: string;
  id: string;
  asset_id: string;
  kind: 'news' | 'valuation';
  title: string;
  body: string;
  valuation: Money | null;
  posted_by: string;
  created_at: Defaulted<Date>;
}

export interface AssetTransactionsTable {
  tenant_id: string;
  id: string;
  asset_id: string;
  kind: 'issue' | 'transfer' | 'forced' | 'recovery';
  from_address: string | null;
  to_address: string | null;
  amount: Money;
  chain_id: BigIntColumn;
  tx_hash: string;
  log_index: number;
  block_number: BigIntColumn;
  block_time: Date;
}

export interface Database {
  asset_applications: AssetApplicationsTable;
  asset_application_events: AssetApplicationEventsTable;
  asset_documents: AssetDocumentsTable;
  asset_identity_registries: AssetIdentityRegistriesTable;
  asset_identity_registrations: AssetIdentityRegistrationsTable;
  assets: AssetsTable;
  asset_updates: AssetUpdatesTable;
  asset_transactions: AssetTransactionsTable;
}

// ---- brokers and transfer agents (0125, 0126)

export interface BrokersTable {
  tenant_id: string;
  id: string;
  user_id: string;
  display_name: string;
  status: Defaulted<'active' | 'suspended'>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BrokerSettingsTable {
  tenant_id: string;
  broker_id: string;
  licence_number: string;
  licence_jurisdiction: string;
  commission_bps: number;
  all_deals: Defaulted<boolean>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface BrokerOfferedDealsTable {
  tenant_id: string;
  broker_id: string;
  deal_id: string;
}

export type BrokerInvitationStatus = 'pending' | 'accepted' | 'declined' | 'revoked';

export interface BrokerInvitationsTable {
  tenant_id: string;
  id: string;
  broker_id: string;
  investor_id: string;
  status: Defaulted<BrokerInvitationStatus>;
  message: string | null;
  created_at: Timestamp;
  decided_at: NullableTimestamp;
}

export interface BrokerClientsTable {
  tenant_id: string;
  investor_id: string;
  broker_id: string;
  source: 'invitation' | 'admin';
  invitation_id: string | null;
  attached_by: string;
  attached_at: Timestamp;
}

export interface InvestmentBrokerAttributionsTable {
  tenant_id: string;
  investment_id: string;
  broker_id: string;
  commission_bps: number;
  attributed_at: Timestamp;
}

export type BrokerClientAction = 'invited' | 'invitation_revoked' | 'viewed_investments' | 'exported_statement' | 'detached';

export interface BrokerClientActionsTable {
  tenant_id: string;
  id: string;
  broker_id: string;
  investor_id: string;
  action: BrokerClientAction;
  detail: string | null;
  created_at: Timestamp;
}

export interface TransferAgentsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  display_name: string;
  status: Defaulted<'active' | 'suspended'>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface TransferAgentSettingsTable {
  tenant_id: string;
  transfer_agent_id: string;
  registration_number: string;
  registration_jurisdiction: string;
  contact_email: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export type TransferAgentActionKind = 'transfer' | 'freeze' | 'unfreeze';

export interface TransferAgentActionsTable {
  tenant_id: string;
  id: string;
  deal_id: string;
  kind: TransferAgentActionKind;
  holder_id: string;
  to_holder_id: string | null;
  amount: NullableMoney;
  consideration: NullableMoney;
  reason: string;
  effective_at: ColumnType<Date, Date | string, Date | string>;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface Database {
  brokers: BrokersTable;
  broker_settings: BrokerSettingsTable;
  broker_offered_deals: BrokerOfferedDealsTable;
  broker_invitations: BrokerInvitationsTable;
  broker_clients: BrokerClientsTable;
  investment_broker_attributions: InvestmentBrokerAttributionsTable;
  broker_client_actions: BrokerClientActionsTable;
  transfer_agents: TransferAgentsTable;
  transfer_agent_settings: TransferAgentSettingsTable;
  transfer_agent_actions: TransferAgentActionsTable;
}
