import { audit, type RequestMeta } from '../audit/service';
import { hasRole } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { requireOfferingSize, requireSingleExemption } from '../compliance/service';
import { withTenant, type TenantTx } from '../db/tenant';
import { BadRequest, Conflict, Forbidden, NotFound } from '../errors';
import { uuidv7 } from '../ids';
import { onDealOpened } from '../groups/service';
import { requireOwnIssuer } from '../issuers/service';
import type { TenantContext } from '../tenancy/resolve';
import { checkDealAmounts, convertAmounts, decimalsFor } from './amounts';
import { checkDealPool, requireDealChain } from './chain-rail';
import { onDealStatusChange } from './capacity';
import { forgetDealListings } from './listing-cache';
import { findDeal, insertDeal, PUBLIC_STATUSES, slugExists, updateDeal, type DealRow } from './repo';
import type { CreateDealInput, UpdateDealInput } from './schema';
import { recordReviewStep } from './review-history';
import { dealDetailView } from './view';
import { checkTransition, EDITABLE_STATUSES, type DealAction, type DealActor } from './workflow';

/** Listing totals are remembered briefly; a committed change to the tenant's deals forgets them. */
async function forgettingTotals<T>(tenantId: string, work: Promise<T>): Promise<T> {
  const result = await work;
  forgetDealListings(tenantId);
  return result;
}

function slugify(title: string): string {
  return title.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100) || 'deal';
}

async function freeSlug(t: TenantTx, base: string): Promise<string> {
  if (!(await slugExists(t, base))) return base;
  for (let i = 2; i < 50; i++) if (!(await slugExists(t, `${base}-${i}`))) return `${base}-${i}`;
  return `${base}-${uuidv7().slice(-8)}`;
}

/** A new draft deal of the caller's issuer (which must exist; verification is needed to submit). */
export async function createDeal(tenant: TenantContext, p: Principal, input: CreateDealInput, meta: RequestMeta) {
  const decimals = decimalsFor(input.currency, input.currencyDecimals);
  const m = convertAmounts({ targetAmount: input.targetAmount, softCap: input.softCap, hardCap: input.hardCap, minTicket: input.minTicket, maxTicket: input.maxTicket, valuation: input.valuation }, decimals);
  const startsAt = input.startsAt ? new Date(input.startsAt) : null;
  const endsAt = input.endsAt ? new Date(input.endsAt) : null;
  checkDealAmounts({ target: m.targetAmount!, soft: m.softCap!, hard: m.hardCap!, min: m.minTicket!, max: m.maxTicket ?? null }, { startsAt, endsAt });
  requireSingleExemption(input.compliance.regimes);
  requireOfferingSize(input.compliance.regimes, m.hardCap!, input.currency, decimals);
  return forgettingTotals(tenant.id, withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const issuer = await requireOwnIssuer(t, p, { verified: false });
    if (input.chainId != null) await requireDealChain(t, input.chainId, decimals);
    const poolLockAt = input.poolLockAt ? new Date(input.poolLockAt) : null;
    checkDealPool({ chainId: input.chainId ?? null, poolLockAt, endsAt });
    const id = uuidv7();
    const slug = input.slug ?? (await freeSlug(t, slugify(input.title)));
    const ok = await insertDeal(t, {
      id,
      issuer_id: issuer.id,
      slug,
      title: input.title,
      summary: input.summary,
      description: input.description,
      asset_type: input.assetType,
      currency: input.currency,
      currency_decimals: decimals,
      payment_token_address: input.paymentTokenAddress ?? null,
      chain_id: input.chainId ?? null,
      pool_lock_at: poolLockAt,
      target_amount: m.targetAmount!,
      soft_cap: m.softCap!,
      hard_cap: m.hardCap!,
      min_ticket: m.minTicket!,
      max_ticket: m.maxTicket ?? null,
      valuation: m.valuation ?? null,
      starts_at: startsAt,
      ends_at: endsAt,
      compliance: JSON.stringify(input.compliance),
    });
    if (!ok) throw new Conflict('slug_taken', `The slug "${slug}" is already used by another deal`);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'deal.created', targetType: 'deal', targetId: id }, meta);
    return dealDetailView((await findDeal(t, id))!);
  }));
}

/** The deal, if the caller is its issuer (others get 404, as if it did not exist). */
export async function requireOwnDeal(t: TenantTx, p: Principal, dealId: string): Promise<DealRow> {
  const deal = await findDeal(t, dealId);
  if (!deal || deal.issuer_user_id !== p.userId) throw new NotFound('Deal not found');
  return deal;
}

/** The caller's own deal in any status, as its issuer edits it. */
export async function getOwnDeal(tenant: TenantContext, p: Principal, dealId: string) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => dealDetailView(await requireOwnDeal(t, p, dealId)));
}

export async function updateOwnDeal(tenant: TenantContext, p: Principal, dealId: string, patch: UpdateDealInput, meta: RequestMeta) {
  return forgettingTotals(tenant.id, withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const deal = await requireOwnDeal(t, p, dealId);
    if (!EDITABLE_STATUSES.includes(deal.status)) throw new Conflict('deal_not_editable', `A deal in status ${deal.status} cannot be edited; withdraw it to draft first`);
    const currency = patch.currency ?? deal.currency;
    const decimals = patch.currency || patch.currencyDecimals !== undefined ? decimalsFor(currency, patch.currencyDecimals) : deal.currency_decimals;
    const m = convertAmounts({ targetAmount: patch.targetAmount, softCap: patch.softCap, hardCap: patch.hardCap, minTicket: patch.minTicket, maxTicket: patch.maxTicket, valuation: patch.valuation }, decimals);
    if (decimals !== deal.currency_decimals && Object.keys(m).length < 4)
      throw new BadRequest('amounts_required', 'Changing the currency decimals needs targetAmount, softCap, hardCap and minTicket again');
    const next = {
      target: m.targetAmount ?? BigInt(deal.target_amount),
      soft: m.softCap ?? BigInt(deal.soft_cap),
      hard: m.hardCap ?? BigInt(deal.hard_cap),
      min: m.minTicket ?? BigInt(deal.min_ticket),
      max: m.maxTicket ?? (deal.max_ticket === null ? null : BigInt(deal.max_ticket)),
    };
    const startsAt = patch.startsAt ? new Date(patch.startsAt) : deal.starts_at;
    const endsAt = patch.endsAt ? new Date(patch.endsAt) : deal.ends_at;
    checkDealAmounts(next, { startsAt, endsAt });
    if (patch.compliance) requireSingleExemption(patch.compliance.regimes);
    requireOfferingSize(patch.compliance?.regimes ?? ((deal.compliance as { regimes?: string[] }).regimes ?? []), next.hard, currency, decimals);
    const chainId = patch.chainId !== undefined ? patch.chainId : deal.chain_id;
    if (chainId != null) await requireDealChain(t, chainId, decimals);
    if (deal.pool_address && patch.poolLockAt !== undefined) throw new Conflict('pool_deployed', 'The deal\'s pool is deployed: its lock time is fixed on chain');
    const poolLockAt = patch.poolLockAt !== undefined ? (patch.poolLockAt ? new Date(patch.poolLockAt) : null) : deal.pool_lock_at;
    if (patch.poolLockAt !== undefined || patch.chainId !== undefined || patch.endsAt) checkDealPool({ chainId, poolLockAt, endsAt });
    if (patch.slug && patch.slug !== deal.slug && (await slugExists(t, patch.slug))) throw new Conflict('slug_taken', `The slug "${patch.slug}" is already used`);
    await updateDeal(t, deal.id, {
      title: patch.title,
      slug: patch.slug,
      summary: patch.summary,
      description: patch.description,
      asset_type: patch.assetType,
      currency: patch.currency,
      currency_decimals: decimals,
      payment_token_address: patch.paymentTokenAddress,
      chain_id: patch.chainId,
      pool_lock_at: patch.poolLockAt === undefined ? undefined : poolLockAt,
      target_amount: next.target,
      soft_cap: next.soft,
      hard_cap: next.hard,
      min_ticket: next.min,
      max_ticket: next.max,
      valuation: m.valuation,
      starts_at: startsAt,
      ends_at: endsAt,
      compliance: patch.compliance ? JSON.stringify(patch.compliance) : undefined,
    }, EDITABLE_STATUSES);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'deal.updated', targetType: 'deal', targetId: deal.id, metadata: { fields: Object.keys(patch) } }, meta);
    return dealDetailView((await findDeal(t, deal.id))!);
  }));
}

const TRANSITION_ERRORS = {
  not_allowed_from_status: (a: string, s: string) => new Conflict('invalid_transition', `The action ${a} is not possible while the deal is ${s}`),
  not_your_action: (a: string) => new Forbidden(`You may not ${a.replace('_', ' ')} this deal`, 'transition_forbidden'),
  reason_required: (a: string) => new BadRequest('reason_required', `Give a reason to ${a} the deal`),
} as const;

/** Moves a deal through its workflow as its issuer or as a tenant admin; audited with the reason. */
export async function transitionDeal(tenant: TenantContext, p: Principal, dealId: string, input: { action: DealAction; reason?: string }, meta: RequestMeta) {
  return forgettingTotals(tenant.id, withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const deal = await findDeal(t, dealId);
    const actors: DealActor[] = [];
    if (deal && deal.issuer_user_id === p.userId) actors.push('issuer');
    // An admin never approves their own deal: the four-eyes rule.
    if (deal && hasRole(p, ['tenant_admin']) && deal.issuer_user_id !== p.userId) actors.push('admin');
    if (!deal || actors.length === 0) throw new NotFound('Deal not found');
    const check = checkTransition(input.action, deal.status, actors, input.reason);
    if (!check.ok) throw TRANSITION_ERRORS[check.reason](input.action, deal.status);
    if (input.action === 'submit') await requireOwnIssuer(t, p, { verified: true });
    if (input.action === 'mark_funded' && BigInt(deal.reserved_amount) < BigInt(deal.soft_cap))
      throw new Conflict('soft_cap_not_reached', 'The deal cannot be marked funded before its soft cap is committed');
    const now = new Date();
    const changed = await updateDeal(
      t,
      deal.id,
      {
        status: check.to,
        review_reason: input.action === 'reject' || input.action === 'cancel' ? input.reason! : input.action === 'approve' || input.action === 'submit' ? null : undefined,
        submitted_at: input.action === 'submit' ? now : undefined,
        approved_at: input.action === 'approve' ? now : undefined,
        approved_by: input.action === 'approve' ? p.userId : undefined,
        // The closing of the offering: the Regulation S distribution compliance period runs from it (230.903(b)).
        closed_at: (check.to === 'closed' || check.to === 'completed') && !deal.closed_at ? now : undefined,
      },
      [deal.status],
    );
    if (!changed) throw new Conflict('concurrent_change', 'The deal changed meanwhile; reload and try again');
    await onDealStatusChange(t, deal.id, deal.status, check.to);
    await recordReviewStep(t, tenant, deal, { action: input.action, actorId: p.userId, reason: input.reason ?? null, at: now });
    // Opening the deal tells its group's pre-committers first, then the group's other members.
    if (input.action === 'approve') await onDealOpened(t, deal);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: `deal.${input.action}`, targetType: 'deal', targetId: deal.id, metadata: { from: deal.status, to: check.to, reason: input.reason ?? null } }, meta);
    return dealDetailView((await findDeal(t, deal.id))!);
  }));
}

export async function setFeatured(tenant: TenantContext, admin: Principal, dealId: string, featured: boolean, meta: RequestMeta) {
  return forgettingTotals(tenant.id, withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const deal = await findDeal(t, dealId);
    if (!deal) throw new NotFound('Deal not found');
    // Only what investors can see may be featured; un-featuring is always allowed.
    if (featured && !PUBLIC_STATUSES.includes(deal.status)) throw new Conflict('deal_not_published', `A deal that is ${deal.status} cannot be featured`);
    await updateDeal(t, dealId, { featured });
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: featured ? 'deal.featured' : 'deal.unfeatured', targetType: 'deal', targetId: dealId }, meta);
    return dealDetailView((await findDeal(t, dealId))!);
  }));
}
