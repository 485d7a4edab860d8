import { Building2 } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { listIssuerDocumentsForReview } from '@/server/documents/issuer-documents';
import { listIssuersForReview, type IssuerAddress } from '@/server/issuers/service';
import { IssuerDecision } from '@/ui/admin-actions';
import { EmptyState } from '@/ui/empty-state';
import { formatDate } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent } from '@/ui/primitives/card';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { StatusBadge } from '@/ui/status-badge';
import { entityTypeLabel } from '@/ui/status-labels';
import { requireSession } from '../../session';
import { AdminNav } from '../admin-nav';

export const metadata: Metadata = { title: 'Issuers' };

const addressLine = (a: IssuerAddress) => [a.line1, a.city, a.postalCode, a.country].filter(Boolean).join(', ');

export default async function AdminIssuersPage() {
  const { tenant, principal } = await requireSession('/admin/issuers', ['tenant_admin']);
  const { issuers } = await listIssuersForReview(tenant, principal);
  // The evidence beside each issuer still waiting for a decision.
  const evidence = new Map(
    await Promise.all(issuers.filter((i) => i.status !== 'verified').map(async (i) => [i.id, (await listIssuerDocumentsForReview(tenant, principal, i.id)).documents] as const)),
  );
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
            <Table stacked>
              <caption className="sr-only">Issuer profiles</caption>
              <THead stacked>
                <tr>
                  <TH scope="col">Issuer</TH>
                  <TH scope="col">Legal entity</TH>
                  <TH scope="col">Documents</TH>
                  <TH scope="col">Status</TH>
                  <TH scope="col">
                    <span className="sr-only">Decision</span>
                  </TH>
                </tr>
              </THead>
              <TBody stacked>
                {issuers.map((i) => (
                  <TR key={i.id} stacked data-testid="issuer-row">
                    <TD className="max-md:p-0">
                      <p className="font-medium">{i.profile.displayName}</p>
                      <p className="text-xs text-muted-foreground">Since {formatDate(i.createdAt)}</p>
                    </TD>
                    <TD label="Legal entity">
                      <p>{i.legalEntity.name}</p>
                      <p className="text-xs text-muted-foreground">
                        {entityTypeLabel(i.legalEntity.entityType)} · {i.legalEntity.jurisdiction} · {i.legalEntity.registrationNumber}
                      </p>
                      {addressLine(i.legalEntity.address) && <p className="text-xs text-muted-foreground">{addressLine(i.legalEntity.address)}</p>}
                    </TD>
                    <TD label="Documents">
                      {i.status === 'verified' ? (
                        <span className="text-xs text-muted-foreground">Checked {formatDate(i.reviewedAt)}</span>
                      ) : (evidence.get(i.id) ?? []).length === 0 ? (
                        <span className="text-xs text-muted-foreground">None uploaded</span>
                      ) : (
                        <ul className="grid gap-1 text-sm" data-testid="issuer-evidence">
                          {evidence.get(i.id)!.map((d) => (
                            <li key={d.id}>
                              <a href={d.downloadUrl} className="font-medium break-words text-primary-text hover:underline">
                                {d.title}
                              </a>
                            </li>
                          ))}
                        </ul>
                      )}
                    </TD>
                    <TD label="Status">
                      <StatusBadge status={i.status} />
                      <Link href={`/admin/issuers/${i.id}/affiliates`} className="mt-1 block text-xs font-medium text-primary-text hover:underline">
                        Affiliates
                      </Link>
                    </TD>
                    <TD className="text-right max-md:p-0 max-md:pt-1 max-md:text-left">{i.status !== 'verified' && i.userId !== principal.userId && <IssuerDecision issuerId={i.id} name={i.profile.displayName} />}</TD>
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
