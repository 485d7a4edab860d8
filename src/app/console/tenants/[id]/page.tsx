import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { NotFound } from '@/server/errors';
import { consoleTenantDetail } from '@/server/platform/console/tenants';
import { ConfirmAction } from '@/ui/confirm-action';
import { DecisionDialog } from '@/ui/decision-dialog';
import { formatDateTime, formatMoney } from '@/ui/format';
import { Card, CardContent, CardHeader, CardTitle } from '@/ui/primitives/card';
import { requireConsoleAdmin } from '../../console-session';
import { ConsoleAuditTable } from '../../console-audit-table';
import { TenantStatus } from '../../tenant-status';

export const metadata: Metadata = { title: 'Tenant' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ConsoleTenantPage({ params }: { params: Promise<{ id: string }> }) {
  await requireConsoleAdmin();
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const detail = await consoleTenantDetail(id).catch((e) => {
    if (e instanceof NotFound) notFound();
    throw e;
  });
  const { tenant, health } = detail;
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{tenant.name}</h1>
          <p className="text-sm text-muted-foreground">
            {tenant.domain ?? `${tenant.slug}.*`} · <TenantStatus status={tenant.status} />
            {tenant.suspendedReason && <span> · {tenant.suspendedReason}</span>}
          </p>
        </div>
        {tenant.status === 'active' && (
          <DecisionDialog
            label="Suspend"
            variant="destructive"
            title={`Suspend ${tenant.name}?`}
            description="Every host of this tenant will answer a 503 page and its API will refuse requests. Nothing is deleted; resuming restores it as it was."
            confirmLabel="Suspend tenant"
            path={`/api/platform/tenants/${tenant.id}/suspend`}
            text={{ name: 'reason', label: 'Reason (shown to the tenant’s visitors)', required: true, minLength: 3 }}
          />
        )}
        {tenant.status === 'suspended' && (
          <ConfirmAction label="Resume" title={`Resume ${tenant.name}?`} description="Its hosts serve pages and the API again." confirmLabel="Resume tenant" request={{ path: `/api/platform/tenants/${tenant.id}/resume` }} />
        )}
      </div>

      <div className="mt-6 grid gap-4 md:grid-cols-3">
        <Card>
          <CardHeader>
            <CardTitle>Community</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-1 text-sm">
            <div>Members: {tenant.users}</div>
            <div>
              Deals: {tenant.deals} ({tenant.openDeals} open)
            </div>
            <div>Raised: {tenant.raised.length ? tenant.raised.map((m) => formatMoney(m.amount, m.currency)).join(' · ') : '—'}</div>
            <div>Plan: {tenant.plan ?? '—'}</div>
            <div>KYC provider: {tenant.kycProvider}</div>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Jobs</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-1 text-sm">
            <div>Mail waiting: {health.mail.pending}{health.mail.oldestPendingSeconds !== null && ` (oldest ${health.mail.oldestPendingSeconds} s)`}</div>
            <div>Mail failed: {health.mail.failed}</div>
            <div>
              Chain transactions:{' '}
              {Object.entries(health.chainTransactions)
                .map(([s, n]) => `${n} ${s}`)
                .join(', ') || 'none'}
            </div>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Indexers</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-1 text-sm">
            {health.indexers.length === 0 && <div>No indexer follows this tenant’s chains ({tenant.chains.join(', ') || 'none'}) yet.</div>}
            {health.indexers.map((c) => (
              <div key={c.chainId}>
                Chain {c.chainId}: block {c.indexedBlock}, {c.lagBlocks === null ? 'head unknown' : `${c.lagBlocks} behind`}
                {c.lastBatchAt && `, last batch ${formatDateTime(c.lastBatchAt)}`}
              </div>
            ))}
          </CardContent>
        </Card>
      </div>

      <h2 className="mt-8 text-lg font-semibold">Features</h2>
      <ul className="mt-2 flex flex-wrap gap-2 text-sm">
        {Object.entries(tenant.features).map(([f, on]) => (
          <li key={f} className="rounded border border-border px-2 py-0.5">
            {f}: {on ? 'on' : 'off'}
          </li>
        ))}
      </ul>

      <h2 className="mt-8 text-lg font-semibold">Console audit trail</h2>
      <ConsoleAuditTable entries={detail.audit} />
    </>
  );
}
