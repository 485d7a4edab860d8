import { Send } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { listOwnApplications } from '@/server/assets/service';
import { tenantChains } from '@/server/chain/tenant-contracts/repo';
import { withTenant } from '@/server/db/tenant';
import { fromMinorUnits } from '@/server/money';
import { AssetApplicationForm } from '@/ui/asset-application-form';
import { ConfirmAction } from '@/ui/confirm-action';
import { PageHeader } from '@/ui/page-header';
import { Badge } from '@/ui/primitives/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { requireSession } from '../../session';
import { FeatureOff } from '@/ui/feature-off';

export const metadata: Metadata = { title: 'Tokenize an asset' };

const STATUS: Record<string, string> = { draft: 'Draft', submitted: 'In review', changes_requested: 'Changes requested', approved: 'Approved', rejected: 'Rejected' };

/** The issuer's tokenization applications (apply, see the status and the reviewers' reasons, submit). */
export default async function IssuerAssetsPage() {
  const { tenant, principal } = await requireSession('/issuer/assets', ['issuer']);
  if (!tenant.features.assetTokenization) return <FeatureOff title="Tokenize an asset" feature="assetTokenization" />;
  const [{ applications }, chains] = await Promise.all([listOwnApplications(tenant, principal), withTenant(tenant.id, { userId: principal.userId }, (t) => tenantChains(t))]);
  return (
    <>
      <PageHeader title="Tokenize an asset" description="Apply with the asset's terms and transfer restrictions; reviewers approve it, and the platform issues it as a permissioned token." />
      <section aria-labelledby="my-applications" className="mb-6">
        <h2 id="my-applications" className="mb-2 text-lg font-semibold">
          Your applications
        </h2>
        {applications.length === 0 ? (
          <p className="text-sm text-muted-foreground">None yet.</p>
        ) : (
          <ul className="grid gap-4 md:grid-cols-2" data-testid="my-asset-applications">
            {applications.map((a) => (
              <li key={a.id}>
                <Card>
                  <CardHeader>
                    <CardTitle>
                      {a.name} ({a.symbol})
                    </CardTitle>
                    <CardDescription>
                      <Badge>{STATUS[a.status] ?? a.status}</Badge> · {fromMinorUnits(a.valuation, a.currencyDecimals)} {a.currency}
                    </CardDescription>
                  </CardHeader>
                  <CardContent className="space-y-2 text-sm">
                    {a.reviewReason ? <p>Reviewer: “{a.reviewReason}”</p> : null}
                    {a.status === 'draft' || a.status === 'changes_requested' ? (
                      <ConfirmAction
                        label={a.status === 'draft' ? 'Submit for review' : 'Resubmit'}
                        icon={<Send aria-hidden />}
                        ariaLabel={`Submit ${a.name} for review`}
                        title={`Submit ${a.name} for review?`}
                        description="The platform's reviewers read it and approve, reject or ask for changes; you cannot edit it meanwhile."
                        confirmLabel="Submit"
                        request={{ path: `/api/issuer/assets/applications/${a.id}/submit`, method: 'POST' }}
                      />
                    ) : null}
                    {a.status === 'approved' ? (
                      <Link href="/assets" className="text-primary-text hover:underline">
                        See the asset
                      </Link>
                    ) : null}
                  </CardContent>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="apply">
        <h2 id="apply" className="mb-2 text-lg font-semibold">
          New application
        </h2>
        <AssetApplicationForm chainIds={chains.map((c) => Number(c.chain_id))} />
      </section>
    </>
  );
}
