import type { RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { clearDemoInvestor } from '../compliance/demo-investors';
import type { Config } from '../config';
import { withPlatform } from '../db/platform';
import { withTenant } from '../db/tenant';
import type { DealStatus } from '../db/types';
import { confirmInvestment, refundInvestment } from '../investments/confirm-investment';
import { invest } from '../investments/invest';
import { startApplication, uploadDocument } from '../kyc/investor';
import { decideApplication } from '../kyc/review';
import type { TenantContext } from '../tenancy/resolve';
import { backdateDeal, backdateInvestment, backdateKycApplication, backdateReviewSteps, investmentsOfDeal } from './repo';

// The demo's past: everything is created through the services (so the numbers add up), then
// its timestamps are spread over the last 90 days, so the charts and lists show the shapes a
// real community has (deals opening and closing, money arriving day by day, refunds, KYC
// decisions) instead of one spike on the day of `npm start`.

const DAY = 86_400_000;
const HISTORY_DAYS = 90;
const META: RequestMeta = { ip: null, userAgent: 'demo-seed', requestId: null };
const at = (now: number, daysAgo: number) => new Date(now - daysAgo * DAY);

export type SeededDeal = { id: string; status: DealStatus; n: number };

const LISTED: DealStatus[] = ['active', 'funded', 'closed', 'completed', 'cancelled'];
const ENDED: DealStatus[] = ['funded', 'closed', 'completed', 'cancelled'];

/**
 * When the deal opened and, for a deal that is over, when it closed (days ago). Deterministic
 * per position, so two tenants seeded alike look alike, and spread across the 90 days.
 */
export function dealWindow(n: number, status: DealStatus): { opened: number; closed: number | null } {
  const opened = HISTORY_DAYS - 4 - ((n * 17) % 70); // 16..86 days ago
  if (!ENDED.includes(status)) return { opened, closed: null };
  return { opened, closed: Math.max(2, opened - 20 - ((n * 5) % 15)) };
}

/** Spreads a seeded deal's review, opening, investments and settlements over its window. */
export async function spreadDealHistory(tenantId: string, deal: SeededDeal, now: number): Promise<void> {
  let steps: { submitted: Date | null; approved: Date | null } = { submitted: null, approved: null };
  await withTenant(tenantId, null, async (t) => {
    if (!LISTED.includes(deal.status)) {
      // Drafts and deals in review were written in the last few days.
      const written = 1 + (deal.n % 6);
      const submitted = deal.status === 'pending_review' ? at(now, Math.max(0.5, written - 1)) : null;
      await backdateDeal(t, deal.id, { created: at(now, written), submitted, approved: null, starts: null, ends: null, updated: submitted ?? at(now, written) });
      steps = { submitted, approved: null };
      return;
    }
    const { opened, closed } = dealWindow(deal.n, deal.status);
    const end = closed ?? 0.2;
    await backdateDeal(t, deal.id, {
      created: at(now, opened + 9),
      submitted: at(now, opened + 6),
      approved: at(now, opened + 1),
      starts: at(now, opened),
      ends: closed === null ? null : at(now, closed),
      updated: at(now, end),
    });
    steps = { submitted: at(now, opened + 6), approved: at(now, opened + 1) };
    const investments = await investmentsOfDeal(t, deal.id);
    for (const [i, inv] of investments.entries()) {
      // Evenly through the open window, settled (confirmed or refunded) one to four days later.
      const made = opened - ((opened - end) * (i + 1)) / (investments.length + 1);
      const settled = Math.max(end / 2, made - 1 - ((deal.n + i) % 4));
      await backdateInvestment(t, inv.id, at(now, made), at(now, settled));
    }
  });
  await withPlatform({ adminId: null, userAgent: 'demo-seed' }, { action: 'demo.review_history_dated', targetTenantId: tenantId, target: deal.id }, (tx) => backdateReviewSteps(tx, tenantId, deal.id, steps));
}

/** A refunded investment: the investor paid, then the money went back. */
export async function refundedInvestment(tenant: TenantContext, admin: Principal, investor: Principal, dealId: string, amount: string, reason: string): Promise<void> {
  const r = await invest(tenant, investor, dealId, { amount, paymentMethod: 'wire' }, null, META);
  const id = (r.body as { investment: { id: string } }).investment.id;
  await confirmInvestment(tenant, admin, id, 'Demo: funds received', META);
  await refundInvestment(tenant, admin, id, reason, META);
}

const PASSPORT_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** Documents are stored encrypted: without the key (a bare test database) there is no KYC history. */
export function kycHistoryPossible(tenant: TenantContext, config: Config): boolean {
  return tenant.kycProvider === 'manual' && !!config.DATA_ENCRYPTION_KEY;
}

type MemberKyc = { principal: Principal; submittedDaysAgo: number } & ({ decision: 'approve'; decidedDaysAgo: number } | { decision: 'reject'; decidedDaysAgo: number; reason: string } | { decision: null });

/**
 * Members who went through identity checks with the tenant's reviewers: approved, rejected
 * with a reason, and one still waiting in the review queue. Manual review only (a provider
 * such as Sumsub decides on its own side).
 */
export async function seedKycDecisions(tenant: TenantContext, reviewer: Principal, members: MemberKyc[], config: Config, now: number): Promise<void> {
  for (const m of members) {
    const started = await startApplication(tenant, m.principal, { level: 'standard' }, META, config, '');
    const id = started.application.id;
    await uploadDocument(tenant, m.principal, id, 'passport', PASSPORT_PNG, META, config);
    if (m.decision === 'approve') await decideApplication(tenant, reviewer, id, { decision: 'approve', reason: 'Passport checked against the selfie' }, META);
    if (m.decision === 'reject') await decideApplication(tenant, reviewer, id, { decision: 'reject', reason: m.reason }, META);
    await withPlatform({ adminId: null, userAgent: 'demo-seed' }, { action: 'demo.kyc_history_dated', targetTenantId: tenant.id, target: id }, (tx) =>
      backdateKycApplication(tx, tenant.id, id, at(now, m.submittedDaysAgo), m.decision ? at(now, m.decidedDaysAgo) : null),
    );
    if (m.decision === 'approve') await clearDemoInvestor(tenant.id, m.principal.userId);
  }
}

/** A member's confirmed investment (the seed's demo money, received by wire). */
export async function confirmedInvestment(tenant: TenantContext, admin: Principal, investor: Principal, dealId: string, amount: string): Promise<void> {
  const r = await invest(tenant, investor, dealId, { amount, paymentMethod: 'wire' }, null, META);
  await confirmInvestment(tenant, admin, (r.body as { investment: { id: string } }).investment.id, 'Demo: funds received', META);
}
