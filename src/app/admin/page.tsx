import { BadgeDollarSign, ClipboardCheck, Hourglass, IdCard, Rocket, Users } from 'lucide-react';
import type { Metadata } from 'next';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import type { ComponentType } from 'react';
import type { Principal } from '@/server/auth/principal';
import { listEscrowsForAdmin } from '@/server/escrow/admin';
import { reviewQueueSize } from '@/server/kyc/review';
import { tenantStatsQuery } from '@/server/reporting/schema';
import { tenantStats } from '@/server/reporting/tenant-stats';
import type { TenantContext } from '@/server/tenancy/resolve';
import type { ChartSeries } from '@/ui/admin-charts';
import { formatDateTime, formatMoney } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { Skeleton } from '@/ui/primitives/skeleton';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { ProgressBar } from '@/ui/progress-bar';
import { StatusBadge } from '@/ui/status-badge';
import { requireSession } from '../session';
import { AdminNav } from './admin-nav';

export const metadata: Metadata = { title: 'Admin' };

// recharts only on this route, and only once the page is in the browser.
const chartFallback = () => <Skeleton className="h-56 w-full" />;
const RaisedPerDayChart = dynamic(() => import('@/ui/admin-charts').then((m) => m.RaisedPerDayChart), { loading: chartFallback });
const RaisedPerDealChart = dynamic(() => import('@/ui/admin-charts').then((m) => m.RaisedPerDealChart), { loading: chartFallback });

const QUEUE_CAP = 100;
/** The overview's charts cover a quarter, the span of the demo's history. */
const OVERVIEW_DAYS = 90;
/** Held escrows whose admin decision is due within this many days (or overdue). */
const ESCROW_DUE_DAYS = 3;
const dayLabel = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const capped = (n: number) => (n >= QUEUE_CAP ? `${QUEUE_CAP}+` : String(n));

/** The work waiting for people: KYC applications to decide, escrows whose decision is due. */
async function queues(tenant: TenantContext, admin: Principal) {
  const [kyc, escrow] = await Promise.all([
    reviewQueueSize(tenant, admin),
    listEscrowsForAdmin(tenant, admin, { status: 'held', limit: QUEUE_CAP }),
  ]);
  return { kyc, escrowDue: escrow.escrows.filter((e) => e.daysLeftToDecide !== null && e.daysLeftToDecide <= ESCROW_DUE_DAYS).length };
}

/** One chart per currency (amounts in different currencies never share an axis). */
function ChartCard({ title, description, empty, series, Chart }: { title: string; description: string; empty: string; series: ChartSeries[]; Chart: ComponentType<{ series: ChartSeries }> }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {series.length === 0 ? (
          <p className="text-sm text-muted-foreground">{empty}</p>
        ) : (
          series.map((s) => (
            <div key={s.currency}>
              {series.length > 1 && <h3 className="mb-2 text-sm font-medium">{s.currency}</h3>}
              <Chart series={s} />
            </div>
          ))
        )}
      </CardContent>
    </Card>
  );
}

export default async function AdminPage() {
  const { tenant, principal } = await requireSession('/admin', ['tenant_admin']);
  const [stats, queue] = await Promise.all([tenantStats(tenant, principal, tenantStatsQuery.parse({ days: OVERVIEW_DAYS })), queues(tenant, principal)]);
  const confirmed = stats.investmentsByStatus.confirmed?.amounts ?? [];
  const tiles = [
    { icon: ClipboardCheck, label: 'Deals waiting for review', value: String(stats.dealsByStatus.pending_review ?? 0), href: '/admin/deals', testId: 'figure-pending-reviews' },
    { icon: IdCard, label: 'KYC applications to decide', value: String(queue.kyc), href: '/compliance', testId: 'figure-kyc-queue' },
    { icon: Hourglass, label: `Escrow decisions due in ${ESCROW_DUE_DAYS} days`, value: capped(queue.escrowDue), href: '/admin/escrow', testId: 'figure-escrow-due' },
    { icon: Rocket, label: 'Live deals', value: String(stats.dealsByStatus.active ?? 0), href: '/deals', testId: 'figure-live-deals' },
    { icon: Users, label: 'Investors', value: String(stats.investors), href: '/admin/users', testId: 'figure-investors' },
    { icon: BadgeDollarSign, label: 'Confirmed', value: confirmed.length ? confirmed.map((a) => formatMoney(a.amount, a.currency, { compact: true })).join(' · ') : '—', href: undefined, testId: 'figure-confirmed' },
  ];
  // Chart values are for drawing; the tables beside the charts carry the exact decimal strings.
  // A currency with commitments but nothing confirmed in the window would draw a flat zero line.
  const perDay: ChartSeries[] = stats.raisedPerDay
    .filter((s) => s.days.some((d) => Number(d.raised) > 0))
    .map((s) => ({
      currency: s.currency,
      points: s.days.map((d) => ({ label: dayLabel.format(new Date(`${d.day}T00:00:00Z`)), value: Number(d.raised), display: formatMoney(d.raised, s.currency) })),
    }));
  const perDeal: ChartSeries[] = [...new Set(stats.topDeals.map((d) => d.currency))].map((currency) => ({
    currency,
    points: stats.topDeals.filter((d) => d.currency === currency && Number(d.raised) > 0).map((d) => ({ label: d.title, value: Number(d.raised), display: formatMoney(d.raised, currency) })),
  })).filter((s) => s.points.length > 0);
  return (
    <>
      <PageHeader title="Administration" description={`${tenant.name}: deals, reviews and people.`} />
      <AdminNav current="/admin" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {tiles.map(({ icon: Icon, label, value, href, testId }) => (
          <Card key={label} className="relative">
            <CardHeader>
              <CardDescription className="flex items-center gap-2">
                <Icon className="size-4" aria-hidden />
                {href ? (
                  <Link href={href} className="after:absolute after:inset-0 hover:underline">
                    {label}
                  </Link>
                ) : (
                  label
                )}
              </CardDescription>
              <p className="text-2xl font-semibold tracking-tight" data-testid={testId}>
                {value}
              </p>
            </CardHeader>
          </Card>
        ))}
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <ChartCard title="Raised per day" description={`Confirmed investments, last ${stats.days} days (UTC)`} empty={`No investment was confirmed in the last ${stats.days} days.`} series={perDay} Chart={RaisedPerDayChart} />
        <ChartCard title="Raised per deal" description="Confirmed amount of the top deals" empty="No deal has confirmed money yet." series={perDeal} Chart={RaisedPerDealChart} />
      </div>
      {stats.indexer.length > 0 && (
        <Card className="mt-6" data-testid="indexer-lag">
          <CardHeader>
            <CardTitle>Chain indexer</CardTitle>
            <CardDescription>How far the platform&rsquo;s record of each chain is behind its finalized blocks. Escrow fundings and decisions show once they are indexed.</CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-3 text-sm" aria-label="Indexer lag per chain">
              {stats.indexer.map((c) => (
                <li key={c.chainId} className="grid min-w-0 gap-2 border-b border-border pb-3 last:border-0 last:pb-0" data-testid="indexer-chain">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{c.chain}</span>
                    <span className="text-xs text-muted-foreground">chain {c.chainId}</span>
                    <StatusBadge status={c.status === 'ok' ? 'verified' : 'pending'} label={c.status === 'ok' ? 'Following' : 'Behind or stopped'} />
                  </div>
                  <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs sm:grid-cols-[auto_1fr_auto_1fr_auto_1fr]">
                    <dt className="text-muted-foreground">Blocks behind</dt>
                    <dd className="tabular-nums">{c.lagBlocks ?? '—'}</dd>
                    <dt className="text-muted-foreground">Indexed / head</dt>
                    <dd className="tabular-nums">
                      {c.indexedBlock} / {c.headBlock ?? '—'}
                    </dd>
                    <dt className="text-muted-foreground">Last batch</dt>
                    <dd>{c.lastBatchAt ? formatDateTime(c.lastBatchAt) : 'none yet'}</dd>
                  </dl>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      )}
      <Card className="mt-6">
        <CardHeader>
          <CardTitle>Top deals</CardTitle>
          <CardDescription>By confirmed amount</CardDescription>
        </CardHeader>
        <CardContent className="px-2 sm:px-5">
          {stats.topDeals.length === 0 ? (
            <p className="px-3 text-sm text-muted-foreground">No deals have raised money yet.</p>
          ) : (
            <Table>
              <THead>
                <tr>
                  <TH scope="col">Deal</TH>
                  <TH scope="col">Status</TH>
                  <TH scope="col" className="min-w-40">
                    Raised
                  </TH>
                  <TH scope="col" className="text-right">
                    Investors
                  </TH>
                </tr>
              </THead>
              <TBody>
                {stats.topDeals.map((d) => (
                  <TR key={d.id}>
                    <TD>
                      <Link href={`/deals/${d.slug}`} className="font-medium hover:underline">
                        {d.title}
                      </Link>
                      <p className="text-xs text-muted-foreground">{d.issuer.name}</p>
                    </TD>
                    <TD>
                      <StatusBadge status={d.status} />
                    </TD>
                    <TD>
                      <p className="mb-1 text-xs">
                        {formatMoney(d.raised, d.currency, { compact: true })} of {formatMoney(d.target, d.currency, { compact: true })}
                      </p>
                      <ProgressBar percent={d.percent} label={`${d.title} raised`} />
                    </TD>
                    <TD className="text-right tabular-nums">{d.investors}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </>
  );
}
