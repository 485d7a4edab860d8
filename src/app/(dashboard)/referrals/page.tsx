import type { Metadata } from 'next';
import { referralDashboard } from '@/server/referrals/service';
import { PageHeader } from '@/ui/page-header';
import { Badge } from '@/ui/primitives/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { NewReferralLinkForm, ReferralLinkAddress } from '@/ui/referral-links';
import { requireSession } from '../../session';
import { FeatureOff } from '@/ui/feature-off';

export const metadata: Metadata = { title: 'Referrals' };

const STATUS: Record<string, { label: string; tone: 'warning' | 'success' | 'danger' | 'neutral' }> = {
  pending: { label: 'Pending approval', tone: 'warning' },
  earned: { label: 'Earned', tone: 'success' },
  clawed_back: { label: 'Clawed back', tone: 'danger' },
  applied: { label: 'Clawback', tone: 'neutral' },
};

function ruleText(r: Awaited<ReturnType<typeof referralDashboard>>['rewardRule']): string {
  if (r.kind === 'none') return 'This platform pays no referral rewards at the moment.';
  const what = r.kind === 'fixed' ? `${r.amount} in the smallest unit of the deal’s currency` : `${(r.bps! / 100).toString()}% of the investment`;
  return `You earn ${what}${r.cap ? ` (at most ${r.cap})` : ''} for ${r.scope === 'first' ? 'the first' : 'every'} confirmed investment of a member you referred. Rewards are pending until approved and are clawed back if the investment is refunded.`;
}

/** The referrer's dashboard (GET /api/referrals): links, clicks, sign-ups, conversions and rewards. */
export default async function ReferralsPage() {
  const { tenant, principal } = await requireSession('/referrals');
  if (!tenant.features.referrals) return <FeatureOff title="Referrals" feature="referrals" />;
  const d = await referralDashboard(tenant, principal);
  const refused = Object.values(d.totals.refusedSignups).reduce((a, b) => a + b, 0);
  return (
    <>
      <PageHeader title="Referrals" description={`Share a link; a friend who signs up within ${d.attributionWindowDays} days of their first click counts as yours.`} />
      <section aria-labelledby="referral-figures" className="mb-6">
        <h2 id="referral-figures" className="sr-only">
          Figures
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="referral-totals">
          {(
            [
              ['Clicks', d.totals.clicks],
              ['Sign-ups', d.totals.signups],
              ['Conversions', d.totals.conversions],
              ['Refused sign-ups', refused],
            ] as const
          ).map(([label, n]) => (
            <Card key={label}>
              <CardContent className="pt-4">
                <dt className="text-sm text-muted-foreground">{label}</dt>
                <dd className="text-2xl font-semibold">{n}</dd>
              </CardContent>
            </Card>
          ))}
        </dl>
      </section>

      <Card className="mb-6">
        <CardHeader>
          <CardTitle>Rewards</CardTitle>
          <CardDescription>{ruleText(d.rewardRule)}</CardDescription>
        </CardHeader>
        <CardContent>
          {d.rewards.length === 0 ? (
            <p className="text-sm text-muted-foreground">No rewards yet.</p>
          ) : (
            <Table data-testid="referral-rewards">
              <THead>
                <TR>
                  <TH>Currency</TH>
                  <TH>Pending</TH>
                  <TH>Earned</TH>
                  <TH>Clawed back</TH>
                </TR>
              </THead>
              <TBody>
                {d.rewards.map((r) => (
                  <TR key={r.currency}>
                    <TD>{r.currency}</TD>
                    <TD data-testid="reward-pending">{r.pending}</TD>
                    <TD data-testid="reward-earned">{r.earned}</TD>
                    <TD data-testid="reward-clawed-back">{r.clawedBack}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </CardContent>
      </Card>

      <Card className="mb-6">
        <CardHeader>
          <CardTitle>Your links</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-6">
          <NewReferralLinkForm />
          {d.links.length === 0 ? (
            <p className="text-sm text-muted-foreground">No links yet: create one above.</p>
          ) : (
            <Table stacked data-testid="referral-links">
              <THead stacked>
                <TR stacked>
                  <TH>Campaign</TH>
                  <TH>Link</TH>
                  <TH>Lands on</TH>
                  <TH>Clicks</TH>
                  <TH>Sign-ups</TH>
                  <TH>Conversions</TH>
                </TR>
              </THead>
              <TBody stacked>
                {d.links.map((l) => (
                  <TR stacked key={l.id}>
                    <TD label="Campaign">{l.campaign}</TD>
                    <TD label="Link">
                      <ReferralLinkAddress path={l.path} />
                    </TD>
                    <TD label="Lands on">
                      <code className="text-sm">{l.target}</code>
                    </TD>
                    <TD label="Clicks" data-testid="link-clicks">
                      {l.clicks}
                    </TD>
                    <TD label="Sign-ups" data-testid="link-signups">
                      {l.signups}
                    </TD>
                    <TD label="Conversions" data-testid="link-conversions">
                      {l.conversions}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Reward history</CardTitle>
        </CardHeader>
        <CardContent>
          {d.transactions.length === 0 ? (
            <p className="text-sm text-muted-foreground">Nothing yet: a reward appears when a member you referred has an investment confirmed.</p>
          ) : (
            <Table stacked data-testid="referral-transactions">
              <THead stacked>
                <TR stacked>
                  <TH>Date</TH>
                  <TH>Member</TH>
                  <TH>Amount</TH>
                  <TH>Status</TH>
                </TR>
              </THead>
              <TBody stacked>
                {d.transactions.map((x) => (
                  <TR stacked key={x.id}>
                    <TD label="Date">{x.createdAt.slice(0, 10)}</TD>
                    <TD label="Member">{x.referredMember}</TD>
                    <TD label="Amount">
                      {x.amount} {x.currency}
                    </TD>
                    <TD label="Status">
                      <Badge tone={STATUS[x.status]!.tone}>{STATUS[x.status]!.label}</Badge>
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </>
  );
}
