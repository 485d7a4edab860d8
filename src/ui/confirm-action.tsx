'use client';

import { Loader2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { api, errorMessage } from './api-client';
import { Alert } from './primitives/alert';
import { Button, type ButtonProps } from './primitives/button';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from './primitives/dialog';

export type ActionRequest = { path: string; method?: 'POST' | 'PATCH' | 'DELETE'; json?: unknown };

/**
 * A button for a step that is hard to take back (approve a deal, submit it for review): it
 * asks first, says what will happen, then sends the request and re-renders the page.
 */
export function ConfirmAction({
  label,
  icon,
  title,
  description,
  confirmLabel,
  request,
  disabled,
  disabledReason,
  size = 'sm',
  ariaLabel,
}: {
  label: string;
  icon?: ReactNode;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  request: ActionRequest;
  disabled?: boolean;
  disabledReason?: string;
  size?: ButtonProps['size'];
  ariaLabel?: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(request.path, { method: request.method ?? 'POST', json: request.json ?? {} });
      setOpen(false);
      router.refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-col items-stretch gap-1 md:items-end">
      <Dialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next) setError(null);
        }}
      >
        <DialogTrigger asChild>
          <Button size={size} disabled={disabled || busy} aria-label={ariaLabel} title={disabled ? disabledReason : undefined}>
            {icon} {label}
          </Button>
        </DialogTrigger>
        <DialogContent>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
          {error && (
            <Alert tone="error" className="mt-4">
              {error}
            </Alert>
          )}
          <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <DialogClose asChild>
              <Button variant="outline" disabled={busy}>
                Cancel
              </Button>
            </DialogClose>
            <Button onClick={run} disabled={busy}>
              {busy && <Loader2 className="animate-spin" aria-hidden />} {confirmLabel}
            </Button>
          </div>
        </DialogContent>
      </Dialog>
      {disabled && disabledReason && <p className="max-w-60 text-xs text-muted-foreground md:text-right">{disabledReason}</p>}
    </div>
  );
}
