import { Building2 } from 'lucide-react';
import type { Metadata } from 'next';
import { listIssuersForReview } from '@/server/issuers/service';
import { IssuerDecision } from '@/ui/admin-actions';
import { EmptyState } from '@/ui/empty-state';
import { formatDate } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent } from '@/ui/primitives/card';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { StatusBadge } from '@/ui/status-badge';
import { requireSession } from '../../session';
import { AdminNav } from '../admin-nav';

export const metadata: Metadata = { title: 'Issuers' };

export default async function AdminIssuersPage() {
  const { tenant, principal } = await requireSession('/admin/issuers', ['tenant_admin']);
  const { issuers } = await listIssuersForReview(tenant, principal);
  return (
    <>
      <PageHeader title="Administration" description="Issuer profiles: verify the legal entity before its deals can be submitted." />
      <AdminNav current="/admin/issuers" />
      {issuers.length === 0 ? (
        <EmptyState icon={Building2} title="No issuers yet">
          Issuer profiles appear here when issuers create them.
        </EmptyState>
      ) : (
        <Card>
          <CardContent className="px-2 pt-2 sm:px-5">
            <Table>
              <caption className="sr-only">Issuer profiles</caption>
              <THead>
                <tr>
                  <TH scope="col">Issuer</TH>
                  <TH scope="col">Legal entity</TH>
                  <TH scope="col">Status</TH>
                  <TH scope="col">
                    <span className="sr-only">Decision</span>
                  </TH>
                </tr>
              </THead>
              <TBody>
                {issuers.map((i) => (
                  <TR key={i.id} data-testid="issuer-row">
                    <TD>
                      <p className="font-medium">{i.profile.displayName}</p>
                      <p className="text-xs text-muted-foreground">Since {formatDate(i.createdAt)}</p>
                    </TD>
                    <TD>
                      <p>{i.legalEntity.name}</p>
                      <p className="text-xs text-muted-foreground">
                        {i.legalEntity.jurisdiction} · {i.legalEntity.registrationNumber}
                      </p>
                    </TD>
                    <TD>
                      <StatusBadge status={i.status} />
                    </TD>
                    <TD className="text-right">{i.status !== 'verified' && i.userId !== principal.userId && <IssuerDecision issuerId={i.id} name={i.profile.displayName} />}</TD>
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
