import { Check, ShieldAlert, ShieldCheck } from 'lucide-react';
import type { Metadata } from 'next';
import { listScreeningHits } from '@/server/screening/hits';
import { hitListQuery } from '@/server/screening/schema';
import { DecisionDialog } from '@/ui/decision-dialog';
import { EmptyState } from '@/ui/empty-state';
import { formatDateTime } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent } from '@/ui/primitives/card';
import { FilterLinks } from '@/ui/section-nav';
import { StatusBadge } from '@/ui/status-badge';
import { pageMeta } from '../../page-meta';
import { requireSession } from '../../session';
import { ComplianceNav } from '../compliance-nav';

export const metadata: Metadata = { title: 'Screening hits' };

const FILTERS = [
  ['open', 'Open'],
  ['confirmed', 'Confirmed'],
  ['cleared', 'Cleared'],
] as const;

/** Possible sanctions or PEP matches: confirm (the person's escrowed money goes back) or clear. */
export default async function ScreeningHitsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { tenant, principal } = await requireSession('/compliance/screening', ['compliance_officer', 'tenant_admin']);
  const { status } = await searchParams;
  const parsed = hitListQuery.safeParse({ status: status || 'open', limit: 200 });
  const q = parsed.success ? parsed.data : hitListQuery.parse({ status: 'open', limit: 200 });
  const { hits } = await listScreeningHits(tenant.id, principal, q, await pageMeta());
  return (
    <>
      <PageHeader title="Screening hits" description="People whose name matched a sanctions or PEP list entry. Compare the details, then confirm or clear the match." />
      <ComplianceNav current="/compliance/screening" />
      <FilterLinks label="Hit status" base="/compliance/screening" param="status" options={FILTERS} current={q.status ?? 'open'} />
      {hits.length === 0 ? (
        <EmptyState icon={ShieldCheck} title="No hits here">
          {q.status === 'open' ? 'No match is waiting for a decision.' : 'No hit has this status.'}
        </EmptyState>
      ) : (
        <ul className="grid gap-4">
          {hits.map((h) => {
            const name = `${h.user.firstName} ${h.user.lastName}`.trim() || h.user.email;
            const path = `/api/compliance/screening/hits/${h.id}/decision`;
            return (
              <li key={h.id}>
                <Card data-testid="hit-row">
                  <CardContent className="grid gap-4 pt-5 md:grid-cols-[1fr_auto] md:items-start">
                    <div className="min-w-0 text-sm">
                      <div className="flex flex-wrap items-center gap-2">
                        <StatusBadge status={h.status} />
                        <span className="text-xs text-muted-foreground">
                          Score {h.score} · {formatDateTime(h.createdAt)}
                        </span>
                      </div>
                      <h2 className="mt-2 text-lg font-semibold break-words">{name}</h2>
                      <p className="text-xs break-all text-muted-foreground">{h.user.email}</p>
                      {h.entry ? (
                        <dl className="mt-3 grid gap-1 sm:grid-cols-[auto_1fr] sm:gap-x-4">
                          <dt className="text-muted-foreground">Listed as</dt>
                          <dd className="font-medium break-words">{h.entry.fullName}</dd>
                          <dt className="text-muted-foreground">List</dt>
                          <dd>
                            {h.entry.list.name} ({h.entry.list.kind === 'pep' ? 'PEP' : 'sanctions'})
                          </dd>
                          {(h.entry.aliases ?? []).length > 0 && (
                            <>
                              <dt className="text-muted-foreground">Aliases</dt>
                              <dd className="break-words">{(h.entry.aliases ?? []).join(', ')}</dd>
                            </>
                          )}
                          {h.entry.dateOfBirth && (
                            <>
                              <dt className="text-muted-foreground">Date of birth</dt>
                              <dd>{h.entry.dateOfBirth}</dd>
                            </>
                          )}
                          {(h.entry.countries ?? []).length > 0 && (
                            <>
                              <dt className="text-muted-foreground">Countries</dt>
                              <dd>{(h.entry.countries ?? []).join(', ')}</dd>
                            </>
                          )}
                        </dl>
                      ) : (
                        <p className="mt-2">Reported by {h.source}</p>
                      )}
                      {h.review && (
                        <p className="mt-3">
                          <span className="font-medium">Decided {formatDateTime(h.review.at)}:</span> {h.review.note}
                        </p>
                      )}
                    </div>
                    {h.status === 'open' && h.user.id !== principal.userId && (
                      <div className="flex flex-wrap gap-2 md:justify-end">
                        <DecisionDialog
                          label="Clear"
                          icon={<Check aria-hidden />}
                          ariaLabel={`Clear the hit on ${name}`}
                          variant="outline"
                          title={`Clear the match on ${name}?`}
                          description="Clearing says this person is not the listed one. Once no hit is open and their KYC is approved, their escrowed money can be released."
                          confirmLabel="Clear"
                          path={path}
                          json={{ decision: 'clear' }}
                          text={{ name: 'note', label: 'Why it is not a match', required: true, minLength: 3 }}
                        />
                        <DecisionDialog
                          label="Confirm"
                          icon={<ShieldAlert aria-hidden />}
                          ariaLabel={`Confirm the hit on ${name}`}
                          variant="destructive"
                          title={`Confirm the match on ${name}?`}
                          description="Confirming refunds the money this person holds in escrow and removes their enhanced verification. It cannot be undone here."
                          confirmLabel="Confirm match"
                          path={path}
                          json={{ decision: 'confirm' }}
                          text={{ name: 'note', label: 'Why it is a match', required: true, minLength: 3 }}
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
