import { FileBarChart } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { browseDeals } from '@/server/deals/browse';
import { listDealsQuery } from '@/server/deals/schema';
import { EmptyState } from '@/ui/empty-state';
import { formatMoney } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent } from '@/ui/primitives/card';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { StatusBadge } from '@/ui/status-badge';
import { requireSession } from '../../session';
import { ComplianceNav } from '../compliance-nav';

export const metadata: Metadata = { title: 'Deal reports' };

/** Every deal that can have investors: open one for its compliance summary, Form D figures and investor CSV. */
export default async function ComplianceReportsPage() {
  const { tenant, principal } = await requireSession('/compliance/reports', ['compliance_officer', 'tenant_admin']);
  const { deals } = await browseDeals(tenant, principal, listDealsQuery.parse({ limit: 100 }));
  const reportable = deals.filter((d) => d.status !== 'draft' && d.status !== 'pending_review');
  return (
    <>
      <PageHeader title="Deal reports" description="Per deal: who invested in compliance terms, the Form D figures and the investor list as CSV." />
      <ComplianceNav current="/compliance/reports" />
      {reportable.length === 0 ? (
        <EmptyState icon={FileBarChart} title="No published deals yet">
          Reports appear once a deal is live.
        </EmptyState>
      ) : (
        <Card>
          <CardContent className="px-2 pt-2 sm:px-5">
            <Table stacked>
              <caption className="sr-only">Deals</caption>
              <THead stacked>
                <tr>
                  <TH scope="col">Deal</TH>
                  <TH scope="col">Status</TH>
                  <TH scope="col">Raised</TH>
                  <TH scope="col">Investors</TH>
                </tr>
              </THead>
              <TBody stacked>
                {reportable.map((d) => (
                  <TR key={d.id} stacked data-testid="report-deal">
                    <TD className="max-md:p-0">
                      <Link href={`/compliance/reports/${d.id}`} className="font-medium text-primary-text hover:underline">
                        {d.title}
                      </Link>
                    </TD>
                    <TD label="Status">
                      <StatusBadge status={d.status} />
                    </TD>
                    <TD label="Raised">{formatMoney(d.progress.raised, d.currency, { compact: true })}</TD>
                    <TD label="Investors" className="tabular-nums">
                      {d.progress.investors}
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
