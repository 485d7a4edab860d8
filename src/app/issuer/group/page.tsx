import { Check, Clock, Download, UserMinus, X } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { groupApplications, groupMembers, issuerGroupDashboard, ownDealAudiences, ownGroup } from '@/server/groups/service';
import { ConfirmAction } from '@/ui/confirm-action';
import { DecisionDialog } from '@/ui/decision-dialog';
import { formatDate, formatMoney } from '@/ui/format';
import { DealAudienceForm, GroupSettingsForm, InvitationLinkForm } from '@/ui/group-forms';
import { PageHeader } from '@/ui/page-header';
import { buttonVariants } from '@/ui/primitives/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { StatusBadge } from '@/ui/status-badge';
import { requireSession } from '../../session';
import { FeatureOff } from '@/ui/feature-off';

export const metadata: Metadata = { title: 'My investment group' };

export default async function IssuerGroupPage() {
  const { tenant, principal } = await requireSession('/issuer/group', ['issuer']);
  if (!tenant.features.investmentGroups) return <FeatureOff title="Your investment group" feature="investmentGroups" />;
  const { group, invitations } = await ownGroup(tenant, principal);
  if (!group)
    return (
      <>
        <PageHeader title="My investment group" description="Your own investor community: member-only deals, applications, pre-commitments." />
        <Card className="max-w-2xl">
          <CardHeader>
            <CardTitle>Create your group</CardTitle>
            <CardDescription>One group per issuer. Your issuer profile must be verified first.</CardDescription>
          </CardHeader>
          <CardContent>
            <GroupSettingsForm />
          </CardContent>
        </Card>
      </>
    );
  const [dashboard, queue, { members }, { deals }] = await Promise.all([
    issuerGroupDashboard(tenant, principal),
    groupApplications(tenant, principal, undefined),
    groupMembers(tenant, principal),
    ownDealAudiences(tenant, principal),
  ]);
  const open = queue.applications.filter((a) => a.status === 'pending' || a.status === 'waitlisted');
  const active = members.filter((m) => m.status === 'active');
  return (
    <>
      <PageHeader
        title={group.name}
        description={`${group.privacy === 'private' ? 'Private' : 'Public'} group · ${group.memberCount} member${group.memberCount === 1 ? '' : 's'}${group.capacity !== null ? ` of ${group.capacity}` : ''} · ${dashboard.applications.pending} waiting`}
        actions={
          <Link href={`/groups/${group.slug}`} className={buttonVariants({ variant: 'outline', size: 'sm' })}>
            View as member
          </Link>
        }
      />
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Applications</CardTitle>
            <CardDescription>Approve, waitlist, or reject with a reason; the applicant is emailed.</CardDescription>
          </CardHeader>
          <CardContent>
            {open.length === 0 ? (
              <p className="text-sm text-muted-foreground">No applications waiting.</p>
            ) : (
              <ul className="grid gap-4" data-testid="group-applications">
                {open.map((a) => (
                  <li key={a.id} className="grid gap-2 border-b border-border pb-4 last:border-0">
                    <p className="flex flex-wrap items-center gap-2">
                      <span className="font-medium">{a.applicant.name || a.applicant.email}</span>
                      <span className="text-sm break-all text-muted-foreground">{a.applicant.email}</span>
                      <StatusBadge status={a.status} />
                    </p>
                    {a.answers.map((x) => (
                      <p key={x.questionId} className="text-sm">
                        <span className="text-muted-foreground">{group.questions.find((q) => q.id === x.questionId)?.text ?? x.questionId}:</span> {x.answer}
                      </p>
                    ))}
                    {a.intendedCommitment && <p className="text-sm">Intends to commit {formatMoney(a.intendedCommitment, a.currency)}</p>}
                    <div className="flex flex-wrap gap-2">
                      <ConfirmAction
                        label="Approve"
                        icon={<Check aria-hidden />}
                        ariaLabel={`Approve ${a.applicant.email}`}
                        title="Approve this application?"
                        description={`${a.applicant.email} becomes a member and sees the group’s member-only deals.`}
                        confirmLabel="Approve"
                        request={{ path: `/api/issuer/groups/applications/${a.id}/decision`, json: { decision: 'approve' } }}
                      />
                      {a.status === 'pending' && (
                        <DecisionDialog
                          label="Waitlist"
                          icon={<Clock aria-hidden />}
                          variant="outline"
                          title="Put on the waitlist"
                          description="The applicant is told they are on the waitlist; you can approve them later."
                          confirmLabel="Waitlist"
                          path={`/api/issuer/groups/applications/${a.id}/decision`}
                          json={{ decision: 'waitlist' }}
                          text={{ name: 'reason', label: 'Note to the applicant (optional)' }}
                        />
                      )}
                      <DecisionDialog
                        label="Reject"
                        icon={<X aria-hidden />}
                        variant="destructive"
                        title="Reject this application"
                        description="The applicant receives the reason by email."
                        confirmLabel="Reject"
                        path={`/api/issuer/groups/applications/${a.id}/decision`}
                        json={{ decision: 'reject' }}
                        text={{ name: 'reason', label: 'Reason', required: true, minLength: 3 }}
                      />
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Commitments per deal</CardTitle>
            <CardDescription>Pre-committed interest before a deal opens, and investments since.</CardDescription>
          </CardHeader>
          <CardContent>
            {dashboard.commitments.length === 0 ? (
              <p className="text-sm text-muted-foreground">No group deals yet: choose “My group’s members only” for a deal below.</p>
            ) : (
              <Table stacked>
                <THead stacked>
                  <TR stacked>
                    <TH>Deal</TH>
                    <TH>Status</TH>
                    <TH>Pre-committed</TH>
                    <TH>Invested</TH>
                  </TR>
                </THead>
                <TBody stacked>
                  {dashboard.commitments.map((c) => (
                    <TR key={c.dealId} stacked>
                      <TD label="Deal">{c.title}</TD>
                      <TD label="Status">
                        <StatusBadge status={c.status} />
                      </TD>
                      <TD label="Pre-committed">
                        {formatMoney(c.preCommitted, c.currency)} ({c.preCommitters})
                      </TD>
                      <TD label="Invested">
                        {formatMoney(c.invested, c.currency)} ({c.investors})
                      </TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            )}
          </CardContent>
        </Card>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>Members</CardTitle>
              <CardDescription>
                <a href="/api/issuer/groups/members.csv" className="inline-flex items-center gap-1 underline">
                  <Download className="size-3.5" aria-hidden /> Export as CSV
                </a>
              </CardDescription>
            </CardHeader>
            <CardContent>
              {active.length === 0 ? (
                <p className="text-sm text-muted-foreground">No members yet.</p>
              ) : (
                <ul className="grid gap-3" data-testid="group-members">
                  {active.map((m) => (
                    <li key={m.userId} className="flex flex-wrap items-center justify-between gap-2">
                      <span className="min-w-0 text-sm">
                        <span className="font-medium">{m.name || m.email}</span>
                        <span className="block text-xs break-all text-muted-foreground">
                          {m.email} · since {formatDate(m.joinedAt)}
                        </span>
                      </span>
                      <DecisionDialog
                        label="Remove"
                        icon={<UserMinus aria-hidden />}
                        ariaLabel={`Remove ${m.email}`}
                        variant="outline"
                        confirmVariant="destructive"
                        title={`Remove ${m.email}?`}
                        description="They lose access to the group’s member-only deals at once and receive the reason by email. Recorded in the audit log."
                        confirmLabel="Remove"
                        method="DELETE"
                        path={`/api/issuer/groups/members/${m.userId}`}
                        text={{ name: 'reason', label: 'Reason', required: true, minLength: 3 }}
                      />
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Invitation links</CardTitle>
              <CardDescription>Private groups admit by link only. Links are signed and expire; revoke one at any time.</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              <InvitationLinkForm />
              {invitations.length > 0 && (
                <ul className="grid gap-2 text-sm">
                  {invitations.map((i) => (
                    <li key={i.id} className="flex flex-wrap items-center justify-between gap-2">
                      <span>
                        {i.note ?? 'Link'} · {i.uses} used · {i.revokedAt ? 'revoked' : `until ${formatDate(i.expiresAt)}`}
                      </span>
                      {!i.revokedAt && (
                        <ConfirmAction
                          label="Revoke"
                          title="Revoke this link?"
                          description="Nobody can join with it any more; members who joined stay."
                          confirmLabel="Revoke"
                          request={{ path: `/api/issuer/groups/invitations/${i.id}`, method: 'DELETE' }}
                        />
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        </div>

        <Card>
          <CardHeader>
            <CardTitle>Who sees your deals</CardTitle>
            <CardDescription>A members-only deal does not exist for anyone else. Announce a draft to members to collect pre-commitments before it opens.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {deals.length === 0 ? (
              <p className="text-sm text-muted-foreground">
                No deals yet. <Link href="/issuer/deals/new" className="underline">Create one</Link>.
              </p>
            ) : (
              deals.map((d) => <DealAudienceForm key={d.id} dealId={d.id} title={d.title} visibility={d.visibility} hasGroup />)
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Settings</CardTitle>
          </CardHeader>
          <CardContent>
            <GroupSettingsForm
              initial={{
                name: group.name,
                description: group.description,
                privacy: group.privacy,
                minVerificationLevel: group.requirements.minVerificationLevel,
                requiresAccreditation: group.requirements.requiresAccreditation,
                minCommitment: group.requirements.minCommitment,
                capacity: group.capacity,
                questions: group.questions,
                focusAreas: group.focusAreas,
                brandColor: group.brandColor,
              }}
            />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
