import { ArrowLeft, Download } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { dealInvestorReport, formDReport } from '@/server/compliance/reports';
import { NotFound } from '@/server/errors';
import { idParams } from '@/server/http/params';
import { formatDate, formatDateTime, formatMoney, humanize } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Alert } from '@/ui/primitives/alert';
import { buttonVariants } from '@/ui/primitives/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { StatusBadge } from '@/ui/status-badge';
import { verificationLevelLabel } from '@/ui/status-labels';
import { pageMeta } from '../../../page-meta';
import { requireSession } from '../../../session';
import { ComplianceNav } from '../../compliance-nav';

export const metadata: Metadata = { title: 'Deal report' };

async function load(id: string) {
  const { tenant, principal } = await requireSession(`/compliance/reports/${id}`, ['compliance_officer', 'tenant_admin']);
  if (!idParams.safeParse({ id }).success) notFound();
  try {
    const meta = await pageMeta();
    const [report, formD] = await Promise.all([dealInvestorReport(tenant, principal, id, meta), formDReport(tenant, principal, id, meta)]);
    return { report, formD };
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
}

function Facts({ rows, testId }: { rows: [string, string][]; testId?: string }) {
  return (
    <dl className="grid gap-x-4 gap-y-1.5 text-sm sm:grid-cols-[auto_1fr]" data-testid={testId}>
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-muted-foreground">{k}</dt>
          <dd className="font-medium break-words">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

const yesNo = (v: boolean | null) => (v === null ? '—' : v ? 'Yes' : 'No');

/** One deal in compliance terms: the summary, the Form D figures, the investors, and the CSV. */
export default async function DealReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { report, formD } = await load(id);
  const c = report.compliance;
  const money = (v: string) => formatMoney(v, formD.currency);
  const summary: [string, string][] = [['Offering rules', c.regimes.length ? c.regimes.map(humanize).join(', ') : 'None stated']];
  if (c.reg506b) summary.push(['506(b) non-accredited purchasers', `${c.reg506b.nonAccreditedPurchasers} of ${c.reg506b.limit} (last ${c.reg506b.countedAcrossDays} days)`]);
  if (c.badActorCertification) summary.push(['Bad-actor certification', c.badActorCertification.current ? `Current, until ${formatDate(c.badActorCertification.validUntil)}` : 'Missing or expired']);
  if (c.regS) summary.push(['Regulation S category', `${c.regS.category}${c.regS.closedAt ? `, closed ${formatDate(c.regS.closedAt)}` : ''}`]);
  const formDRows: [string, string][] = [
    ['Total offering amount', money(formD.totalOfferingAmount)],
    ['Total amount sold', money(formD.totalAmountSold)],
    ['Committed (sold + pending)', money(formD.totalCommitted)],
    ['Remaining', money(formD.totalRemaining)],
    ['Investors', `${formD.investors.total} (${formD.investors.accredited} accredited, ${formD.investors.nonAccredited} non-accredited)`],
    ['Date of first sale', formD.dateOfFirstSale ? formatDateTime(formD.dateOfFirstSale) : 'No sale yet'],
  ];
  if (formD.formD) formDRows.push(['Form D due', formD.formD.dueOn ? formatDate(formD.formD.dueOn) : 'After the first sale'], ['Form D filed', formD.formD.filed ? `Yes, on ${formatDate(formD.formD.filedOn)}` : 'Not yet']);
  return (
    <>
      <Link href="/compliance/reports" className="mb-6 inline-flex items-center gap-1.5 rounded-md text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> Deal reports
      </Link>
      <PageHeader
        title={report.deal.title}
        description="Compliance report. Opening it is recorded in the audit log."
        actions={
          <a href={`/api/compliance/reports/deals/${report.deal.id}/csv`} className={buttonVariants({ variant: 'outline', size: 'sm' })} data-testid="report-csv" download>
            <Download aria-hidden /> Investors as CSV
          </a>
        }
      />
      <ComplianceNav current="/compliance/reports" />
      {c.formD?.overdue && (
        <Alert tone="error" className="mb-6">
          Form D is overdue: it was due on {formatDate(c.formD.dueOn)} and no initial filing is recorded.
        </Alert>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Summary</CardTitle>
          </CardHeader>
          <CardContent>
            <Facts rows={summary} testId="report-summary" />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Form D figures</CardTitle>
            <CardDescription>Items 13 and 14: offered, sold and the investors counted by accreditation at sale.</CardDescription>
          </CardHeader>
          <CardContent>
            <Facts rows={formDRows} testId="report-form-d" />
          </CardContent>
        </Card>
      </div>
      <Card className="mt-6">
        <CardHeader>
          <CardTitle>Investors</CardTitle>
        </CardHeader>
        <CardContent className="px-2 sm:px-5">
          {report.investors.length === 0 ? (
            <p className="px-3 text-sm text-muted-foreground">No one has invested in this deal yet.</p>
          ) : (
            <Table stacked>
              <caption className="sr-only">Investors of {report.deal.title}</caption>
              <THead stacked>
                <tr>
                  <TH scope="col">Investor</TH>
                  <TH scope="col">KYC</TH>
                  <TH scope="col">Level</TH>
                  <TH scope="col">Accredited at sale</TH>
                  <TH scope="col">Residence</TH>
                  <TH scope="col">U.S. person</TH>
                  <TH scope="col" className="text-right">
                    Confirmed
                  </TH>
                  <TH scope="col" className="text-right">
                    Pending
                  </TH>
                </tr>
              </THead>
              <TBody stacked>
                {report.investors.map((r) => (
                  <TR key={r.investorId} stacked data-testid="report-investor">
                    <TD className="max-md:p-0">
                      <p className="font-medium">{r.name}</p>
                      <p className="text-xs break-all text-muted-foreground">{r.email}</p>
                    </TD>
                    <TD label="KYC">
                      <StatusBadge status={r.kycStatus} />
                    </TD>
                    <TD label="Level">{verificationLevelLabel(r.verificationLevel)}</TD>
                    <TD label="Accredited at sale">{yesNo(r.accreditedAtSale)}</TD>
                    <TD label="Residence">{r.residenceCountry ?? '—'}</TD>
                    <TD label="U.S. person">{yesNo(r.isUsPerson)}</TD>
                    <TD label="Confirmed" className="text-right tabular-nums">
                      {money(r.confirmed)}
                    </TD>
                    <TD label="Pending" className="text-right tabular-nums">
                      {money(r.pending)}
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
