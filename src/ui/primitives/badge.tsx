import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from '../cn';

// The looks are component classes in globals.css (.badge, .badge-<tone>): badges repeat on
// every listing, and one class is shorter than eight utilities in the HTML and the RSC payload.
export const badgeVariants = cva('badge', {
  variants: {
    tone: {
      neutral: 'badge-neutral',
      brand: 'badge-brand',
      success: 'badge-success',
      warning: 'badge-warning',
      danger: 'badge-danger',
      outline: 'badge-outline',
    },
  },
  defaultVariants: { tone: 'neutral' },
});

export function Badge({ className, tone, ...props }: ComponentProps<'span'> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ tone }), className)} {...props} />;
}
