'use client';

import { useState, type ComponentProps } from 'react';
import { api } from './api-client';
import { Alert } from './primitives/alert';
import { Button } from './primitives/button';
import { Input, NativeSelect, Textarea } from './primitives/input';
import { Label } from './primitives/label';
import { useSubmit } from './use-submit';

// The forms of the brokers and transfer agents workspaces: a broker invites an investor; an
// investor answers an invitation; an admin sets up or edits a broker or a transfer agent; a
// transfer agent records a corporate action. Each goes through the API, which checks and audits it.

const text = (f: FormData, k: string) => String(f.get(k) ?? '').trim();

function Field({ id, label, error, ...rest }: { id: string; label: string; error?: string } & ComponentProps<'input'>) {
  return (
    <div className="grid gap-1">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} autoComplete="off" aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined} {...rest} />
      {error && (
        <p id={`${id}-error`} className="text-sm text-danger">
          {error}
        </p>
      )}
    </div>
  );
}

function ChoiceSelect({ id, name, label, placeholder, choices }: { id: string; name: string; label: string; placeholder: string; choices: { id: string; label: string }[] }) {
  return (
    <div className="grid gap-1">
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect id={id} name={name} required defaultValue="">
        <option value="" disabled>
          {placeholder}
        </option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

function Status({ s }: { s: { message: string | null; ok: string | null } }) {
  return (
    <>
      {s.message && <Alert tone="error">{s.message}</Alert>}
      {s.ok && <Alert tone="success">{s.ok}</Alert>}
    </>
  );
}

export function InviteClientForm() {
  const s = useSubmit(
    (f) =>
      api('/api/broker/invitations', {
        method: 'POST',
        json: {
          email: text(f, 'email'),
          ...(text(f, 'message') ? { message: text(f, 'message') } : {}),
        },
      }),
    'Invitation sent: the investor sees it under My broker.',
  );
  return (
    <form className="grid gap-3" onSubmit={s.onSubmit}>
      <Field id="invite-email" name="email" type="email" label="Investor’s email" required error={s.fieldError('email')} />
      <div className="grid gap-1">
        <Label htmlFor="invite-message">Message (optional)</Label>
        <Textarea id="invite-message" name="message" rows={3} maxLength={1000} />
      </div>
      <Status s={s} />
      <Button type="submit" disabled={s.busy}>
        Invite
      </Button>
    </form>
  );
}

export function InvitationAnswer({ id }: { id: string }) {
  const accept = useSubmit(() => api(`/api/broker-invitations/${id}/accept`, { method: 'POST' }));
  const decline = useSubmit(() => api(`/api/broker-invitations/${id}/decline`, { method: 'POST' }));
  return (
    <div className="flex flex-wrap gap-2">
      <form onSubmit={accept.onSubmit}>
        <Button type="submit" size="sm" disabled={accept.busy || decline.busy}>
          Accept
        </Button>
      </form>
      <form onSubmit={decline.onSubmit}>
        <Button type="submit" size="sm" variant="outline" disabled={accept.busy || decline.busy}>
          Decline
        </Button>
      </form>
      {(accept.message ?? decline.message) && <Alert tone="error">{accept.message ?? decline.message}</Alert>}
    </div>
  );
}

type BrokerValues = {
  id?: string;
  userId?: string;
  displayName: string;
  licenceNumber: string;
  licenceJurisdiction: string;
  commissionBps: number;
  allDeals: boolean;
  dealIds: string[];
  status: 'active' | 'suspended';
};

export function BrokerForm({ broker, candidates, deals }: { broker?: BrokerValues; candidates: { id: string; email: string }[]; deals: { id: string; title: string }[] }) {
  const key = broker?.id ?? 'new';
  const s = useSubmit(
    (f) => {
      const body = {
        displayName: text(f, 'displayName'),
        licenceNumber: text(f, 'licenceNumber'),
        licenceJurisdiction: text(f, 'licenceJurisdiction'),
        commissionBps: Number(text(f, 'commissionBps')),
        allDeals: f.get('allDeals') === 'on',
        dealIds: f.getAll('dealIds').map(String),
        status: text(f, 'status') as 'active' | 'suspended',
      };
      return broker?.id
        ? api(`/api/admin/brokers/${broker.id}`, { method: 'PUT', json: body })
        : api('/api/admin/brokers', {
            method: 'POST',
            json: { userId: text(f, 'userId'), ...body },
          });
    },
    broker ? 'Saved.' : 'Broker set up.',
  );
  return (
    <form className="grid gap-3" onSubmit={s.onSubmit} aria-label={broker ? `Edit ${broker.displayName}` : 'Set up a broker'}>
      {!broker && (
        <ChoiceSelect id={`broker-${key}-userId`} name="userId" label="Member with the broker role" placeholder="Choose a member" choices={candidates.map((c) => ({ id: c.id, label: c.email }))} />
      )}
      <Field id={`broker-${key}-displayName`} name="displayName" label="Display name" defaultValue={broker?.displayName} required error={s.fieldError('displayName')} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`broker-${key}-licenceNumber`} name="licenceNumber" label="Licence number" defaultValue={broker?.licenceNumber} required error={s.fieldError('licenceNumber')} />
        <Field
          id={`broker-${key}-licenceJurisdiction`}
          name="licenceJurisdiction"
          label="Licence jurisdiction (e.g. US-NY)"
          defaultValue={broker?.licenceJurisdiction}
          required
          error={s.fieldError('licenceJurisdiction')}
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          id={`broker-${key}-commissionBps`}
          name="commissionBps"
          label="Commission (basis points)"
          type="number"
          min={0}
          max={10000}
          step={1}
          defaultValue={broker?.commissionBps ?? 100}
          required
          error={s.fieldError('commissionBps')}
        />
        <div className="grid gap-1">
          <Label htmlFor={`broker-${key}-status`}>Status</Label>
          <NativeSelect id={`broker-${key}-status`} name="status" defaultValue={broker?.status ?? 'active'}>
            <option value="active">Active</option>
            <option value="suspended">Suspended</option>
          </NativeSelect>
        </div>
      </div>
      <fieldset className="grid gap-2">
        <legend className="text-sm font-medium">Deals the broker may offer</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="allDeals" defaultChecked={broker?.allDeals ?? false} /> Every deal of this platform
        </label>
        {deals.map((d) => (
          <label key={d.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="dealIds" value={d.id} defaultChecked={broker?.dealIds.includes(d.id)} /> {d.title}
          </label>
        ))}
        {s.fieldError('dealIds') && <p className="text-sm text-danger">{s.fieldError('dealIds')}</p>}
      </fieldset>
      <Status s={s} />
      <Button type="submit" disabled={s.busy}>
        {broker ? 'Save' : 'Set up broker'}
      </Button>
    </form>
  );
}

export function AttachClientForm({ brokerId, investors }: { brokerId: string; investors: { id: string; email: string }[] }) {
  const s = useSubmit(
    (f) =>
      api(`/api/admin/brokers/${brokerId}/clients`, {
        method: 'POST',
        json: { investorId: text(f, 'investorId') },
      }),
    'Client attached.',
  );
  return (
    <form className="flex flex-wrap items-end gap-2" onSubmit={s.onSubmit}>
      <ChoiceSelect id={`attach-${brokerId}`} name="investorId" label="Attach an investor" placeholder="Choose an investor" choices={investors.map((i) => ({ id: i.id, label: i.email }))} />
      <Button type="submit" size="sm" variant="outline" disabled={s.busy}>
        Attach
      </Button>
      <Status s={s} />
    </form>
  );
}

type AgentValues = {
  id: string;
  displayName: string;
  registrationNumber: string;
  registrationJurisdiction: string;
  contactEmail: string | null;
  status: 'active' | 'suspended';
};

export function TransferAgentForm({ agent, candidates }: { agent?: AgentValues; candidates: { id: string; email: string }[] }) {
  const key = agent?.id ?? 'new';
  const s = useSubmit(
    (f) => {
      const body = {
        displayName: text(f, 'displayName'),
        registrationNumber: text(f, 'registrationNumber'),
        registrationJurisdiction: text(f, 'registrationJurisdiction'),
        contactEmail: text(f, 'contactEmail') || null,
        status: text(f, 'status') as 'active' | 'suspended',
      };
      return agent
        ? api(`/api/admin/transfer-agents/${agent.id}`, {
            method: 'PUT',
            json: body,
          })
        : api('/api/admin/transfer-agents', {
            method: 'POST',
            json: { userId: text(f, 'userId'), ...body },
          });
    },
    agent ? 'Saved.' : 'Transfer agent set up.',
  );
  return (
    <form className="grid gap-3" onSubmit={s.onSubmit} aria-label={agent ? `Edit ${agent.displayName}` : 'Set up a transfer agent'}>
      {!agent && (
        <ChoiceSelect
          id={`agent-${key}-userId`}
          name="userId"
          label="Member with the transfer agent role"
          placeholder="Choose a member"
          choices={candidates.map((c) => ({ id: c.id, label: c.email }))}
        />
      )}
      <Field id={`agent-${key}-displayName`} name="displayName" label="Display name" defaultValue={agent?.displayName} required error={s.fieldError('displayName')} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          id={`agent-${key}-registrationNumber`}
          name="registrationNumber"
          label="Registration number"
          defaultValue={agent?.registrationNumber}
          required
          error={s.fieldError('registrationNumber')}
        />
        <Field
          id={`agent-${key}-registrationJurisdiction`}
          name="registrationJurisdiction"
          label="Registration jurisdiction (e.g. US)"
          defaultValue={agent?.registrationJurisdiction}
          required
          error={s.fieldError('registrationJurisdiction')}
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`agent-${key}-contactEmail`} name="contactEmail" type="email" label="Contact email (optional)" defaultValue={agent?.contactEmail ?? ''} error={s.fieldError('contactEmail')} />
        <div className="grid gap-1">
          <Label htmlFor={`agent-${key}-status`}>Status</Label>
          <NativeSelect id={`agent-${key}-status`} name="status" defaultValue={agent?.status ?? 'active'}>
            <option value="active">Active</option>
            <option value="suspended">Suspended</option>
          </NativeSelect>
        </div>
      </div>
      <Status s={s} />
      <Button type="submit" disabled={s.busy}>
        {agent ? 'Save' : 'Set up transfer agent'}
      </Button>
    </form>
  );
}

export function CorporateActionForm({ dealId, holders, members }: { dealId: string; holders: { id: string; label: string }[]; members: { id: string; label: string }[] }) {
  const [kind, setKind] = useState<'transfer' | 'freeze' | 'unfreeze'>('transfer');
  const s = useSubmit((f) => {
    const base = {
      kind,
      holderId: text(f, 'holderId'),
      reason: text(f, 'reason'),
    };
    const json =
      kind === 'transfer'
        ? {
            ...base,
            toHolderId: text(f, 'toHolderId'),
            amount: text(f, 'amount'),
            ...(text(f, 'consideration') ? { consideration: text(f, 'consideration') } : {}),
          }
        : base;
    return api(`/api/transfer-agent/deals/${dealId}/actions`, {
      method: 'POST',
      json,
    });
  }, 'Recorded.');
  return (
    <form className="grid gap-3" onSubmit={s.onSubmit} aria-label="Record a corporate action">
      <div className="grid gap-1">
        <Label htmlFor="action-kind">Action</Label>
        <NativeSelect id="action-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          <option value="transfer">Transfer between holders</option>
          <option value="freeze">Freeze a position</option>
          <option value="unfreeze">Unfreeze a position</option>
        </NativeSelect>
      </div>
      <ChoiceSelect id="action-holder" name="holderId" label={kind === 'transfer' ? 'From holder' : 'Holder'} placeholder="Choose a holder" choices={holders} />
      {kind === 'transfer' && (
        <>
          <ChoiceSelect id="action-to" name="toHolderId" label="To member" placeholder="Choose a member" choices={members} />
          <div className="grid gap-3 sm:grid-cols-2">
            <Field id="action-amount" name="amount" label="Amount (deal currency)" inputMode="decimal" required error={s.fieldError('amount')} />
            <Field id="action-consideration" name="consideration" label="Consideration paid (optional)" inputMode="decimal" error={s.fieldError('consideration')} />
          </div>
        </>
      )}
      <div className="grid gap-1">
        <Label htmlFor="action-reason">Reason</Label>
        <Textarea id="action-reason" name="reason" rows={2} required minLength={3} maxLength={1000} aria-invalid={!!s.fieldError('reason')} />
        {s.fieldError('reason') && <p className="text-sm text-danger">{s.fieldError('reason')}</p>}
      </div>
      <Status s={s} />
      <Button type="submit" disabled={s.busy}>
        Record
      </Button>
    </form>
  );
}
