import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import { Conflict, Forbidden, NotFound } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { findIssuerById, findIssuerByUser, insertIssuer, listIssuers, returnIssuerToReview, setIssuerStatus, updateIssuerProfileRow, updateLegalEntity, type IssuerRow } from './repo';
import type { CreateIssuerInput, UpdateIssuerInput } from './schema';

export type IssuerAddress = { line1?: string; city?: string; postalCode?: string; country?: string };

export function issuerView(i: NonNullable<IssuerRow>) {
  return {
    id: i.id,
    userId: i.user_id,
    status: i.status,
    reviewReason: i.review_reason,
    reviewedAt: i.reviewed_at?.toISOString() ?? null,
    createdAt: i.created_at.toISOString(),
    profile: { displayName: i.display_name, website: i.website, description: i.description, contactEmail: i.contact_email },
    legalEntity: { name: i.legal_name, jurisdiction: i.jurisdiction, registrationNumber: i.registration_number, entityType: i.entity_type, address: (i.address ?? {}) as IssuerAddress },
  };
}

/** The issuer record of the caller, inside a transaction; 403 when there is none. */
export async function requireOwnIssuer(t: TenantTx, p: Principal, opts: { verified: boolean }) {
  const issuer = await findIssuerByUser(t, p.userId);
  if (!issuer) throw new Forbidden('Create your issuer profile first', 'issuer_profile_required');
  if (opts.verified && issuer.status !== 'verified') throw new Forbidden('Your issuer profile must be verified by the platform first', 'issuer_not_verified');
  return issuer;
}

export async function createIssuerProfile(tenant: TenantContext, p: Principal, input: CreateIssuerInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    if (await findIssuerByUser(t, p.userId)) throw new Conflict('issuer_exists', 'You already have an issuer profile');
    const id = await insertIssuer(t, p.userId, input);
    if (!id) throw new Conflict('legal_entity_exists', 'A legal entity with this jurisdiction and registration number is already registered');
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'issuer.created', targetType: 'issuer', targetId: id }, meta);
    return issuerView((await findIssuerById(t, id))!);
  });
}

/**
 * The issuer edits its own profile. A change to the legal entity of a verified (or rejected,
 * or suspended) issuer sends it back to review: the platform verified the entity as it was.
 */
export async function updateOwnIssuer(tenant: TenantContext, p: Principal, input: UpdateIssuerInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const issuer = await requireOwnIssuer(t, p, { verified: false });
    const entity = input.legalEntity ?? {};
    // The address is replaced as a whole: a line left empty is removed.
    const address = entity.address;
    const changed = legalEntityChanges(issuer, entity, address);
    if (!(await updateLegalEntity(t, issuer.legal_entity_id, entity, address)))
      throw new Conflict('legal_entity_exists', 'A legal entity with this jurisdiction and registration number is already registered');
    if (input.profile) await updateIssuerProfileRow(t, issuer.id, input.profile);
    const backToReview = changed.length > 0 && issuer.status !== 'pending';
    if (backToReview) await returnIssuerToReview(t, issuer.id);
    await audit(
      t,
      { actorId: p.userId, actorRole: p.role, action: 'issuer.updated', targetType: 'issuer', targetId: issuer.id, metadata: { legalEntityFields: changed, profileFields: Object.keys(input.profile ?? {}), from: issuer.status, backToReview } },
      meta,
    );
    return issuerView((await findIssuerById(t, issuer.id))!);
  });
}

/** The legal-entity fields whose value really changes (saving the same values is no change). */
function legalEntityChanges(issuer: NonNullable<IssuerRow>, entity: NonNullable<UpdateIssuerInput['legalEntity']>, address: IssuerAddress | undefined): string[] {
  const before: Record<string, unknown> = { name: issuer.legal_name, jurisdiction: issuer.jurisdiction, registrationNumber: issuer.registration_number, entityType: issuer.entity_type };
  const out: string[] = (['name', 'jurisdiction', 'registrationNumber', 'entityType'] as const).filter((k) => entity[k] !== undefined && entity[k] !== before[k]);
  if (address && JSON.stringify(normalize(address)) !== JSON.stringify(normalize((issuer.address ?? {}) as IssuerAddress))) out.push('address');
  return out;
}
const normalize = (a: IssuerAddress) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined && v !== '').sort(([x], [y]) => x.localeCompare(y)));

export async function getOwnIssuer(tenant: TenantContext, p: Principal) {
  const issuer = await withTenant(tenant.id, { userId: p.userId }, (t) => findIssuerByUser(t, p.userId));
  if (!issuer) throw new NotFound('You have no issuer profile yet');
  return issuerView(issuer);
}

export async function listIssuersForReview(tenant: TenantContext, admin: Principal, status?: string) {
  const rows = await withTenant(tenant.id, { userId: admin.userId }, (t) => listIssuers(t, status));
  return { issuers: rows.map(issuerView) };
}

export async function reviewIssuer(tenant: TenantContext, admin: Principal, issuerId: string, input: { decision: 'verify' | 'reject' | 'suspend'; reason: string }, meta: RequestMeta) {
  const status = ({ verify: 'verified', reject: 'rejected', suspend: 'suspended' } as const)[input.decision];
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const issuer = await findIssuerById(t, issuerId);
    if (!issuer) throw new NotFound('Issuer not found');
    if (issuer.user_id === admin.userId) throw new Forbidden('You cannot review your own issuer profile', 'self_review');
    await setIssuerStatus(t, issuerId, status, input.reason, admin.userId);
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: `issuer.${input.decision}`, targetType: 'issuer', targetId: issuerId, metadata: { reason: input.reason, from: issuer.status } }, meta);
    return issuerView((await findIssuerById(t, issuerId))!);
  });
}
