import { Badge } from '@/ui/primitives/badge';

const TONE = { active: 'success', suspended: 'danger', provisioning: 'warning' } as const;

export function TenantStatus({ status }: { status: keyof typeof TONE }) {
  return <Badge tone={TONE[status]}>{status}</Badge>;
}
