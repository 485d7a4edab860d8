'use client';

import { Loader2 } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { api } from './api-client';
import { StatusBadge } from './status-badge';

type Status = { kycStatus: string; applicationStatus: string | null; reason: string | null };
type Kyc = { kycStatus: string; applications: { status: string; decisionReason: string | null }[] };

const SETTLED = ['approved', 'rejected', 'retry'];
const EVERY_MS = 3_000;
const TRIES = 60; // three minutes, then the person reloads or comes back later

const settled = (s: Status) => s.kycStatus === 'approved' || (s.applicationStatus !== null && SETTLED.includes(s.applicationStatus));

/** GET /api/investor/kyc every few seconds until the provider's decision has arrived. */
export function KycStatusPoller({ initial }: { initial: Status }) {
  const [status, setStatus] = useState(initial);
  const [tries, setTries] = useState(0);
  const [error, setError] = useState(false);
  useEffect(() => {
    if (settled(status) || tries >= TRIES) return;
    const timer = setTimeout(async () => {
      try {
        const k = await api<Kyc>('/api/investor/kyc');
        setStatus({ kycStatus: k.kycStatus, applicationStatus: k.applications[0]?.status ?? null, reason: k.applications[0]?.decisionReason ?? null });
        setError(false);
      } catch {
        setError(true);
      }
      setTries((n) => n + 1);
    }, EVERY_MS);
    return () => clearTimeout(timer);
  }, [status, tries]);
  const done = settled(status);
  return (
    <div className="grid gap-3" aria-live="polite">
      <p className="flex items-center gap-2 text-sm" data-testid="kyc-return-status">
        <span className="text-muted-foreground">Identity check:</span> <StatusBadge status={status.kycStatus === 'approved' ? 'approved' : (status.applicationStatus ?? status.kycStatus)} />
      </p>
      {!done && tries < TRIES && (
        <p className="flex items-center gap-2 text-sm text-muted-foreground">
          <Loader2 className="size-4 animate-spin" aria-hidden /> Waiting for the provider&rsquo;s result…
        </p>
      )}
      {!done && tries >= TRIES && <p className="text-sm text-muted-foreground">The result has not arrived yet. It can take a few minutes; we also email you when it does.</p>}
      {error && <p className="text-sm text-danger">Could not check just now; trying again.</p>}
      {status.kycStatus === 'approved' && (
        <p className="text-sm">
          You are verified.{' '}
          <Link href="/deals" className="font-medium text-primary-text hover:underline">
            Browse deals
          </Link>
        </p>
      )}
      {status.applicationStatus === 'rejected' && <p className="text-sm">The check was not successful{status.reason ? `: ${status.reason}` : '.'}</p>}
      {status.applicationStatus === 'retry' && <p className="text-sm">The provider needs more from you{status.reason ? `: ${status.reason}` : '.'} Start again from the verification page.</p>}
    </div>
  );
}
