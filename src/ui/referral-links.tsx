'use client';

import { useEffect, useState } from 'react';
import { api } from '@/ui/api-client';
import { FormStatus } from '@/ui/form-status';
import { Button } from '@/ui/primitives/button';
import { Input } from '@/ui/primitives/input';
import { Label } from '@/ui/primitives/label';
import { useSubmit } from '@/ui/use-submit';

// The referrer's side: make a link (campaign, landing page on this platform, optional code) and
// copy a link's full address to share. The API refuses a landing page on another site.

const text = (f: FormData, k: string) => String(f.get(k) ?? '').trim();

export function NewReferralLinkForm() {
  const create = useSubmit((f) => {
    const code = text(f, 'code');
    return api('/api/referrals/links', { method: 'POST', json: { campaign: text(f, 'campaign'), target: text(f, 'target') || '/', ...(code ? { code } : {}) } });
  }, 'Link created.');
  return (
    <form className="grid gap-3 sm:grid-cols-3" onSubmit={create.onSubmit} aria-label="New referral link">
      <div className="grid gap-1">
        <Label htmlFor="referral-campaign">Campaign</Label>
        <Input id="referral-campaign" name="campaign" required maxLength={120} placeholder="Spring newsletter" aria-invalid={!!create.fieldError('campaign')} />
        {create.fieldError('campaign') && <p className="text-sm text-danger">{create.fieldError('campaign')}</p>}
      </div>
      <div className="grid gap-1">
        <Label htmlFor="referral-target">Landing page on this platform</Label>
        <Input id="referral-target" name="target" defaultValue="/deals" placeholder="/deals" aria-invalid={!!create.fieldError('target')} aria-describedby="referral-target-help" />
        <p id="referral-target-help" className="text-xs text-muted-foreground">
          A path such as /deals; links to other sites are not allowed.
        </p>
        {create.fieldError('target') && <p className="text-sm text-danger">{create.fieldError('target')}</p>}
      </div>
      <div className="grid gap-1">
        <Label htmlFor="referral-code">Code (optional)</Label>
        <Input id="referral-code" name="code" placeholder="random if empty" pattern="[A-Za-z0-9_\-]{4,40}" aria-invalid={!!create.fieldError('code')} />
        {create.fieldError('code') && <p className="text-sm text-danger">{create.fieldError('code')}</p>}
      </div>
      <div className="grid gap-2 sm:col-span-3">
        <FormStatus s={create} />
      </div>
      <div className="sm:col-span-3">
        <Button type="submit" disabled={create.busy}>
          Create link
        </Button>
      </div>
    </form>
  );
}

/** The link's full address on this host, with a button that copies it. */
export function ReferralLinkAddress({ path }: { path: string }) {
  const [origin, setOrigin] = useState('');
  const [copied, setCopied] = useState(false);
  useEffect(() => setOrigin(window.location.origin), []);
  const url = `${origin}${path}`;
  return (
    <span className="flex flex-wrap items-center gap-2">
      <code className="break-all text-sm" data-testid="referral-link-url">
        {url}
      </code>
      <Button
        type="button"
        variant="outline"
        size="sm"
        aria-label={`Copy the link ${path}`}
        onClick={async () => {
          await navigator.clipboard?.writeText(url);
          setCopied(true);
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </Button>
      <span role="status" className="sr-only">
        {copied ? 'Link copied' : ''}
      </span>
    </span>
  );
}
