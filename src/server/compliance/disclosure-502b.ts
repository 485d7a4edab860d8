import { createHash } from 'node:crypto';
import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { requireVisibleDeal } from '../deals/browse';
import type { DealRow } from '../deals/repo';
import { withTenant, type TenantTx } from '../db/tenant';
import { documentsOf } from '../documents/service';
import { Conflict } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { dealTermsOf } from './policy';
import { acknowledgeDelivery, disclosuresOf, recordDelivery, upsertRepresentative } from './repo-506b';
import type { PurchaserRepresentativeInput } from './schema';

// Rule 502(b) (17 CFR 230.502(b)): in a 506(b) offering with non-accredited purchasers, the
// issuer furnishes the 502(b)(2) information to each of them a reasonable time before the sale.
// The issuer uploads it as deal documents of kind DISCLOSURE_KIND; an investor receives it here
// (the delivery is recorded with a hash of exactly what was delivered) and acknowledges it; the
// 506(b) rule lets a non-accredited purchaser buy only once the current package is acknowledged.

/** The deal document kind that carries the 502(b)(2) information. */
export const DISCLOSURE_KIND = 'disclosure_502b';

/** What the platform states with every delivery (502(b)(2)(iv), (v), (vii); 502(d)(2)). */
const STATEMENT =
  'This is the disclosure the issuer furnishes under Rule 502(b) (17 CFR 230.502(b)). You may ask the issuer questions about the offering and obtain additional information before you buy (230.502(b)(2)(iv)); ask for any exhibit or material not included here (230.502(b)(2)(iii)). The securities are restricted: they have not been registered under the Securities Act and cannot be resold without registration or an exemption (230.502(d)).';

export type DisclosurePackage = { sha256: string; documents: { id: string; title: string; version: number; sha256: string | null; downloadUrl: string }[] };

/** The deal's current 502(b) package, or null when the issuer has not uploaded one. */
export async function currentDisclosurePackage(t: TenantTx, dealId: string): Promise<DisclosurePackage | null> {
  const docs = (await documentsOf(t, { type: 'deal', id: dealId }, { includeArchived: false })).filter((d) => d.kind === DISCLOSURE_KIND);
  if (docs.length === 0) return null;
  const documents = docs
    .map((d) => ({ id: d.id, title: d.title, version: d.currentVersion, sha256: d.versions.find((v) => v.version === d.currentVersion)?.sha256 ?? null, downloadUrl: d.downloadUrl }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const sha256 = createHash('sha256').update(JSON.stringify(documents.map((d) => [d.id, d.version, d.sha256]))).digest('hex');
  return { sha256, documents };
}

async function requireDisclosureDeal(t: TenantTx, p: Principal, dealId: string): Promise<{ deal: DealRow; pkg: DisclosurePackage }> {
  const deal = await requireVisibleDeal(t, p, dealId);
  if (!dealTermsOf(deal).regimes.includes('reg_d_506b'))
    throw new Conflict('disclosure_502b_not_required', 'This offering is not made under Rule 506(b); it has no Rule 502(b) disclosure to acknowledge');
  const pkg = await currentDisclosurePackage(t, deal.id);
  if (!pkg) throw new Conflict('disclosure_502b_not_available', 'The issuer has not provided its Rule 502(b) disclosure for this offering yet (17 CFR 230.502(b)); non-accredited investors cannot buy until it has');
  return { deal, pkg };
}

const view = (deal: DealRow, pkg: DisclosurePackage, row: { delivered_at: Date; acknowledged_at: Date | null }) => ({
  dealId: deal.id,
  required: true,
  rule: '17 CFR 230.502(b)',
  statement: STATEMENT,
  packageSha256: pkg.sha256,
  documents: pkg.documents,
  deliveredAt: row.delivered_at.toISOString(),
  acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
});

/**
 * GET /api/investor/deals/[id]/disclosure-502b: delivers the current package to the caller and
 * records the delivery; for a deal not under 506(b), says none is required (200, required false).
 */
export async function deliverDisclosure(tenant: TenantContext, p: Principal, dealId: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const visible = await requireVisibleDeal(t, p, dealId);
    if (!dealTermsOf(visible).regimes.includes('reg_d_506b')) return { dealId: visible.id, required: false, rule: '17 CFR 230.502(b)', documents: [] };
    const { deal, pkg } = await requireDisclosureDeal(t, p, dealId);
    await recordDelivery(t, { dealId: deal.id, userId: p.userId, packageSha256: pkg.sha256, documents: pkg.documents, at: new Date() });
    const [row] = await disclosuresOf(t, deal.id, [p.userId]);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'compliance.disclosure_502b_delivered', targetType: 'deal', targetId: deal.id, metadata: { packageSha256: pkg.sha256 } }, meta);
    return view(deal, pkg, row!);
  });
}

/** POST /api/investor/deals/[id]/disclosure-502b: acknowledges receipt of the package the caller was delivered, which must still be current. */
export async function acknowledgeDisclosure(tenant: TenantContext, p: Principal, dealId: string, input: { packageSha256: string }, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const { deal, pkg } = await requireDisclosureDeal(t, p, dealId);
    if (input.packageSha256 !== pkg.sha256)
      throw new Conflict('disclosure_502b_changed', 'The issuer’s Rule 502(b) disclosure changed: open it again (GET this address) and acknowledge the current one');
    const [before] = await disclosuresOf(t, deal.id, [p.userId]);
    if (!before || before.package_sha256 !== pkg.sha256)
      throw new Conflict('disclosure_502b_not_delivered', 'Open the Rule 502(b) disclosure first (GET this address): only a disclosure delivered to you can be acknowledged');
    await acknowledgeDelivery(t, { dealId: deal.id, userId: p.userId, packageSha256: pkg.sha256, at: new Date() });
    const [row] = await disclosuresOf(t, deal.id, [p.userId]);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'compliance.disclosure_502b_acknowledged', targetType: 'deal', targetId: deal.id, metadata: { packageSha256: pkg.sha256 } }, meta);
    return view(deal, pkg, row!);
  });
}

/**
 * POST /api/investor/deals/[id]/purchaser-representative: the purchaser representative
 * (230.501(i)) the caller relies on for this 506(b) offering, with the representative's
 * qualifications and material relationships with the issuer, acknowledged by the caller.
 */
export async function namePurchaserRepresentative(tenant: TenantContext, p: Principal, dealId: string, input: PurchaserRepresentativeInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const deal = await requireVisibleDeal(t, p, dealId);
    if (!dealTermsOf(deal).regimes.includes('reg_d_506b'))
      throw new Conflict('purchaser_representative_not_applicable', 'A purchaser representative is named for a Rule 506(b) offering; this offering is not one');
    const row = await upsertRepresentative(t, { dealId: deal.id, userId: p.userId, name: input.name, qualifications: input.qualifications, materialRelationships: input.materialRelationships, at: new Date() });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'compliance.purchaser_representative_named', targetType: 'deal', targetId: deal.id, metadata: { name: input.name } }, meta);
    return { dealId: deal.id, name: row.name, acknowledgedAt: row.acknowledged_at.toISOString() };
  });
}
