import { IdCard } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { listForReview } from '@/server/kyc/review';
import { reviewListQuery } from '@/server/kyc/schema';
import { EmptyState } from '@/ui/empty-state';
import { formatDateTime } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent } from '@/ui/primitives/card';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { FilterLinks } from '@/ui/section-nav';
import { StatusBadge } from '@/ui/status-badge';
import { humanize } from '@/ui/format';
import { pageMeta } from '../../page-meta';
import { requireSession } from '../../session';
import { ComplianceNav } from '../compliance-nav';

export const metadata: Metadata = { title: 'KYC reviews' };

const FILTERS = [
  ['', 'Waiting for a decision'],
  ['retry', 'Changes requested'],
  ['approved', 'Approved'],
  ['rejected', 'Rejected'],
] as const;

/** Identity applications: the waiting ones by default, decided ones by filter. */
export default async function KycReviewListPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { tenant, principal } = await requireSession('/compliance/kyc', ['compliance_officer', 'tenant_admin']);
  const { status } = await searchParams;
  const parsed = reviewListQuery.safeParse({ status: status || undefined, limit: 100 });
  const q = parsed.success ? parsed.data : reviewListQuery.parse({ limit: 100 });
  const { applications } = await listForReview(tenant, principal, q, await pageMeta());
  return (
    <>
      <PageHeader title="KYC reviews" description="Identity applications with their documents. Open one to see the documents and decide." />
      <ComplianceNav current="/compliance/kyc" />
      <FilterLinks label="Application status" base="/compliance/kyc" param="status" options={FILTERS} current={q.status ?? ''} />
      {applications.length === 0 ? (
        <EmptyState icon={IdCard} title="No applications here">
          {q.status ? 'No application has this status.' : 'No application is waiting for a decision.'}
        </EmptyState>
      ) : (
        <Card>
          <CardContent className="px-2 pt-2 sm:px-5">
            <Table stacked>
              <caption className="sr-only">KYC applications</caption>
              <THead stacked>
                <tr>
                  <TH scope="col">Applicant</TH>
                  <TH scope="col">Level</TH>
                  <TH scope="col">Provider</TH>
                  <TH scope="col">Documents</TH>
                  <TH scope="col">Status</TH>
                  <TH scope="col">Since</TH>
                </tr>
              </THead>
              <TBody stacked>
                {applications.map((a) => (
                  <TR key={a.id} stacked data-testid="kyc-row">
                    <TD className="max-md:p-0">
                      <Link href={`/compliance/kyc/${a.id}`} className="font-medium break-words text-primary-text hover:underline">
                        {a.applicant.firstName} {a.applicant.lastName}
                      </Link>
                      <p className="text-xs break-all text-muted-foreground">{a.applicant.email}</p>
                    </TD>
                    <TD label="Level">{humanize(a.levelRequested)}</TD>
                    <TD label="Provider">{humanize(a.provider)}</TD>
                    <TD label="Documents" className="tabular-nums">
                      {a.documentCount}
                    </TD>
                    <TD label="Status">
                      <StatusBadge status={a.status} />
                    </TD>
                    <TD label="Since" className="text-xs text-muted-foreground">
                      {formatDateTime(a.createdAt)}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </CardContent>
        </Card>
      )}
    </>
  );
}
