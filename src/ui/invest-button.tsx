'use client';

import Link from 'next/link';
import { useState, type ComponentType } from 'react';
import type { InvestDeal } from './invest-dialog';
import { buttonClass } from './primitives/button-classes';

type DialogProps = { deal: InvestDeal; open: boolean; onOpenChange: (open: boolean) => void };
const loadDialog = () => import('./invest-dialog').then((m) => m.InvestDialog as ComponentType<DialogProps>);

/**
 * The deal page's call to action. The invest form itself is fetched when the investor
 * reaches for it (hover, focus or click), keeping the page's first load light.
 */
export function InvestButton({ deal, signedIn }: { deal: InvestDeal; signedIn: boolean }) {
  const [Dialog, setDialog] = useState<ComponentType<DialogProps> | null>(null);
  const [open, setOpen] = useState(false);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);

  if (deal.status !== 'active') {
    return (
      <p className="rounded-md bg-muted p-3 text-sm text-muted-foreground">
        This deal is {deal.status === 'funded' ? 'fully funded' : 'not open for investment'}.
      </p>
    );
  }
  if (!signedIn) {
    return (
      <Link href={`/login?next=${encodeURIComponent(`/deals/${deal.slug}`)}`} className={buttonClass('default', 'lg', 'w-full')}>
        Log in to invest
      </Link>
    );
  }

  const prefetch = () => void loadDialog().catch(() => {});
  const start = async () => {
    setFailed(false);
    if (!Dialog) {
      setLoading(true);
      try {
        const loaded = await loadDialog();
        setDialog(() => loaded);
      } catch {
        setFailed(true);
        return;
      } finally {
        setLoading(false);
      }
    }
    setOpen(true);
  };

  return (
    <>
      <button type="button" className={buttonClass('default', 'lg', 'w-full')} onClick={start} onPointerEnter={prefetch} onFocus={prefetch} aria-busy={loading} disabled={loading}>
        {loading && <span className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden />}
        Invest
      </button>
      {failed && (
        <p role="alert" className="mt-2 text-sm text-danger">
          The investment form could not be loaded. Check your connection and try again.
        </p>
      )}
      {Dialog && <Dialog deal={deal} open={open} onOpenChange={setOpen} />}
    </>
  );
}
