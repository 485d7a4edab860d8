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
  status: Defaulted<'active' | 'suspended'>;
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
  created_at: Timestamp;
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
  status: Defaulted<'pending' | 'sent' | 'failed'>;
  attempts: Defaulted<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
}

export interface Database {
  tenants: TenantsTable;
  platform_admins: PlatformAdminsTable;
  platform_audit_logs: PlatformAuditLogsTable;
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
}

export type Tenant = Selectable<TenantsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Session = Selectable<SessionsTable>;
