import { ArrowLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ownCertification } from '@/server/compliance/bad-actor';
import { ownCoveredPersons } from '@/server/compliance/covered-persons';
import { listMaterialChanges } from '@/server/compliance/reg-cf-material-change';
import { dealInvitations } from '@/server/compliance/solicitation-506b';
import { getOwnDeal } from '@/server/deals/manage-deal';
import { issuerDeals } from '@/server/deals/browse';
import { listDealsQuery } from '@/server/deals/schema';
import { getOwnIssuer } from '@/server/issuers/service';
import { CertificationForm, CoveredPersonForm, DisqualifyingEventForm, InquiryForm, InvitationForm, MaterialChangeForm } from '@/ui/compliance-forms';
import { formatDate, humanize } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { requireSession } from '../../session';

export const metadata: Metadata = { title: 'Offering compliance' };

const EFFECT: Record<string, string> = { disqualifies: 'Disqualifies (no waiver)', disclose: 'Disclosed (before 23 Sept 2013)', waived: 'Waived' };

/**
 * The issuer's compliance records: covered persons with the inquiry into each and their events,
 * the bad-actor certification (17 CFR 230.506(d), (e); 227.503), and the investors invited to its
 * Rule 506(b) offerings (230.502(c)).
 */
export default async function IssuerCompliancePage() {
  const { tenant, principal } = await requireSession('/issuer/compliance', ['issuer']);
  await getOwnIssuer(tenant, principal);
  const [{ coveredPersons }, { certification }, { deals }] = await Promise.all([
    ownCoveredPersons(tenant, principal),
    ownCertification(tenant, principal),
    issuerDeals(tenant, principal, listDealsQuery.parse({ limit: '100' })),
  ]);
  // Open Reg CF offerings take material changes (227.304(c)).
  const regCfDeals = (
    await Promise.all(
      deals
        .filter((d) => d.status === 'active' || d.status === 'funded')
        .map(async (d) => ((await getOwnDeal(tenant, principal, d.id)).compliance as { regimes?: string[] } | null)?.regimes?.includes('reg_cf') ? { deal: d, ...(await listMaterialChanges(tenant, principal, d.id)) } : null),
    )
  ).filter((x) => x !== null);
  const invitations = (await Promise.all(deals.filter((d) => d.status !== 'archived').map(async (d) => ({ deal: d, ...(await dealInvitations(tenant, principal, d.id)) })))).filter((x) => x.applicable);
  const current = coveredPersons.filter((p) => !p.removedAt);
  const needsDisclosure = current.some((p) => p.events.some((e) => e.effect === 'disclose'));
  return (
    <>
      <Link href="/issuer/deals" className="mb-6 inline-flex items-center gap-1.5 rounded-md text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> My deals
      </Link>
      <PageHeader title="Offering compliance" description="Covered persons, the bad-actor certification and invitations to your Rule 506(b) offerings." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card data-testid="covered-persons">
          <CardHeader>
            <CardTitle>Covered persons</CardTitle>
            <CardDescription>Directors, officers, 20% owners, promoters and paid solicitors: each inquired into, with any disqualifying event (17 CFR 230.506(d)).</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-5">
            {current.length === 0 && <p className="text-sm text-muted-foreground">None recorded.</p>}
            {current.map((p) => (
              <div key={p.id} className="grid gap-2 border-b border-border pb-4" data-testid="covered-person">
                <p className="font-medium">
                  {p.name} <span className="text-sm font-normal text-muted-foreground">· {humanize(p.role)}</span>
                </p>
                <p className="text-xs text-muted-foreground" data-testid="covered-person-inquiry">
                  {p.inquiry ? `Inquiry on ${formatDate(p.inquiry.at)}: ${p.inquiry.method}` : 'No inquiry recorded yet'}
                </p>
                {p.events.length > 0 && (
                  <ul className="grid gap-1 text-xs" data-testid="covered-person-events">
                    {p.events.map((e) => (
                      <li key={e.id}>
                        {humanize(e.eventType)} · {e.eventDate} · {e.orderReference} · <strong>{EFFECT[e.effect] ?? e.effect}</strong>
                      </li>
                    ))}
                  </ul>
                )}
                {!p.inquiry && <InquiryForm personId={p.id} name={p.name} />}
                <details className="text-sm">
                  <summary className="cursor-pointer text-muted-foreground">Record a disqualifying event</summary>
                  <div className="mt-2">
                    <DisqualifyingEventForm personId={p.id} name={p.name} />
                  </div>
                </details>
              </div>
            ))}
            <CoveredPersonForm />
          </CardContent>
        </Card>
        <Card data-testid="bad-actor-certification">
          <CardHeader>
            <CardTitle>Bad-actor certification</CardTitle>
            <CardDescription>
              {certification
                ? `Last certified on ${formatDate(certification.certifiedAt)}; ${certification.current ? `valid until ${formatDate(certification.validUntil)}` : 'expired: certify again'}.`
                : 'Your Rule 506, Regulation Crowdfunding and Regulation A offerings sell only after you certify (17 CFR 230.506(d), 227.503).'}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <CertificationForm needsDisclosure={needsDisclosure} />
          </CardContent>
        </Card>
        {regCfDeals.map(({ deal, changes }) => (
          <Card key={`cf-${deal.id}`} className="lg:col-span-2" data-testid="material-changes">
            <CardHeader>
              <CardTitle>Material changes: {deal.title}</CardTitle>
              <CardDescription>After a material change every investor with a commitment must reconfirm within five business days, or the commitment is cancelled (17 CFR 227.304(c)).</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              {changes.length > 0 && (
                <ul className="grid gap-1 text-sm" data-testid="material-change-list">
                  {changes.map((c) => (
                    <li key={c.id}>
                      {formatDate(c.recordedAt)} · {c.kinds.map(humanize).join(', ')} · reconfirm by {formatDate(c.reconfirmBy)} · {c.reconfirmed} of {c.commitmentsNotified} reconfirmed, {c.cancelled} cancelled
                    </li>
                  ))}
                </ul>
              )}
              <MaterialChangeForm dealId={deal.id} />
            </CardContent>
          </Card>
        ))}
        {invitations.map(({ deal, invitations: list }) => (
          <Card key={deal.id} className="lg:col-span-2" data-testid="deal-invitations">
            <CardHeader>
              <CardTitle>Invitations: {deal.title}</CardTitle>
              <CardDescription>A Rule 506(b) offering is shown only to members with a pre-existing relationship: record the ones you have (17 CFR 230.502(c)).</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              {list.length > 0 && (
                <ul className="grid gap-1 text-sm" data-testid="invitation-list">
                  {list.map((i) => (
                    <li key={i.userId}>
                      {i.email}
                      {i.note ? ` · ${i.note}` : ''} · {formatDate(i.invitedAt)}
                    </li>
                  ))}
                </ul>
              )}
              <InvitationForm dealId={deal.id} />
            </CardContent>
          </Card>
        ))}
      </div>
    </>
  );
}
