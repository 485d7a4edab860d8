import type { Metadata } from 'next';
import { Landmark } from 'lucide-react';
import { listPools, provisionedChains } from '@/server/lending/service';
import { EmptyState } from '@/ui/empty-state';
import { PageHeader } from '@/ui/page-header';
import { requireSession } from '../../session';
import { AdminNav } from '../admin-nav';
import { LendingAdmin } from './lending-admin';

export const metadata: Metadata = { title: 'Lending' };

export default async function AdminLendingPage() {
  const { tenant, principal } = await requireSession('/admin/lending', ['tenant_admin']);
  const header = <PageHeader title="Administration" description={`${tenant.name}: lending pools, their prices and the risk disclosure members acknowledge.`} />;
  if (!tenant.features.lending) {
    return (
      <>
        {header}
        <AdminNav current="/admin/lending" />
        <EmptyState icon={Landmark} title="Lending is off">Turn the lending feature on for this platform first (a compliance decision).</EmptyState>
      </>
    );
  }
  const [{ pools, disclosure }, chainIds] = await Promise.all([listPools(tenant, principal), provisionedChains(tenant, principal)]);
  return (
    <>
      {header}
      <AdminNav current="/admin/lending" />
      <h2 className="mb-4 text-xl font-semibold">Lending</h2>
      <LendingAdmin pools={pools.map((p) => ({ id: p.id, name: p.name, status: p.status, chainId: p.chainId, collaterals: p.collaterals.filter((c) => !c.feed).map((c) => ({ token: c.token, symbol: c.symbol })) }))} disclosure={disclosure} chainIds={chainIds} />
    </>
  );
}
