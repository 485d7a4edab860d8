import { ArrowLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { issuerCoveredPersons } from '@/server/compliance/covered-persons';
import { dealComplianceSummary } from '@/server/compliance/deal-summary';
import { getDeal } from '@/server/deals/browse';
import { AppError } from '@/server/errors';
import { FormDFilingForm, WaiverForm } from '@/ui/compliance-forms';
import { formatDate, humanize } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Alert } from '@/ui/primitives/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { requireSession } from '../../../../session';

export const metadata: Metadata = { title: 'Form D and offering compliance' };

function Row({ label, value, testId }: { label: string; value: React.ReactNode; testId?: string }) {
  return (
    <div className="flex items-start justify-between gap-3">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="text-right" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** One offering as compliance sees it (230.506(b), 230.503, 230.506(d), 230.903(b)), and the Form D filings recorded for it. */
export default async function FormDPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { tenant, principal } = await requireSession(`/compliance/deals/${id}/form-d`, ['compliance_officer', 'tenant_admin']);
  let deal, summary;
  try {
    [deal, summary] = await Promise.all([getDeal(tenant, principal, id), dealComplianceSummary(tenant, principal, id)]);
  } catch (e) {
    if (e instanceof AppError && (e.status === 404 || e.status === 400)) notFound();
    throw e;
  }
  // 230.506(d): the issuer's covered persons with their events, for the waivers compliance records.
  const persons = summary.badActorCertification ? (await issuerCoveredPersons(tenant, principal, deal.issuer.id)).coveredPersons.filter((p) => !p.removedAt && p.events.length > 0) : [];
  const formD = summary.formD;
  const cert = summary.badActorCertification;
  return (
    <>
      <Link href="/compliance/deals" className="mb-6 inline-flex items-center gap-1.5 rounded-md text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> Offerings
      </Link>
      <PageHeader title={deal.title} description={`Offering rules: ${summary.regimes.length ? summary.regimes.map(humanize).join(', ') : 'none'}`} />
      {formD?.overdue && (
        <Alert tone="error" title="Form D is overdue" className="mb-6">
          It was due on {formatDate(formD.dueOn)}, 15 days after the first sale (17 CFR 230.503(a)). File it on EDGAR and record it below.
        </Alert>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Compliance summary</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-3 text-sm">
              {summary.reg506b && (
                <Row label="Non-accredited purchasers (506(b), 90 days)" value={`${summary.reg506b.nonAccreditedPurchasers} of ${summary.reg506b.limit}`} testId="summary-506b" />
              )}
              {formD && (
                <>
                  <Row label="First sale" value={formD.firstSaleAt ? formatDate(formD.firstSaleAt) : 'None yet'} />
                  <Row label="Form D due" value={formD.dueOn ? formatDate(formD.dueOn) : 'After the first sale'} testId="summary-form-d-due" />
                  <Row label="Form D filed" value={formD.filed ? `Yes, ${formatDate(formD.filedOn)}${formD.filedLate ? ' (late)' : ''}` : 'No'} testId="summary-form-d-filed" />
                </>
              )}
              {cert && (
                <Row
                  label="Bad-actor certification"
                  value={cert.current ? `Current, until ${formatDate(cert.validUntil)}` : cert.certifiedAt ? `Expired ${formatDate(cert.validUntil)}` : 'Missing'}
                  testId="summary-bad-actor"
                />
              )}
              {cert?.coveredPersonsOnRecord && cert.coveredPersonsOnRecord.disqualifying.length > 0 && (
                <Row label="Disqualifying events" value={cert.coveredPersonsOnRecord.disqualifying.map((d) => `${d.name} (${humanize(d.eventType)}, ${d.eventDate})`).join('; ')} />
              )}
              {summary.regS && <Row label="Regulation S category" value={`Category ${summary.regS.category}`} testId="summary-reg-s" />}
            </dl>
          </CardContent>
        </Card>
        {formD ? (
          <Card>
            <CardHeader>
              <CardTitle>Form D filings</CardTitle>
              <CardDescription>The notice is filed on EDGAR within 15 days of the first sale; amendments as the offering changes.</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              {formD.filings.length > 0 && (
                <ul className="grid gap-1 text-sm" data-testid="form-d-filings">
                  {formD.filings.map((f) => (
                    <li key={f.id}>
                      {humanize(f.kind)} · {f.secFileNumber} · {formatDate(f.filedOn)}
                    </li>
                  ))}
                </ul>
              )}
              <FormDFilingForm dealId={deal.id} hasInitial={formD.filed} />
            </CardContent>
          </Card>
        ) : (
          <Card>
            <CardHeader>
              <CardTitle>Form D</CardTitle>
              <CardDescription>Only Regulation D offerings file a Form D.</CardDescription>
            </CardHeader>
          </Card>
        )}
        {persons.length > 0 && (
          <Card className="lg:col-span-2" data-testid="covered-person-events">
            <CardHeader>
              <CardTitle>Covered persons&rsquo; events</CardTitle>
              <CardDescription>An event on or after 23 September 2013 disqualifies the offering unless the Commission waived it (17 CFR 230.506(d)(2)(ii)).</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4 text-sm">
              {persons.flatMap((p) =>
                p.events.map((e) => (
                  <div key={e.id} className="grid gap-2 border-b border-border pb-3 last:border-0" data-testid="covered-person-event">
                    <p>
                      <span className="font-medium">{p.name}</span> ({humanize(p.role)}) · {humanize(e.eventType)} of {e.eventDate} · {e.orderReference} ·{' '}
                      <strong>{e.effect === 'disqualifies' ? 'Disqualifies' : e.effect === 'waived' ? `Waived (${e.waiver?.reference})` : 'Disclosed (before 23 Sept 2013)'}</strong>
                    </p>
                    {e.effect === 'disqualifies' && <WaiverForm eventId={e.id} label={`${p.name}'s ${humanize(e.eventType).toLowerCase()}`} />}
                  </div>
                )),
              )}
            </CardContent>
          </Card>
        )}
      </div>
    </>
  );
}
