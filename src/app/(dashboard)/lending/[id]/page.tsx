import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AppError } from '@/server/errors';
import { getPool } from '@/server/lending/service';
import { LendingPanel, type LendingPoolData } from '@/ui/lending-panel';
import { PageHeader } from '@/ui/page-header';
import { requireSession } from '../../../session';

export const metadata: Metadata = { title: 'Lending pool' };

/** One pool: rates and utilisation, the member's positions with health and liquidation prices, history, rates chart, wallet actions. */
export default async function LendingPoolPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { tenant, principal } = await requireSession(`/lending/${id}`);
  if (!tenant.features.lending || !/^[0-9a-f-]{36}$/i.test(id)) notFound();
  let data: LendingPoolData;
  try {
    data = (await getPool(tenant, principal, id)) as LendingPoolData;
  } catch (e) {
    if (e instanceof AppError && e.status === 404) notFound();
    throw e;
  }
  return (
    <>
      <PageHeader title={data.pool.name} description="Supply, borrow, repay and withdraw from your own wallet. Every figure is the pool contract's, to the last unit." />
      <LendingPanel initial={data} />
    </>
  );
}
