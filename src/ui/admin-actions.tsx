'use client';

import { Check, Loader2, Plus, X } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api, errorMessage } from './api-client';
import { ConfirmAction } from './confirm-action';
import { roleLabel } from './status-labels';
import { Alert } from './primitives/alert';
import { Button } from './primitives/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from './primitives/dialog';
import { Field } from './primitives/field';
import { NativeSelect, Textarea } from './primitives/input';

/** Reject with a reason the other side will read. */
function RejectDialog({ name, path, json, noun }: { name: string; path: string; json: (reason: string) => object; noun: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(path, { method: 'POST', json: json(reason) });
      setOpen(false);
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" variant="outline" aria-label={`Reject ${name}`}>
          <X aria-hidden /> Reject
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>Reject {name}</DialogTitle>
        <DialogDescription>Say what must change; the {noun} sees this reason and gets it by email.</DialogDescription>
        <form onSubmit={submit} className="mt-4 grid gap-4">
          {error && <Alert tone="error">{error}</Alert>}
          <Field id="reject-reason" label="Reason">
            <Textarea id="reject-reason" required minLength={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <Button type="submit" variant="destructive" disabled={busy || reason.trim().length < 3}>
            {busy && <Loader2 className="animate-spin" aria-hidden />} Reject
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function DealDecision({ dealId, title }: { dealId: string; title: string }) {
  const path = `/api/deals/${dealId}/transitions`;
  return (
    <div className="flex flex-wrap gap-2 md:justify-end">
      <ConfirmAction
        label="Approve"
        icon={<Check aria-hidden />}
        ariaLabel={`Approve ${title}`}
        title={`Approve ${title}?`}
        description="The deal goes live at once: investors can see it and invest. The issuer is told by email."
        confirmLabel="Approve"
        request={{ path, json: { action: 'approve' } }}
      />
      <RejectDialog name={title} noun="issuer" path={path} json={(reason) => ({ action: 'reject', reason })} />
    </div>
  );
}

/** Verify with the reviewer's own note of what was checked, or reject with a reason. */
export function IssuerDecision({ issuerId, name }: { issuerId: string; name: string }) {
  const router = useRouter();
  const path = `/api/admin/issuers/${issuerId}/review`;
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const verify = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(path, { method: 'POST', json: { decision: 'verify', reason } });
      setOpen(false);
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-wrap gap-2 md:justify-end">
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogTrigger asChild>
          <Button size="sm" aria-label={`Verify ${name}`}>
            <Check aria-hidden /> Verify
          </Button>
        </DialogTrigger>
        <DialogContent>
          <DialogTitle>Verify {name}</DialogTitle>
          <DialogDescription>Once verified, the issuer can submit deals for review. Note what you checked; it is kept with the decision.</DialogDescription>
          <form onSubmit={verify} className="mt-4 grid gap-4">
            {error && <Alert tone="error">{error}</Alert>}
            <Field id={`verify-reason-${issuerId}`} label="What you checked">
              <Textarea id={`verify-reason-${issuerId}`} required minLength={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Registry extract, directors' IDs, proof of address" />
            </Field>
            <Button type="submit" disabled={busy || reason.trim().length < 3}>
              {busy && <Loader2 className="animate-spin" aria-hidden />} Verify
            </Button>
          </form>
        </DialogContent>
      </Dialog>
      <RejectDialog name={name} noun="issuer" path={path} json={(reason) => ({ decision: 'reject', reason })} />
    </div>
  );
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

/** Feature a published deal on the deals page (or stop featuring it). */
export function FeatureToggle({ dealId, title, featured }: { dealId: string; title: string; featured: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/admin/deals/${dealId}`, { method: 'POST', json: { action: featured ? 'unfeature' : 'feature' } });
      router.refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="grid justify-items-start gap-1 md:justify-items-end">
      <Button size="sm" variant={featured ? 'outline' : 'default'} disabled={busy} onClick={toggle} aria-pressed={featured} aria-label={`${featured ? 'Stop featuring' : 'Feature'} ${title}`}>
        {busy && <Loader2 className="animate-spin" aria-hidden />} {featured ? 'Featured' : 'Feature'}
      </Button>
      {error && (
        <p role="alert" className="text-xs text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
