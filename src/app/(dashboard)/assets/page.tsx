import { Building2 } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { memberAssets } from '@/server/assets/service';
import { fromMinorUnits } from '@/server/money';
import { EmptyState } from '@/ui/empty-state';
import { PageHeader } from '@/ui/page-header';
import { Badge } from '@/ui/primitives/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { requireSession } from '../../session';
import { FeatureOff } from '@/ui/feature-off';

export const metadata: Metadata = { title: 'Tokenized assets' };

const TYPE_LABELS: Record<string, string> = { real_estate: 'Real estate', fund_units: 'Fund units', revenue_share: 'Revenue share', equity: 'Equity', debt: 'Debt' };

/** The tenant's issued assets (GET /api/assets); an issuer also sees their own while the token is deployed. */
export default async function AssetsPage() {
  const { tenant, principal } = await requireSession('/assets');
  if (!tenant.features.assetTokenization) return <FeatureOff title="Tokenized assets" feature="assetTokenization" />;
  const { assets } = await memberAssets(tenant, principal);
  return (
    <>
      <PageHeader title="Tokenized assets" description="Real-world assets issued as permissioned tokens: every transfer passes the platform's compliance rules on chain." />
      {assets.length === 0 ? (
        <EmptyState icon={Building2} title="No tokenized assets yet" />
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" data-testid="assets">
          {assets.map((a) => (
            <li key={a.id}>
              <Card>
                <CardHeader>
                  <CardTitle>
                    <Link href={`/assets/${a.id}`} className="text-primary-text hover:underline">
                      {a.name} ({a.symbol})
                    </Link>
                  </CardTitle>
                  <CardDescription>
                    {TYPE_LABELS[a.assetType] ?? a.assetType}
                    {a.status === 'issuing' ? (
                      <>
                        {' '}
                        · <Badge>Token being deployed</Badge>
                      </>
                    ) : null}
                  </CardDescription>
                </CardHeader>
                <CardContent>
                  <dl className="grid grid-cols-2 gap-2 text-sm">
                    <dt className="text-muted-foreground">Valuation</dt>
                    <dd>
                      {fromMinorUnits(a.valuation, a.currencyDecimals)} {a.currency}
                    </dd>
                    <dt className="text-muted-foreground">Token</dt>
                    <dd className="break-all font-mono text-xs">{a.tokenAddress ?? '—'}</dd>
                  </dl>
                </CardContent>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
