import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AppError } from '@/server/errors';
import { getPool } from '@/server/staking/service';
import { PageHeader } from '@/ui/page-header';
import { StakingPanel, type StakingPoolData } from '@/ui/staking-panel';
import { requireSession } from '../../../session';

export const metadata: Metadata = { title: 'Staking pool' };

/** One pool: its on-chain state, the member's positions and history, and the wallet actions. */
export default async function StakingPoolPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { tenant, principal } = await requireSession(`/staking/${id}`);
  if (!tenant.features.staking || !/^[0-9a-f-]{36}$/i.test(id)) notFound();
  let data: StakingPoolData;
  try {
    data = (await getPool(tenant, principal, id)) as StakingPoolData;
  } catch (e) {
    if (e instanceof AppError && e.status === 404) notFound();
    throw e;
  }
  return (
    <>
      <PageHeader title={data.pool.name} description="Stake, withdraw and claim from your own wallet. Every figure is the pool contract's, to the last unit." />
      <StakingPanel initial={data} />
    </>
  );
}
