import Link from 'next/link';

const ITEMS = [
  ['/admin', 'Overview'],
  ['/admin/deals', 'Deal reviews'],
  ['/admin/issuers', 'Issuers'],
  ['/admin/users', 'Users'],
  ['/admin/branding', 'Branding'],
] as const;

export function AdminNav({ current }: { current: string }) {
  return (
    <nav aria-label="Administration" className="mb-6 flex flex-wrap gap-x-1 border-b border-border">
      {ITEMS.map(([href, label]) => (
        <Link
          key={href}
          href={href}
          aria-current={current === href ? 'page' : undefined}
          className={`-mb-px shrink-0 border-b-2 px-2.5 py-2 text-sm font-medium sm:px-3 ${current === href ? 'border-primary text-primary-text' : 'border-transparent text-muted-foreground hover:text-foreground'}`}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
