import { Landmark } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { listPools } from '@/server/lending/service';
import { EmptyState } from '@/ui/empty-state';
import { rateText, tokenAmount } from '@/ui/lending-format';
import { PageHeader } from '@/ui/page-header';
import { Badge } from '@/ui/primitives/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { requireSession } from '../../session';
import { FeatureOff } from '@/ui/feature-off';

export const metadata: Metadata = { title: 'Lending' };

/** The tenant's lending pools with their rates and utilisation from the contract (GET /api/lending/pools). */
export default async function LendingPage() {
  const { tenant, principal } = await requireSession('/lending');
  if (!tenant.features.lending) return <FeatureOff title="Lending" feature="lending" />;
  const { pools } = await listPools(tenant, principal);
  return (
    <>
      <PageHeader title="Lending" description="Lend a stablecoin for interest, or borrow it against collateral. Figures are read from the pool contract." />
      {pools.length === 0 ? (
        <EmptyState icon={Landmark} title="No lending pools yet" />
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" data-testid="lending-pools">
          {pools.map((p) => (
            <li key={p.id}>
              <Card>
                <CardHeader>
                  <CardTitle>
                    <Link href={`/lending/${p.id}`} className="text-primary-text hover:underline">
                      {p.name}
                    </Link>
                  </CardTitle>
                  <CardDescription>
                    {p.status === 'pending' ? <Badge>Awaiting creation on chain</Badge> : `Chain ${p.chainId} · collateral ${p.collaterals.map((c) => c.symbol).join(', ')}`}
                  </CardDescription>
                </CardHeader>
                <CardContent>
                  <dl className="grid grid-cols-2 gap-2 text-sm">
                    <dt className="text-muted-foreground">Supply rate</dt>
                    <dd data-testid="pool-supply-rate">{rateText(p.chain?.supplyRate)}</dd>
                    <dt className="text-muted-foreground">Borrow rate</dt>
                    <dd data-testid="pool-borrow-rate">{rateText(p.chain?.borrowRate)}</dd>
                    <dt className="text-muted-foreground">Utilisation</dt>
                    <dd>{rateText(p.chain?.utilisation)}</dd>
                    <dt className="text-muted-foreground">Borrowed</dt>
                    <dd className="break-all">{p.chain ? tokenAmount(p.chain.totalBorrows, p.asset.decimals) : '—'}</dd>
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
