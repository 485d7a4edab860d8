import type { Metadata } from 'next';
import { PageHeader } from '@/ui/page-header';
import { AuditLogView } from '../../audit-log-view';
import { requireSession } from '../../session';
import { ComplianceNav } from '../compliance-nav';

export const metadata: Metadata = { title: 'Audit log' };

export default async function ComplianceAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { tenant, principal } = await requireSession('/compliance/audit', ['compliance_officer', 'tenant_admin']);
  return (
    <>
      <PageHeader title="Audit log" description="Every privileged action, who took it and on what." />
      <ComplianceNav current="/compliance/audit" />
      <AuditLogView tenant={tenant} principal={principal} base="/compliance/audit" searchParams={await searchParams} />
    </>
  );
}
