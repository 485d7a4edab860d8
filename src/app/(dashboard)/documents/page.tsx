import { FileText } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { listOwnInvestorDocuments } from '@/server/documents/investor-documents';
import { getOwnKyc } from '@/server/kyc/investor';
import { InvestorDocumentUpload } from '@/ui/investor-documents';
import { EmptyState } from '@/ui/empty-state';
import { formatDateTime, humanize } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { requireSession } from '../../session';

export const metadata: Metadata = { title: 'Your documents' };

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1000))} kB`;

/** The investor's own documents (GET/POST /api/investor/documents) and the identity documents of their KYC. */
export default async function InvestorDocumentsPage() {
  const { tenant, principal } = await requireSession('/documents', ['investor']);
  const [{ documents }, kyc] = await Promise.all([listOwnInvestorDocuments(tenant, principal), getOwnKyc(tenant, principal)]);
  const kycDocs = kyc.applications.flatMap((a) => a.documents.map((d) => ({ ...d, applicationStatus: a.status })));
  return (
    <>
      <PageHeader title="Your documents" description="Proof of funds, signed subscriptions and tax forms you share with the platform, and the identity documents of your verification." />
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <div className="grid content-start gap-6">
          {documents.length === 0 ? (
            <EmptyState icon={FileText} title="No documents yet">
              Upload what an offering asks of you; only you and the compliance team can open it.
            </EmptyState>
          ) : (
            <Card>
              <CardHeader>
                <CardTitle>Documents you uploaded</CardTitle>
              </CardHeader>
              <CardContent>
                <ul className="grid divide-y divide-border" data-testid="investor-documents">
                  {documents.map((d) => (
                    <li key={d.id} className="py-3 first:pt-0">
                      <a href={d.downloadUrl} className="font-medium break-words text-primary-text hover:underline">
                        {d.title}
                      </a>
                      <p className="text-xs text-muted-foreground">
                        {humanize(d.kind)} · {d.versions[0] ? `${d.versions[0].fileName} · ${kb(d.versions[0].sizeBytes)} · ` : ''}uploaded {formatDateTime(d.createdAt)}
                      </p>
                    </li>
                  ))}
                </ul>
              </CardContent>
            </Card>
          )}
          <Card>
            <CardHeader>
              <CardTitle>Identity documents</CardTitle>
              <CardDescription>
                Sent with your verification. <Link href="/verification" className="font-medium text-primary-text hover:underline">Verification status</Link>
              </CardDescription>
            </CardHeader>
            <CardContent>
              {kycDocs.length === 0 ? (
                <p className="text-sm text-muted-foreground">None: your verification has no uploaded documents{kyc.provider === 'manual' ? '' : ` (${humanize(kyc.provider)} keeps them)`}.</p>
              ) : (
                <ul className="grid gap-1 text-sm" data-testid="kyc-documents">
                  {kycDocs.map((d) => (
                    <li key={d.id}>
                      {humanize(d.kind)} · {d.mime} · {kb(d.size)} · {formatDateTime(d.uploadedAt)}
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        </div>
        <Card className="self-start">
          <CardHeader>
            <CardTitle>Upload a document</CardTitle>
            <CardDescription>PDF or image, 25 MB at most.</CardDescription>
          </CardHeader>
          <CardContent>
            <InvestorDocumentUpload />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
