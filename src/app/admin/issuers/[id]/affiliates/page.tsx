import { ArrowLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { issuerAffiliatesView } from '@/server/compliance/issuer-affiliates';
import { AppError } from '@/server/errors';
import { AffiliateForm } from '@/ui/compliance-forms';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { requireSession } from '../../../../session';

export const metadata: Metadata = { title: 'Issuer affiliates' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The issuers controlled by or under common control with this one: their Reg CF sales share $5,000,000 per 12 months (17 CFR 227.100(a)(1)). */
export default async function IssuerAffiliatesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { tenant, principal } = await requireSession(`/admin/issuers/${id}/affiliates`, ['tenant_admin']);
  if (!UUID.test(id)) notFound();
  let view;
  try {
    view = await issuerAffiliatesView(tenant, principal, id);
  } catch (e) {
    if (e instanceof AppError && e.status === 404) notFound();
    throw e;
  }
  return (
    <>
      <Link href="/admin/issuers" className="mb-6 inline-flex items-center gap-1.5 rounded-md text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> Issuers
      </Link>
      <PageHeader title={`Affiliates of ${view.issuer.name}`} description="Issuers that control, are controlled by or are under common control with this one." />
      <Card className="max-w-2xl">
        <CardHeader>
          <CardTitle>Affiliated issuers</CardTitle>
          <CardDescription>Their Regulation Crowdfunding sales count together toward $5,000,000 in 12 months.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {view.affiliates.length === 0 ? (
            <p className="text-sm text-muted-foreground">None recorded.</p>
          ) : (
            <ul className="grid gap-1 text-sm" data-testid="affiliate-list">
              {view.affiliates.map((a) => (
                <li key={a.id}>{a.name}</li>
              ))}
            </ul>
          )}
          {view.others.length > 0 && <AffiliateForm issuerId={view.issuer.id} others={view.others} />}
        </CardContent>
      </Card>
    </>
  );
}
