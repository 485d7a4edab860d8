import type { Metadata } from 'next';
import Link from 'next/link';
import { listConsoleTenants } from '@/server/platform/console/tenants';
import { formatDate, formatMoney } from '@/ui/format';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { requireConsoleAdmin } from './console-session';
import { TenantStatus } from './tenant-status';

// The layout's title template applies to child segments only, not to the page beside it.
export const metadata: Metadata = { title: { absolute: 'Tenants · Operator console' } };

export default async function ConsoleTenantsPage() {
  await requireConsoleAdmin();
  const tenants = await listConsoleTenants();
  return (
    <>
      <h1 className="text-2xl font-semibold">Tenants</h1>
      <p className="mt-1 text-sm text-muted-foreground">{tenants.length} communities on this platform. Request and error rates are not metered yet; the figures are what the database holds.</p>
      <Table stacked className="mt-6">
        <THead stacked>
          <TR>
            <TH>Tenant</TH>
            <TH>Status</TH>
            <TH>Plan</TH>
            <TH>Members</TH>
            <TH>Deals (open)</TH>
            <TH>Raised</TH>
            <TH>Since</TH>
          </TR>
        </THead>
        <TBody stacked>
          {tenants.map((t) => (
            <TR stacked key={t.id} data-tenant={t.slug}>
              <TD label="Tenant">
                <Link href={`/console/tenants/${t.id}`} className="font-medium text-primary-text hover:underline">
                  {t.name}
                </Link>
                <div className="text-xs text-muted-foreground">{t.domain ?? t.slug}</div>
              </TD>
              <TD label="Status">
                <TenantStatus status={t.status} />
              </TD>
              <TD label="Plan">{t.plan ?? '—'}</TD>
              <TD label="Members">{t.users}</TD>
              <TD label="Deals (open)">
                {t.deals} ({t.openDeals})
              </TD>
              <TD label="Raised">{t.raised.length ? t.raised.map((m) => formatMoney(m.amount, m.currency, { compact: true })).join(' · ') : '—'}</TD>
              <TD label="Since">{formatDate(t.createdAt)}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </>
  );
}
