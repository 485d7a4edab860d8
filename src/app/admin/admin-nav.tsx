import { SectionNav } from '@/ui/section-nav';

const ITEMS = [
  ['/admin', 'Overview'],
  ['/admin/deals', 'Deal reviews'],
  ['/admin/investments', 'Investments'],
  ['/admin/escrow', 'Escrow'],
  ['/admin/groups', 'Deal groups'],
  ['/admin/staking', 'Staking'],
  ['/admin/issuers', 'Issuers'],
  ['/admin/users', 'Users'],
  ['/admin/audit', 'Audit log'],
  ['/admin/branding', 'Branding'],
  ['/admin/features', 'Features'],
  ['/admin/webhooks', 'Webhooks'],
  ['/admin/lending', 'Lending'],
  ['/admin/moderation', 'Moderation'],
  ['/admin/newsletter', 'Newsletter'],
  ['/admin/referrals', 'Referrals'],
  ['/admin/assets', 'Assets'],
  ['/admin/brokers', 'Brokers and agents'],
] as const;

export function AdminNav({ current }: { current: string }) {
  return <SectionNav label="Administration" items={ITEMS} current={current} />;
}
