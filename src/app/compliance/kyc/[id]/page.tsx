import { ArrowLeft, Check, Download, RotateCcw, X } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { NotFound } from '@/server/errors';
import { idParams } from '@/server/http/params';
import { getForReview } from '@/server/kyc/review';
import { DecisionDialog } from '@/ui/decision-dialog';
import { formatDateTime, humanize } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Alert } from '@/ui/primitives/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { StatusBadge } from '@/ui/status-badge';
import { pageMeta } from '../../../page-meta';
import { requireSession } from '../../../session';
import { ComplianceNav } from '../../compliance-nav';

export const metadata: Metadata = { title: 'KYC application' };

const DECIDABLE = ['submitted', 'pending'];
const kb = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${Math.round(bytes / 1024)} kB`);

async function load(id: string) {
  const { tenant, principal } = await requireSession(`/compliance/kyc/${id}`, ['compliance_officer', 'tenant_admin']);
  if (!idParams.safeParse({ id }).success) notFound();
  try {
    return { principal, app: await getForReview(tenant, principal, id, await pageMeta()) };
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
}

/** One application: its documents (each download audited), its history, and the decision. */
export default async function KycApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { principal, app } = await load(id);
  const path = `/api/compliance/kyc/applications/${app.id}/decision`;
  const own = app.userId === principal.userId;
  return (
    <>
      <Link href="/compliance/kyc" className="mb-6 inline-flex items-center gap-1.5 rounded-md text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> KYC reviews
      </Link>
      <PageHeader
        title={app.applicant ? `${app.applicant.firstName} ${app.applicant.lastName}`.trim() || app.applicant.email : 'KYC application'}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={app.status} /> {app.applicant?.email ? `${app.applicant.email} · ` : ''}
            {humanize(app.levelRequested)} level · {humanize(app.provider)} · since {formatDateTime(app.createdAt)}
          </span>
        }
      />
      <ComplianceNav current="/compliance/kyc" />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <Card>
          <CardHeader>
            <CardTitle>Documents</CardTitle>
            <CardDescription>Each download is recorded in the audit log.</CardDescription>
          </CardHeader>
          <CardContent>
            {app.documents.length === 0 ? (
              <p className="text-sm text-muted-foreground">The applicant has not uploaded a document.</p>
            ) : (
              <ul className="grid divide-y divide-border" data-testid="kyc-documents">
                {app.documents.map((d) => (
                  <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-3 first:pt-0">
                    <div>
                      <p className="font-medium">{humanize(d.kind)}</p>
                      <p className="text-xs text-muted-foreground">
                        {d.mime} · {kb(d.size)} · uploaded {formatDateTime(d.uploadedAt)}
                      </p>
                    </div>
                    <a href={`/api/compliance/kyc/applications/${app.id}/documents/${d.id}`} className="inline-flex items-center gap-1.5 text-sm font-medium text-primary-text hover:underline">
                      <Download className="size-4" aria-hidden /> Download<span className="sr-only"> {humanize(d.kind)}</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Decision</CardTitle>
            <CardDescription>The applicant is told by email; a reason is required to reject or to ask for changes.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-3">
            {app.decisionReason && (
              <p className="text-sm">
                <span className="font-medium">Reason given:</span> {app.decisionReason}
              </p>
            )}
            {app.reviewedAt && <p className="text-xs text-muted-foreground">Decided {formatDateTime(app.reviewedAt)}</p>}
            {own ? (
              <Alert>You cannot decide your own verification; another reviewer must.</Alert>
            ) : DECIDABLE.includes(app.status) ? (
              <div className="flex flex-wrap gap-2" data-testid="kyc-decision">
                <DecisionDialog
                  label="Approve"
                  icon={<Check aria-hidden />}
                  title="Approve this application?"
                  description="The investor's verification level rises and any money they hold in escrow can be released."
                  confirmLabel="Approve"
                  path={path}
                  json={{ decision: 'approve' }}
                  text={{ name: 'reason', label: 'Note (optional)', hint: 'What you checked; kept with the decision.' }}
                />
                <DecisionDialog
                  label="Request changes"
                  icon={<RotateCcw aria-hidden />}
                  variant="outline"
                  title="Ask for changes"
                  description="The applicant can upload new documents and submit again."
                  confirmLabel="Request changes"
                  path={path}
                  json={{ decision: 'retry' }}
                  text={{ name: 'reason', label: 'What must change', required: true, minLength: 3 }}
                />
                <DecisionDialog
                  label="Reject"
                  icon={<X aria-hidden />}
                  variant="destructive"
                  title="Reject this application?"
                  description="A rejection is final for this application; money held in escrow for the applicant is refunded."
                  confirmLabel="Reject"
                  path={path}
                  json={{ decision: 'reject' }}
                  text={{ name: 'reason', label: 'Reason', required: true, minLength: 3 }}
                />
              </div>
            ) : (
              <p className="text-sm text-muted-foreground">This application is {humanize(app.status).toLowerCase()}; there is nothing to decide.</p>
            )}
          </CardContent>
        </Card>
      </div>
      {(app.checks.length > 0 || app.events.length > 0) && (
        <Card className="mt-6">
          <CardHeader>
            <CardTitle>History</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-2 text-sm">
              {app.checks.map((c, i) => (
                <li key={`c${i}`}>
                  {humanize(c.check)} check {c.outcome} ({humanize(c.source)}) · {formatDateTime(c.at)}
                </li>
              ))}
              {app.events.map((e, i) => (
                <li key={`e${i}`}>
                  Provider event {e.type}
                  {e.status ? ` → ${humanize(e.status)}` : ''} · {formatDateTime(e.receivedAt)}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      )}
    </>
  );
}
