'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api, errorMessage } from '@/ui/api-client';
import { Alert } from '@/ui/primitives/alert';

/** One switch per feature; each change is saved at once (PATCH /api/admin/tenant, audited). */
export function FeatureSwitches({ features }: { features: { name: string; label: string; on: boolean }[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState<string | null>(null);
  return (
    <div className="grid max-w-xl gap-2">
      {error && <Alert tone="error">{error}</Alert>}
      <ul className="divide-y divide-border rounded-brand border border-border">
        {features.map((f) => (
          <li key={f.name} className="flex items-center justify-between gap-3 px-4 py-3">
            <label htmlFor={`feature-${f.name}`} className="text-sm">
              {f.label} <span className="text-xs text-muted-foreground">({f.name})</span>
            </label>
            <input
              id={`feature-${f.name}`}
              type="checkbox"
              role="switch"
              className="size-5 accent-[var(--primary)]"
              defaultChecked={f.on}
              disabled={saving !== null}
              onChange={async (e) => {
                const on = e.currentTarget.checked;
                setError(null);
                setSaving(f.name);
                try {
                  await api('/api/admin/tenant', { method: 'PATCH', json: { features: { [f.name]: on } } });
                  router.refresh();
                } catch (err) {
                  setError(errorMessage(err));
                } finally {
                  setSaving(null);
                }
              }}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
