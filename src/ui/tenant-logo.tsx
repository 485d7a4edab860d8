import type { TenantContext } from '@/server/tenancy/resolve';
import { cn } from './cn';

/** The tenant's logo (light/dark variants), or a monogram in the brand colour. */
export function TenantLogo({ tenant, className }: { tenant: TenantContext; className?: string }) {
  const { light, dark } = tenant.theme.logo;
  if (light) {
    return (
      <>
        {/* eslint-disable-next-line @next/next/no-img-element -- tenant assets come from their own URLs */}
        <img src={light} alt="" className={cn('h-8 w-auto', dark && 'dark:hidden', className)} />
        {dark && <img src={dark} alt="" className={cn('hidden h-8 w-auto dark:block', className)} />}
      </>
    );
  }
  const initials = tenant.name
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join('');
  return (
    <span aria-hidden className={cn('grid size-8 shrink-0 place-items-center rounded-[calc(var(--radius-brand)*0.7)] bg-primary text-xs font-bold text-primary-foreground', className)}>
      {initials}
    </span>
  );
}
