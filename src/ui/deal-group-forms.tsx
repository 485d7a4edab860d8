'use client';

import { Loader2, Plus } from 'lucide-react';
import { useRef } from 'react';
import { api } from './api-client';
import { Alert } from './primitives/alert';
import { Button } from './primitives/button';
import { Field, fieldAria } from './primitives/field';
import { Input, NativeSelect, Textarea } from './primitives/input';
import { useSubmit } from './use-submit';

/** POST /api/deal-groups: a campaign grouping deals on their pages. */
export function NewDealGroupForm() {
  const form = useRef<HTMLFormElement>(null);
  const s = useSubmit(async (data) => {
    await api('/api/deal-groups', { method: 'POST', json: { name: String(data.get('name') ?? '').trim(), slug: String(data.get('slug') ?? '').trim(), description: String(data.get('description') ?? '').trim() } });
    form.current?.reset();
  }, 'Group created.');
  return (
    <form ref={form} onSubmit={s.onSubmit} className="grid gap-3" noValidate data-testid="new-group">
      {s.message && <Alert tone="error">{s.message}</Alert>}
      {s.ok && (
        <p role="status" className="text-sm font-medium text-success">
          {s.ok}
        </p>
      )}
      <Field id="group-name" label="Name" error={s.fieldError('name')}>
        <Input {...fieldAria('group-name', s.fieldError('name'))} name="name" maxLength={200} />
      </Field>
      <Field id="group-slug" label="Web address" hint="Lower-case words joined by hyphens, such as main-street" error={s.fieldError('slug')}>
        <Input {...fieldAria('group-slug', s.fieldError('slug'), true)} name="slug" maxLength={120} />
      </Field>
      <Field id="group-description" label="Description" error={s.fieldError('description')}>
        <Textarea {...fieldAria('group-description', s.fieldError('description'))} name="description" maxLength={5000} rows={3} />
      </Field>
      <div>
        <Button type="submit" disabled={s.busy}>
          {s.busy ? <Loader2 className="animate-spin" aria-hidden /> : <Plus aria-hidden />} Create group
        </Button>
      </div>
    </form>
  );
}

/** POST /api/deal-groups/[id]/deals: puts a published deal in the group. */
export function AddDealToGroup({ groupId, groupName, deals }: { groupId: string; groupName: string; deals: { id: string; title: string }[] }) {
  const s = useSubmit(async (data) => {
    await api(`/api/deal-groups/${groupId}/deals`, { method: 'POST', json: { dealId: String(data.get('dealId') ?? '') } });
  });
  const id = `add-deal-${groupId}`;
  if (deals.length === 0) return null;
  return (
    <form onSubmit={s.onSubmit} className="flex flex-wrap items-end gap-2">
      <div className="grid gap-1.5">
        <label htmlFor={id} className="text-sm font-medium">
          Add a deal to {groupName}
        </label>
        <NativeSelect id={id} name="dealId" className="sm:w-64">
          {deals.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </NativeSelect>
      </div>
      <Button type="submit" variant="outline" size="sm" disabled={s.busy}>
        <Plus aria-hidden /> Add
      </Button>
      {s.message && (
        <p role="alert" className="w-full text-xs text-danger">
          {s.message}
        </p>
      )}
    </form>
  );
}
