import { BadgeCheck, IdCard, ShieldAlert } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { listForReview as listAccreditations } from '@/server/compliance/accreditation';
import { listForReview as listKycApplications } from '@/server/kyc/review';
import { listScreeningHits } from '@/server/screening/hits';
import { formatDateTime } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { StatusBadge } from '@/ui/status-badge';
import { pageMeta } from '../page-meta';
import { requireSession } from '../session';
import { ComplianceNav } from './compliance-nav';

export const metadata: Metadata = { title: 'Review queues' };

const LIMIT = 50;
const METHOD: Record<string, string> = { letter_from_professional: 'Letter from a professional', income_documents: 'Income documents', net_worth_documents: 'Net worth documents' };

function Queue({ icon: Icon, title, description, count, testId, empty, href, children }: { icon: typeof IdCard; title: string; description: string; count: number; testId: string; empty: string; href: string; children: ReactNode }) {
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Icon className="size-4" aria-hidden /> {title}
          <span className="ml-auto rounded-full bg-primary-soft px-2 py-0.5 text-xs font-semibold text-primary-text" data-testid={`${testId}-count`}>
            {count >= LIMIT ? `${LIMIT}+` : count}
          </span>
        </CardTitle>
        <CardDescription>
          {description}{' '}
          <Link href={href} className="font-medium text-primary-text hover:underline">
            Open<span className="sr-only"> {title}</span>
          </Link>
        </CardDescription>
      </CardHeader>
      <CardContent>{count === 0 ? <p className="text-sm text-muted-foreground">{empty}</p> : <ul className="grid divide-y divide-border">{children}</ul>}</CardContent>
    </Card>
  );
}

/** The compliance officer's workspace: what waits for a person's decision, oldest first. */
export default async function ComplianceQueuesPage() {
  const { tenant, principal } = await requireSession('/compliance', ['compliance_officer', 'tenant_admin']);
  const meta = await pageMeta();
  const [kyc, hits, accreditations] = await Promise.all([
    listKycApplications(tenant, principal, { limit: LIMIT }, meta),
    listScreeningHits(tenant.id, principal, { status: 'open', limit: LIMIT }, meta),
    listAccreditations(tenant, principal, { status: 'pending', limit: LIMIT }, meta),
  ]);
  return (
    <>
      <PageHeader title="Review queues" description={`${tenant.name}: identity checks, screening hits and accreditations waiting for a decision.`} />
      <ComplianceNav current="/compliance" />
      <div className="grid gap-6 lg:grid-cols-3">
        <Queue icon={IdCard} title="Identity checks (KYC)" description="Applications with their documents, waiting for approval." count={kyc.applications.length} testId="queue-kyc" href="/compliance/kyc" empty="No application is waiting.">
          {kyc.applications.map((a) => (
            <li key={a.id} className="grid gap-1 py-3 first:pt-0">
              <Link href={`/compliance/kyc/${a.id}`} className="font-medium break-words hover:underline">
                {a.applicant.firstName} {a.applicant.lastName}
              </Link>
              <p className="text-xs break-all text-muted-foreground">{a.applicant.email}</p>
              <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                <StatusBadge status={a.status} />
                {a.documentCount} document{a.documentCount === 1 ? '' : 's'} · since {formatDateTime(a.createdAt)}
              </div>
            </li>
          ))}
        </Queue>
        <Queue icon={ShieldAlert} title="Screening hits" description="Possible sanctions or PEP matches to confirm or clear." count={hits.hits.length} testId="queue-screening" href="/compliance/screening" empty="No open hit.">
          {hits.hits.map((h) => (
            <li key={h.id} className="grid gap-1 py-3 first:pt-0">
              <p className="font-medium break-words">
                {h.user.firstName} {h.user.lastName}
              </p>
              <p className="text-xs text-muted-foreground">
                {h.entry ? `Matches ${h.entry.fullName} on ${h.entry.list.name}` : `Reported by ${h.source}`} · since {formatDateTime(h.createdAt)}
              </p>
            </li>
          ))}
        </Queue>
        <Queue icon={BadgeCheck} title="Accreditations" description="Accredited-investor evidence to verify." count={accreditations.accreditations.length} testId="queue-accreditation" href="/compliance/accreditations" empty="No accreditation is waiting.">
          {accreditations.accreditations.map((a) => (
            <li key={a.id} className="grid gap-1 py-3 first:pt-0">
              <p className="font-medium break-words">
                {a.investor.firstName} {a.investor.lastName}
              </p>
              <p className="text-xs text-muted-foreground">{METHOD[a.method] ?? a.method}</p>
            </li>
          ))}
        </Queue>
      </div>
    </>
  );
}
