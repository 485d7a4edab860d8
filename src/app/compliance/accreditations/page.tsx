import { BadgeCheck, Check, X } from 'lucide-react';
import type { Metadata } from 'next';
import { listForReview } from '@/server/compliance/accreditation';
import { accreditationListQuery } from '@/server/compliance/schema';
import { DecisionDialog } from '@/ui/decision-dialog';
import { EmptyState } from '@/ui/empty-state';
import { formatDate, formatDateTime, humanize } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent } from '@/ui/primitives/card';
import { FilterLinks } from '@/ui/section-nav';
import { StatusBadge } from '@/ui/status-badge';
import { pageMeta } from '../../page-meta';
import { requireSession } from '../../session';
import { ComplianceNav } from '../compliance-nav';

export const metadata: Metadata = { title: 'Accreditations' };

const FILTERS = [
  ['pending', 'Waiting'],
  ['approved', 'Approved'],
  ['rejected', 'Rejected'],
] as const;
const METHOD: Record<string, string> = {
  letter_from_professional: 'Letter from a professional',
  income_documents: 'Income documents',
  net_worth_documents: 'Net worth documents',
  category_documents: 'Category documents',
  representation: 'Self-representation',
  reverification: 'Re-verification',
};

/** The evidence as label/value pairs, nested objects flattened one level ("category kind"). */
function evidenceLines(evidence: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(evidence ?? {})) {
    if (v === null || v === undefined || v === '') continue;
    if (typeof v === 'object' && !Array.isArray(v)) {
      for (const [k2, v2] of Object.entries(v as Record<string, unknown>)) if (v2 !== null && v2 !== undefined) out.push([`${humanize(k)}: ${humanize(k2).toLowerCase()}`, typeof v2 === 'object' ? JSON.stringify(v2) : String(v2)]);
    } else out.push([humanize(k), Array.isArray(v) ? JSON.stringify(v) : String(v)]);
  }
  return out;
}

/** Accredited-investor evidence: approve with an expiry, or reject with a reason. */
export default async function AccreditationsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { tenant, principal } = await requireSession('/compliance/accreditations', ['compliance_officer', 'tenant_admin']);
  const { status } = await searchParams;
  const parsed = accreditationListQuery.safeParse({ status: status || undefined, limit: 100 });
  const q = parsed.success ? parsed.data : accreditationListQuery.parse({ limit: 100 });
  const { accreditations } = await listForReview(tenant, principal, q, await pageMeta());
  const today = new Date().toISOString().slice(0, 10);
  // An approval counts for at most a year (ACCREDITATION_VALIDITY_DAYS): the last day offered is inside it.
  const lastDay = new Date(Date.now() + 364 * 86_400_000).toISOString().slice(0, 10);
  return (
    <>
      <PageHeader title="Accreditations" description="Accredited-investor evidence to verify. An approval makes the investor accredited until its expiry." />
      <ComplianceNav current="/compliance/accreditations" />
      <FilterLinks label="Accreditation status" base="/compliance/accreditations" param="status" options={FILTERS} current={q.status} />
      {accreditations.length === 0 ? (
        <EmptyState icon={BadgeCheck} title="Nothing here">
          {q.status === 'pending' ? 'No accreditation is waiting for a decision.' : 'No accreditation has this status.'}
        </EmptyState>
      ) : (
        <ul className="grid gap-4">
          {accreditations.map((a) => {
            const name = `${a.investor.firstName} ${a.investor.lastName}`.trim() || a.investor.email;
            const path = `/api/compliance/accreditations/${a.id}/decision`;
            return (
              <li key={a.id}>
                <Card data-testid="accreditation-row">
                  <CardContent className="grid gap-4 pt-5 md:grid-cols-[1fr_auto] md:items-start">
                    <div className="min-w-0 text-sm">
                      <div className="flex flex-wrap items-center gap-2">
                        <StatusBadge status={a.status} />
                        <span className="text-xs text-muted-foreground">Submitted {formatDateTime(a.submittedAt)}</span>
                      </div>
                      <h2 className="mt-2 text-lg font-semibold break-words">{name}</h2>
                      <p className="text-xs break-all text-muted-foreground">{a.investor.email}</p>
                      <p className="mt-2 font-medium">{METHOD[a.method] ?? humanize(a.method)}</p>
                      <dl className="mt-2 grid gap-1 sm:grid-cols-[auto_1fr] sm:gap-x-4">
                        {evidenceLines(a.evidence as Record<string, unknown>).map(([k, v]) => (
                          <div key={k} className="contents">
                            <dt className="text-muted-foreground">{k}</dt>
                            <dd className="break-words">{v}</dd>
                          </div>
                        ))}
                      </dl>
                      {a.status === 'approved' && <p className="mt-2">Valid until {formatDate(a.expiresAt)}</p>}
                      {a.decisionReason && (
                        <p className="mt-2">
                          <span className="font-medium">Reason:</span> {a.decisionReason}
                        </p>
                      )}
                    </div>
                    {a.status === 'pending' && a.userId !== principal.userId && (
                      <div className="flex flex-wrap gap-2 md:justify-end">
                        <DecisionDialog
                          label="Approve"
                          icon={<Check aria-hidden />}
                          ariaLabel={`Approve the accreditation of ${name}`}
                          title={`Approve the accreditation of ${name}?`}
                          description="The investor becomes accredited until the expiry. Leave the date empty for the longest the rules allow."
                          confirmLabel="Approve"
                          path={path}
                          json={{ decision: 'approve' }}
                          date={{ name: 'expiresAt', label: 'Valid until (optional)', min: today, max: lastDay, hint: 'The last day the accreditation counts (UTC).' }}
                          text={{ name: 'reason', label: 'Note (optional)' }}
                        />
                        <DecisionDialog
                          label="Reject"
                          icon={<X aria-hidden />}
                          ariaLabel={`Reject the accreditation of ${name}`}
                          variant="destructive"
                          title={`Reject the accreditation of ${name}?`}
                          description="The investor sees the reason and can submit new evidence."
                          confirmLabel="Reject"
                          path={path}
                          json={{ decision: 'reject' }}
                          text={{ name: 'reason', label: 'Reason', required: true, minLength: 3 }}
                        />
                      </div>
                    )}
                  </CardContent>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
