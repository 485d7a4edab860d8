import { withPlatformRead, withTenant, type TenantTx } from '../db/tenant';
import { allTenantIds, NO_REQUEST, SYSTEM_ACTOR } from '../escrow/service';
import { cancelCommitment } from '../investments/cancel-investment';
import { findInvestmentForUpdate } from '../investments/repo';
import { REG_CF_CANCELLABLE_STATUSES } from '../investments/lifecycle';
import { notify } from '../notifications/notify';
import { formDDueOn } from './deal-summary';
import { backfillLegends } from './legends-502d';
import { closeReconfirmations } from './reg-cf-material-change';
import { insertOverdueNotice, recipientsWithRole, regDDealsAwaitingFormD } from './repo-form-d';
import { overdueReconfirmations } from './repo-reconfirmations';

// The scheduled compliance job, a plain function of `now` like the escrow sweep (pg-boss only
// decides when it runs; tests call it with the clock they want). Each tenant in its own
// transaction (withTenant, RLS holds); one tenant's failure does not stop the others.
//  - 227.304(c): a Reg CF commitment not reconfirmed within five business days after a material
//    change is cancelled through the investments' cancel path, money in escrow refunded through
//    the escrow module, and the investor told.
//  - 230.502(d): Reg D holdings confirmed before legends were written get theirs.
//  - 230.503: a Reg D deal whose Form D due day has passed without an initial filing recorded
//    makes the tenant's compliance officers (else its admins) get one email.

const BATCH = 200;

export type ComplianceSweepTenant = { reconfirmationsCancelled: number; formDNotices: number; legendsWritten: number };
export type ComplianceSweepReport = Omit<ComplianceSweepTenant, 'legendsWritten'> & { tenants: number; failures: { tenantId: string; error: string }[] };

const NOT_RECONFIRMED = 'not reconfirmed within five business days after a material change (17 CFR 227.304(c))';

async function cancelUnreconfirmed(t: TenantTx, now: Date): Promise<number> {
  let n = 0;
  for (const r of await overdueReconfirmations(t, now, BATCH)) {
    const inv = await findInvestmentForUpdate(t, r.investment_id);
    if (inv && REG_CF_CANCELLABLE_STATUSES.includes(inv.status)) {
      const { status, refund } = await cancelCommitment(t, inv, SYSTEM_ACTOR, NOT_RECONFIRMED, now, NO_REQUEST, { refundEscrow: true });
      // Owed by law (227.304(c)): locked on in the app and by email.
      await notify(t, {
        type: 'investment.cancelled',
        userId: r.investor_id,
        title: `Your investment in "${r.title}" was cancelled`,
        body: `You did not reconfirm your investment in "${r.title}" within five business days after the issuer changed the offering materially, so it was cancelled (17 CFR 227.304(c))${status === 'refunded' || refund === 'on_chain' ? ' and the money you paid is being returned' : ''}.`,
        link: '/portfolio',
        dedupeKey: `investment.cancelled:${r.investment_id}:not_reconfirmed`,
        data: { investmentId: r.investment_id, reason: 'not_reconfirmed', dealTitle: r.title, refunding: status === 'refunded' || refund === 'on_chain' },
      });
      n++;
    }
    // Sold or withdrawn meanwhile: nothing is left to cancel; the reconfirmation is closed either way.
    await closeReconfirmations(t, r.investment_id, inv && REG_CF_CANCELLABLE_STATUSES.includes(inv.status) ? 'cancelled' : 'withdrawn', now);
  }
  return n;
}

/** 230.503: the day after the due day with no initial Form D recorded, one notice per deal. */
async function noticeOverdueFormD(t: TenantTx, now: Date): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  let n = 0;
  for (const d of await regDDealsAwaitingFormD(t, BATCH)) {
    const dueOn = formDDueOn(new Date(d.first_sale));
    if (today <= dueOn) continue;
    const officers = await recipientsWithRole(t, 'compliance_officer');
    const to = officers.length ? officers : await recipientsWithRole(t, 'tenant_admin');
    if (!(await insertOverdueNotice(t, d.id, dueOn, to.length, now))) continue;
    await notify(
      t,
      to.map((userId) => ({
        type: 'admin.alert' as const,
        userId,
        title: `Form D overdue: "${d.title}"`,
        body: `The Form D notice for "${d.title}" was due on ${dueOn}, 15 days after its first sale on ${new Date(d.first_sale).toISOString().slice(0, 10)} (17 CFR 230.503(a)), and no filing is recorded. File it on EDGAR and record it on the deal's Form D page.`,
        dedupeKey: `admin.alert:form_d_overdue:${d.id}:${dueOn}:${userId}`,
        data: { kind: 'form_d_overdue', dealId: d.id, dueOn },
      })),
    );
    n++;
  }
  return n;
}

export async function sweepComplianceTenant(t: TenantTx, now: Date): Promise<ComplianceSweepTenant> {
  return { reconfirmationsCancelled: await cancelUnreconfirmed(t, now), formDNotices: await noticeOverdueFormD(t, now), legendsWritten: await backfillLegends(t, now) };
}

export async function runComplianceSweep(opts: { now?: Date; tenantIds?: string[] } = {}): Promise<ComplianceSweepReport> {
  const now = opts.now ?? new Date();
  const ids = opts.tenantIds ?? (await withPlatformRead(allTenantIds));
  const report: ComplianceSweepReport = { tenants: ids.length, reconfirmationsCancelled: 0, formDNotices: 0, failures: [] };
  for (const tenantId of ids) {
    try {
      const r = await withTenant(tenantId, null, (t) => sweepComplianceTenant(t, now));
      report.reconfirmationsCancelled += r.reconfirmationsCancelled;
      report.formDNotices += r.formDNotices;
    } catch (e) {
      report.failures.push({ tenantId, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return report;
}
