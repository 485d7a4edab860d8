import { FileText } from 'lucide-react';
import type { Metadata } from 'next';
import { listOwnIssuerDocuments } from '@/server/documents/issuer-documents';
import { NotFound } from '@/server/errors';
import { getOwnIssuer } from '@/server/issuers/service';
import { formatDate, formatDateTime } from '@/ui/format';
import { IssuerDocumentUpload, IssuerProfileForm } from '@/ui/issuer-actions';
import { PageHeader } from '@/ui/page-header';
import { Alert } from '@/ui/primitives/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { StatusBadge } from '@/ui/status-badge';
import { requireSession } from '../../session';

export const metadata: Metadata = { title: 'Issuer profile' };

export default async function IssuerProfilePage() {
  const { tenant, principal } = await requireSession('/issuer/profile', ['issuer']);
  const issuer = await getOwnIssuer(tenant, principal).catch((e) => {
    if (e instanceof NotFound) return null;
    throw e;
  });
  if (!issuer)
    return (
      <>
        <PageHeader title="Issuer profile" description="The legal entity that raises the money." />
        <Card className="max-w-2xl">
          <CardHeader>
            <CardTitle>Create your issuer profile</CardTitle>
            <CardDescription>The platform team verifies the legal entity before your first deal can go live.</CardDescription>
          </CardHeader>
          <CardContent>
            <IssuerProfileForm />
          </CardContent>
        </Card>
      </>
    );
  const { documents } = await listOwnIssuerDocuments(tenant, principal);
  const le = issuer.legalEntity;
  return (
    <>
      <PageHeader title="Issuer profile" description={<StatusBadge status={issuer.status} />} />
      {issuer.status === 'pending' && (
        <Alert tone="info" title="Waiting for verification" className="mb-6">
          The platform team checks the legal entity and its documents; you can prepare drafts meanwhile.
        </Alert>
      )}
      {(issuer.status === 'rejected' || issuer.status === 'suspended') && issuer.reviewReason && (
        <Alert tone="error" title={issuer.status === 'rejected' ? 'Verification refused' : 'Profile suspended'} className="mb-6">
          {issuer.reviewReason}
        </Alert>
      )}
      {issuer.status === 'verified' && (
        <p className="mb-6 text-sm text-muted-foreground">
          Verified {formatDate(issuer.reviewedAt)}
          {issuer.reviewReason ? `: ${issuer.reviewReason}` : ''}
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <Card>
          <CardHeader>
            <CardTitle>Legal entity and public profile</CardTitle>
            <CardDescription>Investors see the public name; the platform team verifies the legal entity.</CardDescription>
          </CardHeader>
          <CardContent>
            <IssuerProfileForm
              verified={issuer.status === 'verified'}
              initial={{
                legalEntity: { name: le.name, entityType: le.entityType, jurisdiction: le.jurisdiction, registrationNumber: le.registrationNumber, address: le.address },
                profile: { displayName: issuer.profile.displayName, website: issuer.profile.website ?? undefined, contactEmail: issuer.profile.contactEmail ?? undefined },
              }}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Documents</CardTitle>
            <CardDescription>Evidence of the legal entity for the platform team.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {documents.length === 0 ? (
              <p className="text-sm text-muted-foreground">No documents yet.</p>
            ) : (
              <ul className="grid gap-2" data-testid="issuer-documents">
                {documents.map((d) => (
                  <li key={d.id} className="flex items-start gap-2 text-sm">
                    <FileText className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
                    <span className="min-w-0">
                      <a href={d.downloadUrl} className="font-medium break-words hover:underline">
                        {d.title}
                      </a>
                      <span className="block text-xs text-muted-foreground">Uploaded {formatDateTime(d.createdAt)}</span>
                    </span>
                  </li>
                ))}
              </ul>
            )}
            <IssuerDocumentUpload />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
