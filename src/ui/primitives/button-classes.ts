// The button look as plain class strings, with no runtime dependency, so the lightest client
// components (theme toggle, error page, lazy triggers) can use it without pulling in
// class-variance-authority and tailwind-merge. button.tsx builds its variants from the same table.
export const BUTTON_BASE =
  'inline-flex shrink-0 items-center justify-center gap-2 whitespace-nowrap rounded-[calc(var(--radius-brand)*0.75)] text-sm font-medium transition-colors disabled:pointer-events-none disabled:opacity-60 [&_svg]:size-4 [&_svg]:shrink-0';

export const BUTTON_VARIANTS = {
  default: 'bg-primary text-primary-foreground shadow-sm hover:bg-primary/90',
  outline: 'border border-border bg-card text-foreground hover:bg-muted',
  secondary: 'bg-muted text-foreground hover:bg-muted/70',
  ghost: 'text-foreground hover:bg-muted',
  destructive: 'bg-danger text-white hover:bg-danger/90 dark:text-background',
  link: 'text-primary-text underline-offset-4 hover:underline',
} as const;

export const BUTTON_SIZES = {
  default: 'h-10 px-4',
  sm: 'h-8 px-3 text-xs',
  lg: 'h-11 px-6 text-base',
  icon: 'size-10',
} as const;

/** Class names of a button; `extra` must not conflict with the variant's (no merging here). */
export function buttonClass(variant: keyof typeof BUTTON_VARIANTS = 'default', size: keyof typeof BUTTON_SIZES = 'default', extra = ''): string {
  return [BUTTON_BASE, BUTTON_VARIANTS[variant], BUTTON_SIZES[size], extra].filter(Boolean).join(' ');
}
