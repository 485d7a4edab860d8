import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonVariants } from './primitives/button';

/** A GET form above a list: its fields become the page's query string, so filters are links. */
export function FilterForm({ action, label, children, resetHref }: { action: string; label: string; children: ReactNode; resetHref?: string }) {
  return (
    <form method="get" action={action} aria-label={label} className="mb-4 grid gap-3 sm:flex sm:flex-wrap sm:items-end">
      {children}
      <div className="flex gap-2">
        <button type="submit" className={buttonVariants({ size: 'sm' })}>
          Apply
        </button>
        {resetHref && (
          <Link href={resetHref} className={buttonVariants({ size: 'sm', variant: 'ghost' })}>
            Clear
          </Link>
        )}
      </div>
    </form>
  );
}

/** Previous/next links for an offset-paged list. */
export function Pager({ base, params, offset, limit, total }: { base: string; params: Record<string, string | undefined>; offset: number; limit: number; total: number }) {
  const href = (o: number) => {
    const q = new URLSearchParams(Object.entries({ ...params, offset: o ? String(o) : undefined }).filter((e): e is [string, string] => !!e[1]));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  if (total <= limit && offset === 0) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-between gap-2 text-sm">
      <span className="text-muted-foreground">
        {total === 0 ? 0 : offset + 1}–{Math.min(offset + limit, total)} of {total}
      </span>
      <span className="flex gap-2">
        {offset > 0 && (
          <Link href={href(Math.max(0, offset - limit))} className={buttonVariants({ size: 'sm', variant: 'outline' })}>
            Previous
          </Link>
        )}
        {offset + limit < total && (
          <Link href={href(offset + limit)} className={buttonVariants({ size: 'sm', variant: 'outline' })}>
            Next
          </Link>
        )}
      </span>
    </nav>
  );
}
