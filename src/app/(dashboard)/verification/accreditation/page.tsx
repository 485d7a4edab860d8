import { ArrowLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ownAccreditations } from '@/server/compliance/accreditation';
import { ownCountingDeclaration } from '@/server/compliance/purchaser-counting';
import { AccreditationForm, PurchaserCountingForm } from '@/ui/compliance-forms';
import { formatDate, humanize } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { StatusBadge } from '@/ui/status-badge';
import { requireSession } from '../../../session';

export const metadata: Metadata = { title: 'Accredited investor verification' };

/** The investor submits evidence of accredited status (17 CFR 230.501(a), 230.506(c)(2)(ii)) and follows its review. */
export default async function AccreditationPage() {
  const { tenant, principal } = await requireSession('/verification/accreditation');
  const [{ accreditations }, { declaration }] = await Promise.all([ownAccreditations(tenant, principal), ownCountingDeclaration(tenant, principal)]);
  return (
    <>
      <Link href="/verification" className="mb-6 inline-flex items-center gap-1.5 rounded-md text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> Verification
      </Link>
      <PageHeader title="Accredited investor verification" description="Some offerings (Rule 506(c)) are open only to verified accredited investors; accredited status also lifts the crowdfunding limit." />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <Card>
          <CardHeader>
            <CardTitle>Submit evidence</CardTitle>
            <CardDescription>Choose what shows you are accredited and give the figures; a reviewer checks them against the documents.</CardDescription>
          </CardHeader>
          <CardContent>
            <AccreditationForm />
          </CardContent>
        </Card>
        <Card className="lg:col-span-2 lg:order-last" data-testid="purchaser-counting">
          <CardHeader>
            <CardTitle>Counting as a purchaser (Rule 506(b))</CardTitle>
            <CardDescription>
              {declaration
                ? `On record: ${humanize(declaration.kind)}${declaration.countedWithEmail ? ` with ${declaration.countedWithEmail}` : ''}${declaration.nonAccreditedOwners ? `, ${declaration.nonAccreditedOwners} non-accredited owners` : ''}.`
                : 'Rule 506(b) offerings admit at most 35 non-accredited investors. A relative sharing another investor’s home, or an entity they control, counts as one with them; an entity formed to invest counts each owner (17 CFR 230.501(e)).'}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <PurchaserCountingForm current={declaration} />
          </CardContent>
        </Card>
        <Card data-testid="accreditations">
          <CardHeader>
            <CardTitle>Your submissions</CardTitle>
          </CardHeader>
          <CardContent>
            {accreditations.length === 0 ? (
              <p className="text-sm text-muted-foreground">Nothing submitted yet.</p>
            ) : (
              <ul className="grid divide-y divide-border text-sm">
                {accreditations.map((a) => (
                  <li key={a.id} className="grid gap-1 py-3 first:pt-0" data-testid="accreditation-row">
                    <p className="font-medium">{humanize(a.method)}</p>
                    <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                      <StatusBadge status={a.status} /> submitted {formatDate(a.submittedAt)}
                      {a.expiresAt && <> · valid until {formatDate(a.expiresAt)}</>}
                    </div>
                    {a.decisionReason && <p className="text-xs text-muted-foreground">Reviewer&rsquo;s note: {a.decisionReason}</p>}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
