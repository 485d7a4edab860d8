'use client';

import { Loader2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, errorMessage } from './api-client';
import { Alert } from './primitives/alert';
import { Button, type ButtonProps } from './primitives/button';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from './primitives/dialog';
import { Field, fieldAria } from './primitives/field';
import { Input, Textarea } from './primitives/input';

export type TextField = { name: string; label: string; required?: boolean; minLength?: number; hint?: string; placeholder?: string };
export type DateField = { name: string; label: string; hint?: string; min?: string; max?: string };

/**
 * A decision that needs words (a reason, a note) and maybe a date, asked in a dialog that says
 * what will happen, sent as JSON to our API (CSRF header by api()), with the API's field
 * messages shown under the field they name. The page re-renders afterwards.
 */
export function DecisionDialog({
  label,
  icon,
  ariaLabel,
  title,
  description,
  confirmLabel,
  path,
  json = {},
  text,
  date,
  variant = 'default',
  confirmVariant,
  size = 'sm',
  method = 'POST',
}: {
  label: string;
  icon?: ReactNode;
  ariaLabel?: string;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  path: string;
  json?: Record<string, unknown>;
  text?: TextField;
  /** A calendar day, sent as the end of that day in UTC (an ISO date-time). */
  date?: DateField;
  variant?: ButtonProps['variant'];
  confirmVariant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
  method?: 'POST' | 'DELETE';
}) {
  const router = useRouter();
  const uid = useId();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [value, setValue] = useState('');
  const [day, setDay] = useState('');
  const textId = `${uid}-text`;
  const dateId = `${uid}-date`;
  const fieldError = (name?: string) => (name && error instanceof ApiError ? error.field(name) : undefined);
  const general = error instanceof ApiError ? (text && error.field(text.name)) || (date && error.field(date.name)) ? null : errorMessage(error) : error;
  const tooShort = !!text?.required && value.trim().length < (text.minLength ?? 1);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { ...json };
      if (text && value.trim()) body[text.name] = value.trim();
      if (date && day) body[date.name] = `${day}T23:59:59Z`;
      await api(path, { method, json: body });
      setOpen(false);
      setValue('');
      setDay('');
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button size={size} variant={variant} aria-label={ariaLabel}>
          {icon} {label}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
        <form onSubmit={submit} className="mt-4 grid gap-4" noValidate>
          {general && <Alert tone="error">{general}</Alert>}
          {text && (
            <Field id={textId} label={text.label} hint={text.hint} error={fieldError(text.name)}>
              <Textarea
                {...fieldAria(textId, fieldError(text.name), !!text.hint)}
                name={text.name}
                required={text.required}
                minLength={text.minLength}
                maxLength={2000}
                value={value}
                placeholder={text.placeholder}
                onChange={(e) => setValue(e.target.value)}
              />
            </Field>
          )}
          {date && (
            <Field id={dateId} label={date.label} hint={date.hint} error={fieldError(date.name)}>
              <Input {...fieldAria(dateId, fieldError(date.name), !!date.hint)} type="date" name={date.name} min={date.min} max={date.max} value={day} onChange={(e) => setDay(e.target.value)} />
            </Field>
          )}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={busy}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" variant={confirmVariant ?? (variant === 'destructive' ? 'destructive' : 'default')} disabled={busy || tooShort}>
              {busy && <Loader2 className="animate-spin" aria-hidden />} {confirmLabel}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
