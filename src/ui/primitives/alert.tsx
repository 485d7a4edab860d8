import { AlertCircle, CheckCircle2, Info } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '../cn';

const TONES = {
  error: { cls: 'border-danger/30 bg-danger-soft text-danger', Icon: AlertCircle },
  success: { cls: 'border-success/30 bg-success-soft text-success', Icon: CheckCircle2 },
  info: { cls: 'border-border bg-muted text-foreground', Icon: Info },
} as const;

export function Alert({ tone = 'info', title, children, className }: { tone?: keyof typeof TONES; title?: ReactNode; children?: ReactNode; className?: string }) {
  const { cls, Icon } = TONES[tone];
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={cn('flex gap-3 rounded-[calc(var(--radius-brand)*0.75)] border p-3 text-sm', cls, className)}>
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div className="grid gap-1">
        {title && <p className="font-semibold">{title}</p>}
        {children && <div>{children}</div>}
      </div>
    </div>
  );
}
