'use client';

import { Check, Loader2, Plus, X } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api, errorMessage } from './api-client';
import { roleLabel } from './status-labels';
import { Alert } from './primitives/alert';
import { Button } from './primitives/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from './primitives/dialog';
import { Field } from './primitives/field';
import { NativeSelect, Textarea } from './primitives/input';

/** Approve, or reject with a reason the issuer will read. */
function Decision({ name, onApprove, onReject, approveLabel }: { name: string; approveLabel: string; onApprove: () => Promise<void>; onReject: (reason: string) => Promise<void> }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
      setOpen(false);
      router.refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const submitReject = (e: FormEvent) => {
    e.preventDefault();
    void run(() => onReject(reason));
  };
  return (
    <div className="flex flex-col items-stretch gap-2 md:items-end">
      <div className="flex gap-2">
        <Button size="sm" disabled={busy} onClick={() => run(onApprove)} aria-label={`${approveLabel} ${name}`}>
          {busy ? <Loader2 className="animate-spin" aria-hidden /> : <Check aria-hidden />} {approveLabel}
        </Button>
        <Dialog open={open} onOpenChange={setOpen}>
          <DialogTrigger asChild>
            <Button size="sm" variant="outline" disabled={busy} aria-label={`Reject ${name}`}>
              <X aria-hidden /> Reject
            </Button>
          </DialogTrigger>
          <DialogContent>
            <DialogTitle>Reject {name}</DialogTitle>
            <DialogDescription>Say what must change; the issuer sees this reason.</DialogDescription>
            <form onSubmit={submitReject} className="mt-4 grid gap-4">
              {error && <Alert tone="error">{error}</Alert>}
              <Field id="reject-reason" label="Reason">
                <Textarea id="reject-reason" required minLength={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
              </Field>
              <Button type="submit" variant="destructive" disabled={busy || reason.trim().length < 3}>
                Reject
              </Button>
            </form>
          </DialogContent>
        </Dialog>
      </div>
      {error && !open && (
        <p role="alert" className="text-xs text-danger">
          {error}
        </p>
      )}
    </div>
  );
}

export function DealDecision({ dealId, title }: { dealId: string; title: string }) {
  const post = (json: object) => api(`/api/deals/${dealId}/transitions`, { method: 'POST', json }).then(() => undefined);
  return <Decision name={title} approveLabel="Approve" onApprove={() => post({ action: 'approve' })} onReject={(reason) => post({ action: 'reject', reason })} />;
}

export function IssuerDecision({ issuerId, name }: { issuerId: string; name: string }) {
  const post = (json: object) => api(`/api/admin/issuers/${issuerId}/review`, { method: 'POST', json }).then(() => undefined);
  return <Decision name={name} approveLabel="Verify" onApprove={() => post({ decision: 'verify', reason: 'Legal entity checked' })} onReject={(reason) => post({ decision: 'reject', reason })} />;
}

const ROLES = ['investor', 'issuer', 'broker', 'transfer_agent', 'compliance_officer', 'tenant_admin'] as const;

export function RoleEditor({ userId, name, roles, self }: { userId: string; name: string; roles: string[]; self: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [grant, setGrant] = useState('');
  const change = async (role: string, action: 'grant' | 'revoke') => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/admin/users/${userId}/roles`, { method: 'POST', json: { role, action } });
      setGrant('');
      router.refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const missing = ROLES.filter((r) => !roles.includes(r));
  return (
    <div className="grid gap-2">
      <ul className="flex flex-wrap gap-1.5" aria-label={`Roles of ${name}`}>
        {roles.map((r) => (
          <li key={r} className="inline-flex items-center gap-1 rounded-full bg-muted py-0.5 pr-1 pl-2.5 text-xs font-medium">
            {roleLabel(r)}
            {!(self && r === 'tenant_admin') && (
              <button type="button" disabled={busy} onClick={() => change(r, 'revoke')} className="rounded-full p-0.5 hover:bg-border" aria-label={`Revoke ${roleLabel(r)} from ${name}`}>
                <X className="size-3" aria-hidden />
              </button>
            )}
          </li>
        ))}
      </ul>
      {missing.length > 0 && (
        <div className="flex items-center gap-1.5">
          <label htmlFor={`grant-${userId}`} className="sr-only">
            Role to grant {name}
          </label>
          <NativeSelect id={`grant-${userId}`} value={grant} onChange={(e) => setGrant(e.target.value)} className="h-8 w-40 text-xs">
            <option value="">Add a role…</option>
            {missing.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </NativeSelect>
          <Button size="sm" variant="outline" disabled={!grant || busy} onClick={() => change(grant, 'grant')} aria-label={`Grant the selected role to ${name}`}>
            <Plus aria-hidden /> Grant
          </Button>
        </div>
      )}
      {error && (
        <p role="alert" className="text-xs text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
