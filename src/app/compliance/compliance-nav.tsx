import { SectionNav } from '@/ui/section-nav';

const ITEMS = [
  ['/compliance', 'Queues'],
  ['/compliance/kyc', 'KYC reviews'],
  ['/compliance/screening', 'Screening hits'],
  ['/compliance/accreditations', 'Accreditations'],
  ['/compliance/reports', 'Deal reports'],
  ['/compliance/audit', 'Audit log'],
] as const;

export function ComplianceNav({ current }: { current: string }) {
  return <SectionNav label="Compliance" items={ITEMS} current={current} />;
}
