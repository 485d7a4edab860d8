import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import { PUBLIC_STATUSES } from '../deals/repo';
import { findIssuerByUser } from '../issuers/repo';
import { fromMinorUnits } from '../money';
import type { TenantContext } from '../tenancy/resolve';
import { isActiveMember, requireKnownGroup, requireMemberAccess, requireOwnGroup, runsGroup } from './access';
import { UPCOMING_STATUSES } from './group-deals';
import { applicationsOfUser, listApplications, listGroupsFor, membershipOf } from './repo';
import { audiencesOfIssuerDeals, commitmentsOfMember, commitmentsPerDeal, dealsOfGroup, updatesOfGroupDeals } from './repo-deals';
import { applicationView, groupView } from './view';

// What investors and issuers read about groups: discovery, one group's page, the member area
// and the issuer's overview.

const amount = (v: string | null, decimals: number) => (v === null ? null : fromMinorUnits(v, decimals));

/** Public groups (and private ones the caller belongs to), or only the caller's own. */
export async function discoverGroups(tenant: TenantContext, p: Principal | null, onlyMine: boolean) {
  return withTenant(tenant.id, { userId: p?.userId ?? null }, async (t) => {
    const rows = await listGroupsFor(t, p?.userId ?? null, onlyMine);
    return { groups: rows.map((g) => ({ ...groupView(g), isMember: g.is_member })) };
  });
}

/** One group as the caller may see it, with their standing: member, open application, or none. */
export async function groupDetail(tenant: TenantContext, p: Principal | null, idOrSlug: string) {
  return withTenant(tenant.id, { userId: p?.userId ?? null }, async (t) => {
    const g = await requireKnownGroup(t, p, idOrSlug);
    const membership = p ? await membershipOf(t, g.id, p.userId) : undefined;
    const applications = p ? await applicationsOfUser(t, g.id, p.userId) : [];
    return {
      group: groupView(g),
      viewer: {
        runsGroup: runsGroup(p, g),
        membership: membership ? { status: membership.status, joinedAt: membership.joined_at.toISOString(), endReason: membership.end_reason } : null,
        latestApplication: applications[0] ? applicationView(applications[0], g) : null,
      },
    };
  });
}

/** The member area: the group's deals (open and upcoming), updates, member count, own commitments. */
export async function memberDashboard(tenant: TenantContext, p: Principal, idOrSlug: string) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const g = await requireMemberAccess(t, p, idOrSlug);
    const [open, upcoming, updates, mine] = await Promise.all([
      dealsOfGroup(t, g.id, PUBLIC_STATUSES, p.userId),
      dealsOfGroup(t, g.id, [...UPCOMING_STATUSES], p.userId),
      updatesOfGroupDeals(t, g.id, PUBLIC_STATUSES),
      commitmentsOfMember(t, g.id, p.userId),
    ]);
    const dealView = (d: (typeof open)[number]) => ({
      id: d.id,
      slug: d.slug,
      title: d.title,
      summary: d.summary,
      status: d.status,
      currency: d.currency,
      targetAmount: fromMinorUnits(d.target_amount, d.currency_decimals),
      minTicket: fromMinorUnits(d.min_ticket, d.currency_decimals),
      raised: fromMinorUnits(d.confirmed_amount, d.currency_decimals),
      investors: d.investor_count,
      startsAt: d.starts_at?.toISOString() ?? null,
      myPreCommitment: amount(d.my_pre_commitment, d.currency_decimals),
    });
    return {
      group: groupView(g),
      isMember: await isActiveMember(t, g, p),
      memberCount: g.member_count,
      deals: open.map(dealView),
      upcoming: upcoming.map(dealView),
      updates: updates.map((u) => ({ id: u.id, dealId: u.deal_id, dealTitle: u.deal_title, title: u.title, publishedAt: u.published_at.toISOString() })),
      myCommitments: {
        preCommitments: mine.pre.map((c) => ({ dealId: c.deal_id, dealTitle: c.title, amount: fromMinorUnits(c.amount, c.currency_decimals), currency: c.currency })),
        investments: mine.invested.map((v) => ({ id: v.id, dealId: v.deal_id, dealTitle: v.title, amount: fromMinorUnits(v.amount, v.currency_decimals), currency: v.currency, status: v.status, createdAt: v.created_at.toISOString() })),
      },
    };
  });
}

/** The issuer's overview: applications waiting, members, demand and money per group deal. */
export async function issuerGroupDashboard(tenant: TenantContext, p: Principal) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const g = await requireOwnGroup(t, p);
    const [pending, waitlisted, perDeal] = await Promise.all([listApplications(t, g.id, 'pending'), listApplications(t, g.id, 'waitlisted'), commitmentsPerDeal(t, g.id)]);
    return {
      group: groupView(g),
      applications: { pending: pending.length, waitlisted: waitlisted.length },
      commitments: perDeal.map((d) => ({
        dealId: d.id,
        title: d.title,
        status: d.status,
        currency: d.currency,
        targetAmount: fromMinorUnits(d.target_amount, d.currency_decimals),
        preCommitted: fromMinorUnits(d.pre_committed, d.currency_decimals),
        preCommitters: d.pre_committers,
        invested: fromMinorUnits(d.invested, d.currency_decimals),
        investors: d.investors,
      })),
    };
  });
}

/** The issuer's deals and who may see each (for choosing a deal's audience). */
export async function ownDealAudiences(tenant: TenantContext, p: Principal) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const issuer = await findIssuerByUser(t, p.userId);
    if (!issuer) return { deals: [] };
    return { deals: (await audiencesOfIssuerDeals(t, issuer.id)).map((d) => ({ id: d.id, title: d.title, status: d.status, visibility: d.visibility, groupId: d.group_id })) };
  });
}
