import type { Metadata } from 'next';
import { PageHeader } from '@/ui/page-header';
import { AuditLogView } from '../../audit-log-view';
import { requireSession } from '../../session';
import { AdminNav } from '../admin-nav';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { tenant, principal } = await requireSession('/admin/audit', ['tenant_admin']);
  return (
    <>
      <PageHeader title="Administration" description="Audit log: every privileged action, who took it and on what." />
      <AdminNav current="/admin/audit" />
      <AuditLogView tenant={tenant} principal={principal} base="/admin/audit" searchParams={await searchParams} />
    </>
  );
}
