import type { Metadata } from 'next';
import { Gift } from 'lucide-react';
import { referralAdminOverview } from '@/server/referrals/service';
import { EmptyState } from '@/ui/empty-state';
import { PageHeader } from '@/ui/page-header';
import { Badge } from '@/ui/primitives/badge';
import { buttonVariants } from '@/ui/primitives/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { requireSession } from '../../session';
import { AdminNav } from '../admin-nav';
import { ApproveRewardButton, ReferralRuleForm } from './referral-admin';

export const metadata: Metadata = { title: 'Referrals' };

const STATUS_TONE = { pending: 'warning', earned: 'success', clawed_back: 'danger', applied: 'neutral' } as const;

export default async function AdminReferralsPage() {
  const { tenant, principal } = await requireSession('/admin/referrals', ['tenant_admin']);
  const header = <PageHeader title="Administration" description={`${tenant.name}: the referral rule, top referrers and every reward.`} />;
  if (!tenant.features.referrals) {
    return (
      <>
        {header}
        <AdminNav current="/admin/referrals" />
        <EmptyState icon={Gift} title="Referrals are off">Turn the referrals feature on for this platform first.</EmptyState>
      </>
    );
  }
  const o = await referralAdminOverview(tenant, principal);
  return (
    <>
      {header}
      <AdminNav current="/admin/referrals" />
      <h2 className="mb-4 text-xl font-semibold">Referrals</h2>
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Rule</CardTitle>
            <CardDescription>Rewards are written as pending when a referred member’s investment is confirmed and clawed back if it is refunded. Changes are audited.</CardDescription>
          </CardHeader>
          <CardContent>
            <ReferralRuleForm settings={o.settings} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Totals</CardTitle>
          </CardHeader>
          <CardContent>
            {o.rewards.length === 0 ? (
              <p className="text-sm text-muted-foreground">No rewards yet.</p>
            ) : (
              <ul className="grid gap-1 text-sm" data-testid="admin-referral-totals">
                {o.rewards.map((r) => (
                  <li key={r.currency}>
                    {r.currency}: pending {r.pending} · earned {r.earned} · clawed back {r.clawedBack}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Top referrers</CardTitle>
          </CardHeader>
          <CardContent>
            {o.topReferrers.length === 0 ? (
              <p className="text-sm text-muted-foreground">No member has made a referral link yet.</p>
            ) : (
              <Table stacked data-testid="top-referrers">
                <THead stacked>
                  <TR stacked>
                    <TH>Member</TH>
                    <TH>Clicks</TH>
                    <TH>Sign-ups</TH>
                    <TH>Refused</TH>
                    <TH>Conversions</TH>
                  </TR>
                </THead>
                <TBody stacked>
                  {o.topReferrers.map((r) => (
                    <TR stacked key={r.userId}>
                      <TD label="Member">
                        {r.name} <span className="text-muted-foreground">({r.email})</span>
                      </TD>
                      <TD label="Clicks">{r.clicks}</TD>
                      <TD label="Sign-ups">{r.signups}</TD>
                      <TD label="Refused">{r.refusedSignups}</TD>
                      <TD label="Conversions">{r.conversions}</TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
            <CardTitle>Rewards and clawbacks</CardTitle>
            <a className={buttonVariants({ variant: 'outline', size: 'sm' })} href="/api/admin/referrals/transactions.csv" download>
              Download CSV
            </a>
          </CardHeader>
          <CardContent>
            {o.transactions.length === 0 ? (
              <p className="text-sm text-muted-foreground">None yet.</p>
            ) : (
              <Table stacked data-testid="admin-referral-transactions">
                <THead stacked>
                  <TR stacked>
                    <TH>Date</TH>
                    <TH>Referrer</TH>
                    <TH>Referred</TH>
                    <TH>Amount</TH>
                    <TH>Status</TH>
                    <TH>
                      <span className="sr-only">Actions</span>
                    </TH>
                  </TR>
                </THead>
                <TBody stacked>
                  {o.transactions.map((x) => (
                    <TR stacked key={x.id}>
                      <TD label="Date">{x.createdAt.slice(0, 10)}</TD>
                      <TD label="Referrer">{x.referrerEmail}</TD>
                      <TD label="Referred">{x.referredMember}</TD>
                      <TD label="Amount">
                        {x.amount} {x.currency}
                      </TD>
                      <TD label="Status">
                        <Badge tone={STATUS_TONE[x.status]}>{x.kind === 'clawback' ? 'clawback' : x.status.replace('_', ' ')}</Badge>
                      </TD>
                      <TD label="">{x.kind === 'reward' && x.status === 'pending' && <ApproveRewardButton id={x.id} />}</TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
