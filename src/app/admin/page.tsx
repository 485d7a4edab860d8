import { BadgeDollarSign, ClipboardCheck, Rocket, Users } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { tenantStatsQuery } from '@/server/reporting/schema';
import { tenantStats } from '@/server/reporting/tenant-stats';
import { formatMoney } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { ProgressBar } from '@/ui/progress-bar';
import { StatusBadge } from '@/ui/status-badge';
import { requireSession } from '../session';
import { AdminNav } from './admin-nav';

export const metadata: Metadata = { title: 'Admin' };

export default async function AdminPage() {
  const { tenant, principal } = await requireSession('/admin', ['tenant_admin']);
  const stats = await tenantStats(tenant, principal, tenantStatsQuery.parse({}));
  const confirmed = stats.investmentsByStatus.confirmed?.amounts ?? [];
  const tiles = [
    { icon: ClipboardCheck, label: 'Waiting for review', value: String(stats.dealsByStatus.pending_review ?? 0), href: '/admin/deals' },
    { icon: Rocket, label: 'Live deals', value: String(stats.dealsByStatus.active ?? 0), href: '/deals' },
    { icon: Users, label: 'Investors', value: String(stats.investors), href: '/admin/users' },
    { icon: BadgeDollarSign, label: 'Confirmed', value: confirmed.length ? confirmed.map((a) => formatMoney(a.amount, a.currency, { compact: true })).join(' · ') : '—', href: undefined },
  ];
  return (
    <>
      <PageHeader title="Administration" description={`${tenant.name}: deals, reviews and people.`} />
      <AdminNav current="/admin" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {tiles.map(({ icon: Icon, label, value, href }) => (
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
              <p className="text-2xl font-semibold tracking-tight">{value}</p>
            </CardHeader>
          </Card>
        ))}
      </div>
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
