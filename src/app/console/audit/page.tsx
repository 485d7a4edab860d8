import type { Metadata } from 'next';
import { consoleAudit } from '@/server/platform/console/tenants';
import { ConsoleAuditTable } from '../console-audit-table';
import { requireConsoleAdmin } from '../console-session';

export const metadata: Metadata = { title: 'Audit log' };

export default async function ConsoleAuditPage() {
  await requireConsoleAdmin();
  const { entries } = await consoleAudit({ limit: 200 });
  return (
    <>
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <p className="mt-1 text-sm text-muted-foreground">Sign-ins, refusals, suspensions and every other platform action, newest first (the last 200).</p>
      <ConsoleAuditTable entries={entries} />
    </>
  );
}
