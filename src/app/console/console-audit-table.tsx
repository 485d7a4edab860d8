import { formatDateTime } from '@/ui/format';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';

type Entry = { id: string; at: string; action: string; adminEmail: string | null; tenantSlug: string | null; target: string | null; metadata: Record<string, unknown>; ip: string | null };

export function ConsoleAuditTable({ entries }: { entries: Entry[] }) {
  if (!entries.length) return <p className="mt-2 text-sm text-muted-foreground">No entries yet.</p>;
  return (
    <Table stacked className="mt-2">
      <THead stacked>
        <TR>
          <TH>When</TH>
          <TH>Action</TH>
          <TH>Admin</TH>
          <TH>Tenant</TH>
          <TH>Details</TH>
        </TR>
      </THead>
      <TBody stacked>
        {entries.map((e) => (
          <TR stacked key={e.id}>
            <TD label="When">{formatDateTime(e.at)}</TD>
            <TD label="Action">{e.action}</TD>
            <TD label="Admin">{e.adminEmail ?? 'system'}</TD>
            <TD label="Tenant">{e.tenantSlug ?? e.target ?? '—'}</TD>
            <TD label="Details" className="max-w-xs break-words text-xs">
              {Object.keys(e.metadata).length ? JSON.stringify(e.metadata) : ''}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
