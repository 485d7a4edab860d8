'use client';

import { useState } from 'react';
import { api } from '@/ui/api-client';
import { FormStatus } from '@/ui/form-status';
import { Alert } from '@/ui/primitives/alert';
import { Button } from '@/ui/primitives/button';
import { fieldClass, Input } from '@/ui/primitives/input';
import { Label } from '@/ui/primitives/label';
import { useSubmit } from '@/ui/use-submit';

// The tenant admin's referral rule (window, reward kind, amount or basis points, cap, scope) and
// the approval of a pending reward. Both go through the admin API, which audits them.

type Settings = { attributionWindowDays: number; rewardKind: 'none' | 'fixed' | 'bps'; rewardAmount: string | null; rewardBps: number | null; rewardCap: string | null; rewardScope: 'first' | 'every' };

const text = (f: FormData, k: string) => String(f.get(k) ?? '').trim();

export function ReferralRuleForm({ settings }: { settings: Settings }) {
  const [kind, setKind] = useState(settings.rewardKind);
  const save = useSubmit(
    (f) =>
      api('/api/admin/referrals/settings', {
        method: 'PUT',
        json: {
          attributionWindowDays: Number(text(f, 'attributionWindowDays')),
          rewardKind: kind,
          rewardAmount: kind === 'fixed' ? text(f, 'rewardAmount') : null,
          rewardBps: kind === 'bps' ? Number(text(f, 'rewardBps')) : null,
          rewardCap: kind !== 'none' && text(f, 'rewardCap') ? text(f, 'rewardCap') : null,
          rewardScope: text(f, 'rewardScope'),
        },
      }),
    'Referral rule saved.',
  );
  const err = (name: string) => save.fieldError(name) && <p className="text-sm text-danger">{save.fieldError(name)}</p>;
  return (
    <form className="grid gap-3 sm:grid-cols-2" onSubmit={save.onSubmit} aria-label="Referral rule">
      <div className="grid gap-1">
        <Label htmlFor="ref-window">Attribution window (days)</Label>
        <Input id="ref-window" name="attributionWindowDays" type="number" min={1} max={365} defaultValue={settings.attributionWindowDays} required aria-invalid={!!save.fieldError('attributionWindowDays')} />
        {err('attributionWindowDays')}
      </div>
      <div className="grid gap-1">
        <Label htmlFor="ref-kind">Reward</Label>
        <select id="ref-kind" name="rewardKind" className={fieldClass} value={kind} onChange={(e) => setKind(e.target.value as Settings['rewardKind'])}>
          <option value="none">No reward</option>
          <option value="fixed">A fixed amount</option>
          <option value="bps">A percentage of the investment</option>
        </select>
      </div>
      {kind === 'fixed' && (
        <div className="grid gap-1">
          <Label htmlFor="ref-amount">Amount in the deal currency’s smallest unit (2500 = 25.00 USD)</Label>
          <Input id="ref-amount" name="rewardAmount" inputMode="numeric" defaultValue={settings.rewardAmount ?? ''} required aria-invalid={!!save.fieldError('rewardAmount')} />
          {err('rewardAmount')}
        </div>
      )}
      {kind === 'bps' && (
        <div className="grid gap-1">
          <Label htmlFor="ref-bps">Basis points of the investment (100 = 1%)</Label>
          <Input id="ref-bps" name="rewardBps" type="number" min={1} max={10000} defaultValue={settings.rewardBps ?? ''} required aria-invalid={!!save.fieldError('rewardBps')} />
          {err('rewardBps')}
        </div>
      )}
      {kind !== 'none' && (
        <div className="grid gap-1">
          <Label htmlFor="ref-cap">Cap per reward, smallest unit (optional)</Label>
          <Input id="ref-cap" name="rewardCap" inputMode="numeric" defaultValue={settings.rewardCap ?? ''} aria-invalid={!!save.fieldError('rewardCap')} />
          {err('rewardCap')}
        </div>
      )}
      <div className="grid gap-1">
        <Label htmlFor="ref-scope">Which investments earn</Label>
        <select id="ref-scope" name="rewardScope" className={fieldClass} defaultValue={settings.rewardScope}>
          <option value="first">Only the referred member’s first confirmed investment</option>
          <option value="every">Every confirmed investment</option>
        </select>
      </div>
      <div className="grid gap-2 sm:col-span-2">
        <FormStatus s={save} />
      </div>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={save.busy}>
          Save rule
        </Button>
      </div>
    </form>
  );
}

export function ApproveRewardButton({ id }: { id: string }) {
  const approve = useSubmit(() => api(`/api/admin/referrals/rewards/${id}/approve`, { method: 'POST' }));
  return (
    <form onSubmit={approve.onSubmit} className="grid gap-1">
      <Button type="submit" size="sm" variant="outline" disabled={approve.busy}>
        Approve
      </Button>
      {approve.message && <Alert tone="error">{approve.message}</Alert>}
    </form>
  );
}
