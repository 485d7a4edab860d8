import Link from 'next/link';

export type SectionItem = readonly [href: string, label: string];

/** The tabs of a workspace (admin, compliance): one link per page, the current one marked. */
export function SectionNav({ label, items, current }: { label: string; items: readonly SectionItem[]; current: string }) {
  return (
    <nav aria-label={label} className="mb-6 flex flex-wrap gap-x-1 border-b border-border">
      {items.map(([href, text]) => (
        <Link
          key={href}
          href={href}
          aria-current={current === href ? 'page' : undefined}
          className={`-mb-px shrink-0 border-b-2 px-2.5 py-2 text-sm font-medium sm:px-3 ${current === href ? 'border-primary text-primary-text' : 'border-transparent text-muted-foreground hover:text-foreground'}`}
        >
          {text}
        </Link>
      ))}
    </nav>
  );
}

/** Filter links (?status=…) above a list; the chosen one marked. */
export function FilterLinks({ label, base, param, options, current }: { label: string; base: string; param: string; options: readonly (readonly [value: string, text: string])[]; current: string }) {
  return (
    <nav aria-label={label} className="mb-4 flex flex-wrap gap-1.5">
      {options.map(([value, text]) => {
        const active = value === current;
        return (
          <Link
            key={value}
            href={value ? `${base}?${param}=${encodeURIComponent(value)}` : base}
            aria-current={active ? 'true' : undefined}
            className={`rounded-full border px-3 py-1 text-xs font-medium ${active ? 'border-primary bg-primary-soft text-primary-text' : 'border-border text-muted-foreground hover:text-foreground'}`}
          >
            {text}
          </Link>
        );
      })}
    </nav>
  );
}
