import { Download, ScrollText } from 'lucide-react';
import Link from 'next/link';
import type { Principal } from '@/server/auth/principal';
import { auditLogView, auditQuery } from '@/server/tenancy/admin';
import type { TenantContext } from '@/server/tenancy/resolve';
import { EmptyState } from '@/ui/empty-state';
import { formatDateTime } from '@/ui/format';
import { FilterForm } from '@/ui/list-filters';
import { buttonVariants } from '@/ui/primitives/button';
import { Card, CardContent } from '@/ui/primitives/card';
import { Input } from '@/ui/primitives/input';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { roleLabel } from '@/ui/status-labels';

// The audit trail as the tenant admin and the compliance officer read it: filters by actor,
// action (or prefix), target and days, newest first, older pages by cursor, and the same
// filters as a CSV file.

const FILTER_KEYS = ['actorId', 'action', 'targetType', 'targetId', 'from', 'to'] as const;
const PAGE = 50;

function query(params: Record<string, string | undefined>) {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));
  const s = q.toString();
  return s ? `?${s}` : '';
}

const metaText = (m: unknown) => {
  const s = JSON.stringify(m ?? {});
  return s === '{}' ? '' : s.length > 160 ? `${s.slice(0, 160)}…` : s;
};

export async function AuditLogView({ tenant, principal, base, searchParams }: { tenant: TenantContext; principal: Principal; base: string; searchParams: Record<string, string | undefined> }) {
  const raw = Object.fromEntries(FILTER_KEYS.map((k) => [k, searchParams[k]?.trim() || undefined]));
  const parsed = auditQuery.safeParse({ ...raw, cursor: searchParams.cursor || undefined, limit: PAGE });
  const filters = parsed.success ? Object.fromEntries(FILTER_KEYS.map((k) => [k, parsed.data[k]])) : {};
  let problem: string | null = parsed.success ? null : parsed.error.issues.map((i) => i.message).join('; ');
  let view: Awaited<ReturnType<typeof auditLogView>> = { entries: [], nextCursor: null };
  try {
    view = await auditLogView(tenant, principal, parsed.success ? parsed.data : auditQuery.parse({ limit: PAGE }));
  } catch (e) {
    problem = e instanceof Error ? e.message : 'The filters are not valid';
  }
  const field = (name: (typeof FILTER_KEYS)[number], label: string, props: Record<string, string> = {}) => (
    <div className="grid gap-1.5">
      <label htmlFor={`audit-${name}`} className="text-sm font-medium">
        {label}
      </label>
      <Input id={`audit-${name}`} name={name} defaultValue={raw[name] ?? ''} className="sm:w-44" {...props} />
    </div>
  );
  return (
    <>
      <FilterForm action={base} label="Filter the audit log" resetHref={base}>
        {field('action', 'Action', { placeholder: 'kyc.approve or kyc.*' })}
        {field('actorId', 'Actor (user id)')}
        {field('targetType', 'Target type', { placeholder: 'deal' })}
        {field('targetId', 'Target id')}
        {field('from', 'From', { type: 'date' })}
        {field('to', 'To', { type: 'date' })}
      </FilterForm>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        {problem ? (
          <p role="alert" className="text-sm text-danger">
            {problem}
          </p>
        ) : (
          <p className="text-sm text-muted-foreground">Newest first. Every export is itself recorded.</p>
        )}
        <a href={`/api/admin/audit-logs/csv${query(filters)}`} className={buttonVariants({ variant: 'outline', size: 'sm' })} data-testid="audit-csv" download>
          <Download aria-hidden /> Export CSV
        </a>
      </div>
      {view.entries.length === 0 ? (
        <EmptyState icon={ScrollText} title="No entries">
          No audit entry matches these filters.
        </EmptyState>
      ) : (
        <Card>
          <CardContent className="px-2 pt-2 sm:px-5">
            <Table stacked>
              <caption className="sr-only">Audit log</caption>
              <THead stacked>
                <tr>
                  <TH scope="col">When</TH>
                  <TH scope="col">Actor</TH>
                  <TH scope="col">Action</TH>
                  <TH scope="col">Target</TH>
                  <TH scope="col">Details</TH>
                </tr>
              </THead>
              <TBody stacked>
                {view.entries.map((e) => (
                  <TR key={e.id} stacked data-testid="audit-row">
                    <TD className="text-xs whitespace-nowrap max-md:p-0">{formatDateTime(e.at)}</TD>
                    <TD label="Actor">
                      {e.actorId ? (
                        <Link href={`${base}${query({ ...filters, actorId: e.actorId })}`} className="break-all hover:underline">
                          {e.actorEmail ?? e.actorId}
                        </Link>
                      ) : (
                        <span className="text-muted-foreground">System</span>
                      )}
                      {e.actorRole && <p className="text-xs text-muted-foreground">{roleLabel(e.actorRole)}</p>}
                    </TD>
                    <TD label="Action">
                      <span className="font-mono text-xs break-all">{e.action}</span>
                      {e.outcome !== 'success' && <p className="text-xs font-semibold text-danger">{e.outcome}</p>}
                    </TD>
                    <TD label="Target">
                      {e.targetType ? (
                        <Link href={`${base}${query({ ...filters, targetType: e.targetType, targetId: e.targetId ?? undefined })}`} className="text-xs break-all hover:underline">
                          {e.targetType}
                          {e.targetId ? ` ${e.targetId.slice(0, 8)}` : ''}
                        </Link>
                      ) : (
                        <span className="text-muted-foreground">—</span>
                      )}
                    </TD>
                    <TD label="Details" className="max-w-xs font-mono text-xs break-all text-muted-foreground">
                      {metaText(e.metadata)}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
            <nav aria-label="Pages" className="mt-4 flex justify-end gap-2">
              {searchParams.cursor && (
                <Link href={`${base}${query(filters)}`} className={buttonVariants({ size: 'sm', variant: 'outline' })}>
                  Newest
                </Link>
              )}
              {view.nextCursor && (
                <Link href={`${base}${query({ ...filters, cursor: view.nextCursor })}`} className={buttonVariants({ size: 'sm', variant: 'outline' })}>
                  Older entries
                </Link>
              )}
            </nav>
          </CardContent>
        </Card>
      )}
    </>
  );
}
