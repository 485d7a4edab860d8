import type { ComponentProps } from 'react';
import { cn } from '../cn';

export const fieldClass =
  'flex h-10 w-full rounded-[calc(var(--radius-brand)*0.7)] border border-input bg-card px-3 py-2 text-sm text-foreground placeholder:text-muted-foreground focus-visible:border-primary disabled:opacity-60 aria-[invalid=true]:border-danger';

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(fieldClass, className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<'textarea'>) {
  return <textarea className={cn(fieldClass, 'h-auto min-h-24', className)} {...props} />;
}

/** A native select: keyboard, screen reader and mobile pickers work without extra code. */
export function NativeSelect({ className, ...props }: ComponentProps<'select'>) {
  return <select className={cn(fieldClass, 'pr-8', className)} {...props} />;
}
