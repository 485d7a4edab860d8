import { Building2, Check, MessageSquareWarning, X } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { adminAssets, reviewQueue } from '@/server/assets/service';
import { fromMinorUnits } from '@/server/money';
import { DecisionDialog } from '@/ui/decision-dialog';
import { EmptyState } from '@/ui/empty-state';
import { PageHeader } from '@/ui/page-header';
import { Badge } from '@/ui/primitives/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { requireSession } from '../../session';
import { AdminNav } from '../admin-nav';

export const metadata: Metadata = { title: 'Tokenized assets' };

const STATUS: Record<string, string> = { submitted: 'Awaiting review', changes_requested: 'Changes requested', approved: 'Approved', rejected: 'Rejected' };

/** The review queue of tokenization applications and the issued assets with their token addresses. */
export default async function AdminAssetsPage() {
  const { tenant, principal } = await requireSession('/admin/assets', ['tenant_admin', 'compliance_officer']);
  if (!tenant.features.assetTokenization) {
    return (
      <>
        <PageHeader title="Administration" />
        <AdminNav current="/admin/assets" />
        <EmptyState icon={Building2} title="Asset tokenization is off for this platform" />
      </>
    );
  }
  const [{ applications }, { assets }] = await Promise.all([reviewQueue(tenant, principal, {}), adminAssets(tenant, principal)]);
  const pending = applications.filter((a) => a.status === 'submitted');
  const decided = applications.filter((a) => a.status !== 'submitted');
  return (
    <>
      <PageHeader title="Administration" description="Tokenization applications: request changes, approve (the token is deployed on chain) or reject with a reason the issuer reads." />
      <AdminNav current="/admin/assets" />
      <section aria-labelledby="queue" className="mt-4">
        <h2 id="queue" className="mb-2 text-lg font-semibold">
          Awaiting review ({pending.length})
        </h2>
        {pending.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing to review.</p>
        ) : (
          <ul className="grid gap-4 md:grid-cols-2" data-testid="asset-queue">
            {pending.map((a) => (
              <li key={a.id}>
                <Card>
                  <CardHeader>
                    <CardTitle>
                      {a.name} ({a.symbol})
                    </CardTitle>
                    <CardDescription>
                      {a.assetType.replace('_', ' ')} · {fromMinorUnits(a.valuation, a.currencyDecimals)} {a.currency} · {a.regulation.replace('_', ' ').toUpperCase()} · {a.jurisdiction}
                    </CardDescription>
                  </CardHeader>
                  <CardContent className="space-y-3">
                    <p className="line-clamp-4 text-sm">{a.description}</p>
                    <div className="flex flex-wrap gap-2">
                      <DecisionDialog
                        label="Approve"
                        icon={<Check aria-hidden />}
                        ariaLabel={`Approve ${a.name}`}
                        title={`Approve ${a.name}?`}
                        description="The asset is created and its permissioned token deployed on chain by the tenant's keys, the supply minted to the issuer's treasury wallet."
                        confirmLabel="Approve"
                        path={`/api/admin/applications/${a.id}`}
                        json={{ action: 'approve' }}
                      />
                      <DecisionDialog
                        label="Request changes"
                        icon={<MessageSquareWarning aria-hidden />}
                        ariaLabel={`Request changes to ${a.name}`}
                        variant="outline"
                        title="Request changes"
                        description="The issuer reads your reason, edits the application and submits it again."
                        confirmLabel="Send to the issuer"
                        path={`/api/admin/applications/${a.id}`}
                        json={{ action: 'request_changes' }}
                        text={{ name: 'reason', label: 'What should change', required: true, minLength: 3 }}
                      />
                      <DecisionDialog
                        label="Reject"
                        icon={<X aria-hidden />}
                        ariaLabel={`Reject ${a.name}`}
                        variant="outline"
                        confirmVariant="destructive"
                        title={`Reject ${a.name}?`}
                        description="A rejected application is closed; the issuer reads your reason."
                        confirmLabel="Reject"
                        path={`/api/admin/applications/${a.id}`}
                        json={{ action: 'reject' }}
                        text={{ name: 'reason', label: 'Reason', required: true, minLength: 3 }}
                      />
                    </div>
                  </CardContent>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="issued" className="mt-6">
        <h2 id="issued" className="mb-2 text-lg font-semibold">
          Assets
        </h2>
        {assets.length === 0 ? (
          <p className="text-sm text-muted-foreground">No asset approved yet.</p>
        ) : (
          <ul className="space-y-2 text-sm" data-testid="admin-assets">
            {assets.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-2">
                <Link href={`/assets/${a.id}`} className="text-primary-text hover:underline">
                  {a.name} ({a.symbol})
                </Link>
                {a.status === 'issuing' ? <Badge>Token being deployed</Badge> : <span className="break-all font-mono text-xs">{a.tokenAddress}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      {decided.length ? (
        <section aria-labelledby="decided" className="mt-6">
          <h2 id="decided" className="mb-2 text-lg font-semibold">
            Decided and returned
          </h2>
          <ul className="space-y-1 text-sm">
            {decided.map((a) => (
              <li key={a.id}>
                {a.name} ({a.symbol}) · {STATUS[a.status] ?? a.status}
                {a.reviewReason ? ` · “${a.reviewReason}”` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
