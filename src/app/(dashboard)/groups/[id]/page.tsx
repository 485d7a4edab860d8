import { LogOut } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { NotFound } from '@/server/errors';
import { groupDetail, memberDashboard } from '@/server/groups/service';
import { ConfirmAction } from '@/ui/confirm-action';
import { formatDate, formatMoney, humanize } from '@/ui/format';
import { ApplyForm, PreCommitForm } from '@/ui/group-forms';
import { PageHeader } from '@/ui/page-header';
import { Alert } from '@/ui/primitives/alert';
import { buttonVariants } from '@/ui/primitives/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { StatusBadge } from '@/ui/status-badge';
import { optionalSession } from '../../../session';
import { FeatureOff } from '@/ui/feature-off';

export const metadata: Metadata = { title: 'Investment group' };

export default async function GroupPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { tenant, principal } = await optionalSession();
  if (!tenant.features.investmentGroups) return <FeatureOff title="Investment groups" feature="investmentGroups" />;
  const detail = await groupDetail(tenant, principal, id).catch((e) => {
    if (e instanceof NotFound) notFound();
    throw e;
  });
  const { group: g, viewer } = detail;
  const inside = principal && (viewer.runsGroup || viewer.membership?.status === 'active');
  const area = inside ? await memberDashboard(tenant, principal, g.id) : null;
  const requirements = [
    g.requirements.minVerificationLevel !== 'none' && `${humanize(g.requirements.minVerificationLevel)} verification`,
    g.requirements.requiresAccreditation && 'accredited investors only',
    g.requirements.minCommitment && `a commitment of at least ${formatMoney(g.requirements.minCommitment, g.requirements.currency)}`,
  ].filter(Boolean);
  return (
    <>
      <PageHeader
        title={g.name}
        description={`by ${g.issuer.name} · ${g.memberCount} member${g.memberCount === 1 ? '' : 's'}${g.capacity !== null ? ` of ${g.capacity}` : ''}`}
        actions={
          viewer.membership?.status === 'active' && (
            <ConfirmAction
              label="Leave group"
              icon={<LogOut aria-hidden />}
              title={`Leave ${g.name}?`}
              description="You will no longer see the group’s member-only deals. Your investments stay as they are."
              confirmLabel="Leave"
              request={{ path: `/api/groups/${g.id}/leave`, method: 'POST' }}
            />
          )
        }
      />
      {g.description && <p className="mb-6 max-w-3xl text-muted-foreground">{g.description}</p>}
      {area ? (
        <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
          <div className="grid content-start gap-6">
            <Card>
              <CardHeader>
                <CardTitle>Member deals</CardTitle>
                <CardDescription>Open to this group’s members.</CardDescription>
              </CardHeader>
              <CardContent>
                {area.deals.length === 0 ? (
                  <p className="text-sm text-muted-foreground">No deals open to members yet.</p>
                ) : (
                  <ul className="grid gap-3" data-testid="group-deals">
                    {area.deals.map((d) => (
                      <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 border-b border-border pb-3 last:border-0">
                        <span className="min-w-0">
                          <Link href={`/deals/${d.slug}`} className="font-medium hover:underline">
                            {d.title}
                          </Link>
                          <span className="block text-xs text-muted-foreground">
                            {formatMoney(d.raised, d.currency)} raised of {formatMoney(d.targetAmount, d.currency)} · from {formatMoney(d.minTicket, d.currency)}
                          </span>
                        </span>
                        <StatusBadge status={d.status} />
                      </li>
                    ))}
                  </ul>
                )}
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>Coming soon</CardTitle>
                <CardDescription>Deals being prepared for the group. Indicate interest now (no money moves); you will hear first when a deal opens.</CardDescription>
              </CardHeader>
              <CardContent>
                {area.upcoming.length === 0 ? (
                  <p className="text-sm text-muted-foreground">Nothing announced yet.</p>
                ) : (
                  <ul className="grid gap-4" data-testid="group-upcoming">
                    {area.upcoming.map((d) => (
                      <li key={d.id} className="grid gap-2 border-b border-border pb-4 last:border-0">
                        <p className="font-medium">{d.title}</p>
                        {d.summary && <p className="text-sm text-muted-foreground">{d.summary}</p>}
                        <p className="text-xs text-muted-foreground">
                          Target {formatMoney(d.targetAmount, d.currency)} · minimum {formatMoney(d.minTicket, d.currency)}
                        </p>
                        {!viewer.runsGroup && <PreCommitForm groupId={g.id} dealId={d.id} current={d.myPreCommitment} currency={d.currency} />}
                      </li>
                    ))}
                  </ul>
                )}
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>Updates</CardTitle>
              </CardHeader>
              <CardContent>
                {area.updates.length === 0 ? (
                  <p className="text-sm text-muted-foreground">No updates yet.</p>
                ) : (
                  <ul className="grid gap-2 text-sm">
                    {area.updates.map((u) => (
                      <li key={u.id}>
                        <span className="font-medium">{u.title}</span> <span className="text-muted-foreground">· {u.dealTitle} · {formatDate(u.publishedAt)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </CardContent>
            </Card>
          </div>
          <Card className="content-start">
            <CardHeader>
              <CardTitle>Your commitments</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-3 text-sm">
              {area.myCommitments.preCommitments.length + area.myCommitments.investments.length === 0 && <p className="text-muted-foreground">None yet.</p>}
              {area.myCommitments.preCommitments.map((c) => (
                <p key={c.dealId}>
                  Interest in {c.dealTitle}: <span className="font-medium">{formatMoney(c.amount, c.currency)}</span>
                </p>
              ))}
              {area.myCommitments.investments.map((v) => (
                <p key={v.id} className="flex flex-wrap items-center gap-2">
                  {v.dealTitle}: <span className="font-medium">{formatMoney(v.amount, v.currency)}</span> <StatusBadge status={v.status} />
                </p>
              ))}
            </CardContent>
          </Card>
        </div>
      ) : (
        <Card className="max-w-2xl">
          <CardHeader>
            <CardTitle>Join {g.name}</CardTitle>
            <CardDescription>{requirements.length ? `The group asks for ${requirements.join(', ')}.` : 'Open to every investor of the platform.'}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {!principal ? (
              <Link href={`/login?next=${encodeURIComponent(`/groups/${g.slug}`)}`} className={buttonVariants({ variant: 'default' })}>
                Sign in to apply
              </Link>
            ) : viewer.latestApplication && ['pending', 'waitlisted'].includes(viewer.latestApplication.status) ? (
              <Alert tone="info" title={viewer.latestApplication.status === 'pending' ? 'Application sent' : 'On the waitlist'}>
                {viewer.latestApplication.status === 'pending' ? 'The group will decide and email you.' : 'You will hear from the group when a place opens.'}
              </Alert>
            ) : (
              <>
                {viewer.latestApplication?.status === 'rejected' && (
                  <Alert tone="error" title="Your last application was not approved">
                    {viewer.latestApplication.decisionReason}
                  </Alert>
                )}
                {viewer.membership?.status === 'removed' && <Alert tone="error" title="Your membership was ended">{viewer.membership.endReason}</Alert>}
                {g.full ? <Alert tone="info">The group is full; you can still apply and join the waitlist.</Alert> : null}
                <ApplyForm groupId={g.id} questions={g.questions} minCommitment={g.requirements.minCommitment} currency={g.requirements.currency} />
              </>
            )}
          </CardContent>
        </Card>
      )}
    </>
  );
}
