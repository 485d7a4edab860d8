'use client';

import { useEffect } from 'react';
import { buttonClass } from '@/ui/primitives/button-classes';

/** Shown when a page fails to render: what happened, and the two things worth trying. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main id="main" className="mx-auto max-w-xl px-6 py-24 text-center">
      <p className="text-sm font-semibold tracking-wide text-danger uppercase">Something went wrong</p>
      <h1 className="mt-2 text-3xl font-semibold">This page could not be loaded</h1>
      <p className="mt-4 text-muted-foreground">
        It is probably a temporary problem on our side. Try again in a moment; if it keeps happening, go back to the deals list and contact support
        {error.digest ? ` with the reference ${error.digest}` : ''}.
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <button type="button" className={buttonClass()} onClick={reset}>
          {/* lucide's rotate-ccw, inlined: the icon library's runtime would double this page's code */}
          <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
            <path d="M3 12a9 9 0 1 0 9-9 9.75 9.75 0 0 0-6.74 2.74L3 8" />
            <path d="M3 3v5h5" />
          </svg>
          Try again
        </button>
        {/* A plain link: after an error a full page load is the surest way back, and it keeps
            next/link's client code out of this boundary, which ships on every first load. */}
        <a href="/deals" className={buttonClass('outline')}>
          Go to deals
        </a>
      </div>
    </main>
  );
}
