import type { ComponentProps, ReactNode } from 'react';
import { cn } from '../cn';

// A table scrolls sideways on narrow screens instead of breaking the layout; a `stacked` one
// becomes one card per row below the tablet width instead (each cell with its column's label),
// for tables whose last columns hold what people came for (actions, totals). The wrapper is
// positioned so visually hidden labels inside it never widen the page.

export function Table({ className, stacked = false, ...props }: ComponentProps<'table'> & { stacked?: boolean }) {
  return (
    <div className={cn('relative w-full', stacked ? 'md:overflow-x-auto' : 'overflow-x-auto')} data-stacked={stacked || undefined}>
      <table className={cn('w-full caption-bottom text-sm', stacked && 'max-md:block', className)} {...props} />
    </div>
  );
}
export function THead({ className, stacked = false, ...props }: ComponentProps<'thead'> & { stacked?: boolean }) {
  return <thead className={cn('border-b border-border text-left text-xs uppercase tracking-wide text-muted-foreground', stacked && 'max-md:sr-only', className)} {...props} />;
}
export function TBody({ className, stacked = false, ...props }: ComponentProps<'tbody'> & { stacked?: boolean }) {
  return <tbody className={cn('divide-y divide-border', stacked && 'max-md:grid max-md:gap-3 max-md:divide-y-0', className)} {...props} />;
}
export function TR({ className, stacked = false, ...props }: ComponentProps<'tr'> & { stacked?: boolean }) {
  return <tr className={cn('hover:bg-muted/50', stacked && 'max-md:grid max-md:gap-2 max-md:rounded-[calc(var(--radius-brand)*0.75)] max-md:border max-md:border-border max-md:p-3', className)} {...props} />;
}
export function TH({ className, ...props }: ComponentProps<'th'>) {
  return <th className={cn('h-10 px-3 font-medium whitespace-nowrap', className)} {...props} />;
}
/** In a stacked table, `label` names the cell on phones, where the header row is not shown. */
export function TD({ className, label, children, ...props }: ComponentProps<'td'> & { label?: ReactNode }) {
  return (
    <td className={cn('px-3 py-3 align-middle', label !== undefined && 'max-md:flex max-md:items-start max-md:justify-between max-md:gap-3 max-md:p-0', className)} {...props}>
      {label !== undefined && (
        <span aria-hidden className="text-xs text-muted-foreground md:hidden">
          {label}
        </span>
      )}
      {label !== undefined ? <div className="max-md:text-right">{children}</div> : children}
    </td>
  );
}
