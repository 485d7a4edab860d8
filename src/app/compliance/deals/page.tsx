import type { Metadata } from 'next';
import Link from 'next/link';
import { browseDeals } from '@/server/deals/browse';
import { listDealsQuery } from '@/server/deals/schema';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent } from '@/ui/primitives/card';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { StatusBadge } from '@/ui/status-badge';
import { requireSession } from '../../session';

export const metadata: Metadata = { title: 'Offerings' };

/** The tenant's live offerings, each linking to its compliance summary and Form D filings (17 CFR 230.503). */
export default async function ComplianceDealsPage() {
  const { tenant, principal } = await requireSession('/compliance/deals', ['compliance_officer', 'tenant_admin']);
  const { deals } = await browseDeals(tenant, principal, listDealsQuery.parse({ limit: 100 }));
  return (
    <>
      <PageHeader title="Offerings" description="Per offering: the 506(b) count, Form D deadline and filings, bad-actor certification and Regulation S category." />
      <Card>
        <CardContent className="pt-6">
          {deals.length === 0 ? (
            <p className="text-sm text-muted-foreground">No live offering.</p>
          ) : (
            <Table>
              <THead>
                <TR>
                  <TH scope="col">Offering</TH>
                  <TH scope="col">Status</TH>
                  <TH scope="col">Issuer</TH>
                </TR>
              </THead>
              <TBody>
                {deals.map((d) => (
                  <TR key={d.id}>
                    <TD>
                      <Link href={`/compliance/deals/${d.id}/form-d`} className="font-medium hover:underline">
                        {d.title}
                      </Link>
                    </TD>
                    <TD>
                      <StatusBadge status={d.status} />
                    </TD>
                    <TD>{d.issuer.name}</TD>
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
