'use client';

import { Check, Copy, Link2, Loader2, LogIn, Save, Send } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from './api-client';
import { Button } from './primitives/button';
import { Field, fieldAria } from './primitives/field';
import { Input, NativeSelect, Textarea } from './primitives/input';
import { FormStatus } from './form-status';
import { useSubmit } from './use-submit';

// The forms of investment groups: the issuer's settings, an investor's application, joining by
// invitation, pre-commitments, a deal's audience and invitation links.

export type GroupSettings = {
  name: string;
  description: string;
  privacy: 'public' | 'private';
  minVerificationLevel: string;
  requiresAccreditation: boolean;
  minCommitment: string | null;
  capacity: number | null;
  questions: { id: string; text: string; required: boolean }[];
  focusAreas: string[];
  brandColor: string | null;
};

const LEVELS = [
  ['none', 'Anyone signed in'],
  ['basic', 'Email confirmed'],
  ['standard', 'Identity verified (KYC)'],
  ['enhanced', 'Enhanced verification'],
  ['accredited', 'Accredited investors'],
] as const;

const text = (d: FormData, k: string) => String(d.get(k) ?? '').trim();

const Status = FormStatus;

/** POST (create) or PATCH (edit) /api/issuer/groups. Questions: one a line, "*" first for a required one. */
export function GroupSettingsForm({ initial }: { initial?: GroupSettings }) {
  const s = useSubmit(
    async (d) => {
      const questions = text(d, 'questions')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l, i) => ({ id: `q${i + 1}`, text: l.replace(/^\*\s*/, ''), required: l.startsWith('*') }));
      const capacity = text(d, 'capacity');
      const json = {
        name: text(d, 'name'),
        description: text(d, 'description'),
        privacy: text(d, 'privacy'),
        minVerificationLevel: text(d, 'minVerificationLevel'),
        requiresAccreditation: d.get('requiresAccreditation') === 'on',
        minCommitment: text(d, 'minCommitment') || null,
        capacity: capacity ? Number(capacity) : null,
        questions,
        focusAreas: text(d, 'focusAreas').split(',').map((f) => f.trim()).filter(Boolean),
        brandColor: text(d, 'brandColor') || null,
      };
      await api('/api/issuer/groups', { method: initial ? 'PATCH' : 'POST', json });
    },
    initial ? 'Group saved.' : 'Group created.',
  );
  const q = initial?.questions.map((x) => `${x.required ? '* ' : ''}${x.text}`).join('\n') ?? '';
  return (
    <form onSubmit={s.onSubmit} className="grid gap-4" noValidate data-testid="group-settings">
      <Status s={s} />
      <Field id="g-name" label="Name" error={s.fieldError('name')}>
        <Input {...fieldAria('g-name', s.fieldError('name'))} name="name" defaultValue={initial?.name} maxLength={120} required />
      </Field>
      <Field id="g-description" label="Description" error={s.fieldError('description')}>
        <Textarea {...fieldAria('g-description', s.fieldError('description'))} name="description" defaultValue={initial?.description} rows={3} maxLength={5000} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="g-privacy" label="Who can find it" error={s.fieldError('privacy')}>
          <NativeSelect {...fieldAria('g-privacy', s.fieldError('privacy'))} name="privacy" defaultValue={initial?.privacy ?? 'public'}>
            <option value="public">Public: investors discover it and apply</option>
            <option value="private">Private: by invitation link only</option>
          </NativeSelect>
        </Field>
        <Field id="g-level" label="Verification needed" error={s.fieldError('minVerificationLevel')}>
          <NativeSelect {...fieldAria('g-level', s.fieldError('minVerificationLevel'))} name="minVerificationLevel" defaultValue={initial?.minVerificationLevel ?? 'none'}>
            {LEVELS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field id="g-min" label="Minimum commitment (optional)" hint="What each member must intend to invest" error={s.fieldError('minCommitment')}>
          <Input {...fieldAria('g-min', s.fieldError('minCommitment'), true)} name="minCommitment" inputMode="decimal" defaultValue={initial?.minCommitment ?? ''} />
        </Field>
        <Field id="g-capacity" label="Capacity (optional)" hint="Members at most" error={s.fieldError('capacity')}>
          <Input {...fieldAria('g-capacity', s.fieldError('capacity'), true)} name="capacity" type="number" min={1} defaultValue={initial?.capacity ?? ''} />
        </Field>
        <Field id="g-focus" label="Focus areas" hint="Separated by commas" error={s.fieldError('focusAreas')}>
          <Input {...fieldAria('g-focus', s.fieldError('focusAreas'), true)} name="focusAreas" defaultValue={initial?.focusAreas.join(', ')} />
        </Field>
        <Field id="g-color" label="Brand colour (optional)" hint="Such as #0a7d4f" error={s.fieldError('brandColor')}>
          <Input {...fieldAria('g-color', s.fieldError('brandColor'), true)} name="brandColor" defaultValue={initial?.brandColor ?? ''} maxLength={7} />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="requiresAccreditation" defaultChecked={initial?.requiresAccreditation} className="size-4" /> Accredited investors only
      </label>
      <Field id="g-questions" label="Questions for applicants" hint="One a line; start a line with * to require an answer" error={s.fieldError('questions')}>
        <Textarea {...fieldAria('g-questions', s.fieldError('questions'), true)} name="questions" defaultValue={q} rows={3} />
      </Field>
      <div>
        <Button type="submit" disabled={s.busy}>
          {s.busy ? <Loader2 className="animate-spin" aria-hidden /> : <Save aria-hidden />} {initial ? 'Save group' : 'Create group'}
        </Button>
      </div>
    </form>
  );
}

/** POST /api/groups/[id]/apply with answers to the group's questions. */
export function ApplyForm({ groupId, questions, minCommitment, currency }: { groupId: string; questions: { id: string; text: string; required: boolean }[]; minCommitment: string | null; currency: string }) {
  const s = useSubmit(async (d) => {
    const answers = questions.map((q) => ({ questionId: q.id, answer: text(d, `answer-${q.id}`) })).filter((a) => a.answer);
    const commitment = text(d, 'intendedCommitment');
    await api(`/api/groups/${groupId}/apply`, { method: 'POST', json: { answers, ...(commitment ? { intendedCommitment: commitment } : {}) } });
  }, 'Application sent. The group will decide and email you.');
  return (
    <form onSubmit={s.onSubmit} className="grid gap-4" noValidate data-testid="group-apply">
      <Status s={s} />
      {questions.map((q) => (
        <Field key={q.id} id={`a-${q.id}`} label={`${q.text}${q.required ? '' : ' (optional)'}`} error={s.fieldError(`answers.${q.id}`)}>
          <Textarea {...fieldAria(`a-${q.id}`, s.fieldError(`answers.${q.id}`))} name={`answer-${q.id}`} rows={2} maxLength={2000} required={q.required} />
        </Field>
      ))}
      <Field
        id="a-commitment"
        label={`How much do you intend to commit (${currency})${minCommitment ? '' : ', optional'}`}
        hint={minCommitment ? `At least ${minCommitment} ${currency}` : undefined}
        error={s.fieldError('intendedCommitment')}
      >
        <Input {...fieldAria('a-commitment', s.fieldError('intendedCommitment'), !!minCommitment)} name="intendedCommitment" inputMode="decimal" />
      </Field>
      <div>
        <Button type="submit" disabled={s.busy}>
          {s.busy ? <Loader2 className="animate-spin" aria-hidden /> : <Send aria-hidden />} Apply to join
        </Button>
      </div>
    </form>
  );
}

/** POST /api/groups/invitations/accept with the link's token, then to the group's page. */
export function JoinByInvitation({ token }: { token: string }) {
  const router = useRouter();
  const [slug, setSlug] = useState<string | null>(null);
  const s = useSubmit(async (d) => {
    const commitment = text(d, 'intendedCommitment');
    const r = await api<{ group: { slug: string } }>('/api/groups/invitations/accept', { method: 'POST', json: { token, ...(commitment ? { intendedCommitment: commitment } : {}) } });
    setSlug(r.group.slug);
    router.push(`/groups/${r.group.slug}`);
  });
  return (
    <form onSubmit={s.onSubmit} className="grid gap-4" noValidate data-testid="group-join">
      <Status s={s} />
      <Field id="j-commitment" label="Intended commitment (if the group asks for one)" error={s.fieldError('intendedCommitment')}>
        <Input {...fieldAria('j-commitment', s.fieldError('intendedCommitment'))} name="intendedCommitment" inputMode="decimal" />
      </Field>
      <div>
        <Button type="submit" disabled={s.busy || slug !== null}>
          {s.busy ? <Loader2 className="animate-spin" aria-hidden /> : <LogIn aria-hidden />} Join the group
        </Button>
      </div>
    </form>
  );
}

/** PUT /api/groups/[id]/deals/[dealId]/pre-commitment: an indication of interest, no money moves. */
export function PreCommitForm({ groupId, dealId, current, currency }: { groupId: string; dealId: string; current: string | null; currency: string }) {
  const s = useSubmit(async (d) => {
    await api(`/api/groups/${groupId}/deals/${dealId}/pre-commitment`, { method: 'PUT', json: { amount: text(d, 'amount') } });
  }, 'Interest recorded.');
  const id = `pc-${dealId}`;
  return (
    <form onSubmit={s.onSubmit} className="flex flex-wrap items-end gap-2" noValidate>
      <Field id={id} label={`Indicate interest (${currency})`} error={s.fieldError('amount')} className="min-w-0 flex-1">
        <Input {...fieldAria(id, s.fieldError('amount'))} name="amount" inputMode="decimal" defaultValue={current ?? ''} />
      </Field>
      <Button type="submit" variant="outline" size="sm" disabled={s.busy}>
        {s.busy ? <Loader2 className="animate-spin" aria-hidden /> : <Check aria-hidden />} {current ? 'Update' : 'Pre-commit'}
      </Button>
      <div className="w-full">
        <Status s={s} />
      </div>
    </form>
  );
}

/** PUT /api/issuer/deals/[id]/visibility. */
export function DealAudienceForm({ dealId, title, visibility, hasGroup }: { dealId: string; title: string; visibility: string; hasGroup: boolean }) {
  const s = useSubmit(async (d) => {
    await api(`/api/issuer/deals/${dealId}/visibility`, { method: 'PUT', json: { visibility: text(d, 'visibility') } });
  }, 'Saved.');
  const id = `aud-${dealId}`;
  return (
    <form onSubmit={s.onSubmit} className="flex flex-wrap items-end gap-2" noValidate>
      <Field id={id} label={`Who sees “${title}”`} className="min-w-0 flex-1">
        <NativeSelect id={id} name="visibility" defaultValue={visibility}>
          <option value="public">Everyone</option>
          <option value="verified">Verified investors (KYC passed)</option>
          <option value="group" disabled={!hasGroup}>
            My group’s members only
          </option>
        </NativeSelect>
      </Field>
      <Button type="submit" variant="outline" size="sm" disabled={s.busy}>
        <Save aria-hidden /> Save
      </Button>
      <div className="w-full">
        <Status s={s} />
      </div>
    </form>
  );
}

/** POST /api/issuer/groups/invitations: shows the new link once, to copy. */
export function InvitationLinkForm() {
  const [url, setUrl] = useState<string | null>(null);
  const s = useSubmit(async (d) => {
    const r = await api<{ url: string }>('/api/issuer/groups/invitations', { method: 'POST', json: { expiresInDays: Number(text(d, 'expiresInDays') || 14), ...(text(d, 'note') ? { note: text(d, 'note') } : {}) } });
    setUrl(new URL(r.url, window.location.origin).toString());
  });
  return (
    <form onSubmit={s.onSubmit} className="grid gap-3" noValidate data-testid="group-invite">
      <Status s={s} />
      <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
        <Field id="inv-note" label="Note (who it is for)" error={s.fieldError('note')}>
          <Input {...fieldAria('inv-note', s.fieldError('note'))} name="note" maxLength={500} />
        </Field>
        <Field id="inv-days" label="Valid for days" error={s.fieldError('expiresInDays')}>
          <Input {...fieldAria('inv-days', s.fieldError('expiresInDays'))} name="expiresInDays" type="number" min={1} max={90} defaultValue={14} />
        </Field>
      </div>
      <div>
        <Button type="submit" variant="outline" disabled={s.busy}>
          {s.busy ? <Loader2 className="animate-spin" aria-hidden /> : <Link2 aria-hidden />} Create invitation link
        </Button>
      </div>
      {url && (
        <div className="grid gap-1.5">
          <label htmlFor="inv-url" className="text-sm font-medium">
            Invitation link
          </label>
          <div className="flex gap-2">
            <Input id="inv-url" readOnly value={url} className="min-w-0 flex-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
            <Button type="button" variant="outline" size="sm" aria-label="Copy the invitation link" onClick={() => navigator.clipboard?.writeText(url)}>
              <Copy aria-hidden />
            </Button>
          </div>
        </div>
      )}
    </form>
  );
}
