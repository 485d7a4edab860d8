import { Coins } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { listPools } from '@/server/staking/service';
import { EmptyState } from '@/ui/empty-state';
import { PageHeader } from '@/ui/page-header';
import { Badge } from '@/ui/primitives/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { aprText, durationText, tokenAmount } from '@/ui/staking-format';
import { requireSession } from '../../session';
import { FeatureOff } from '@/ui/feature-off';

export const metadata: Metadata = { title: 'Staking' };

/** The tenant's staking pools with their on-chain state (GET /api/staking/pools). */
export default async function StakingPage() {
  const { tenant, principal } = await requireSession('/staking');
  if (!tenant.features.staking) return <FeatureOff title="Staking" feature="staking" />;
  const { pools } = await listPools(tenant, principal);
  return (
    <>
      <PageHeader title="Staking" description="Stake a token, earn rewards per second, pro rata. Figures are read from the pool contract." />
      {pools.length === 0 ? (
        <EmptyState icon={Coins} title="No staking pools yet" />
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" data-testid="staking-pools">
          {pools.map((p) => (
            <li key={p.id}>
              <Card>
                <CardHeader>
                  <CardTitle>
                    <Link href={`/staking/${p.id}`} className="text-primary-text hover:underline">
                      {p.name}
                    </Link>
                  </CardTitle>
                  <CardDescription>
                    {p.status === 'pending' ? <Badge>Awaiting creation on chain</Badge> : `Chain ${p.chainId} · lock ${durationText(p.lockPeriodSeconds)} · early exit ${p.earlyExitPenaltyBps / 100}%`}
                  </CardDescription>
                </CardHeader>
                <CardContent>
                  <dl className="grid grid-cols-2 gap-2 text-sm">
                    <dt className="text-muted-foreground">APR (token terms)</dt>
                    <dd data-testid="pool-apr">{aprText(p.chain?.aprBps ?? null)}</dd>
                    <dt className="text-muted-foreground">Total staked</dt>
                    <dd className="break-all">{p.chain ? tokenAmount(p.chain.totalStaked, p.stakingToken.decimals) : '—'}</dd>
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
