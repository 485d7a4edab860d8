'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from './api-client';
import { buttonClass } from './primitives/button-classes';

// Sumsub's WebSDK on /verification for tenants that verify with Sumsub. The SDK (npm
// @sumsub/websdk) is imported only when verification starts; it draws Sumsub's page in an
// iframe from Sumsub's origin (allowed by the page CSP for this tenant only). Access tokens
// come from our API, which creates or resumes the applicant; when one expires the SDK asks
// again through the same endpoint.

type StartResponse = { sdk?: { provider: 'sumsub'; accessToken: string; levelName: string } };

async function accessToken(): Promise<string> {
  const r = await api<StartResponse>('/api/investor/kyc/applications', { method: 'POST', json: { level: 'standard' } });
  if (!r.sdk?.accessToken) throw new Error('The verification service did not return an access token');
  return r.sdk.accessToken;
}

export function SumsubWebSdk({ baseUrl, autoStart }: { baseUrl: string | null; autoStart: boolean }) {
  const router = useRouter();
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'open' | 'submitted'>(autoStart ? 'loading' : 'idle');
  const [error, setError] = useState<string | null>(null);

  const launch = useCallback(async () => {
    setState('loading');
    setError(null);
    try {
      const [token, { default: snsWebSdk }] = await Promise.all([accessToken(), import('@sumsub/websdk')]);
      if (!container.current) return;
      let builder = snsWebSdk.init(token, accessToken);
      if (baseUrl) builder = builder.withBaseUrl(baseUrl);
      builder
        .withConf({ lang: document.documentElement.lang || 'en', theme: document.documentElement.classList.contains('dark') ? 'dark' : 'light' })
        .withOptions({ addViewportTag: false, adaptIframeHeight: true })
        .on('idCheck.onApplicantSubmitted', () => {
          setState('submitted');
          router.refresh();
        })
        .on('idCheck.onError', (e) => setError(`The verification window reported a problem${e && typeof e === 'object' && 'error' in e ? `: ${String(e.error)}` : ''}. Reload the page to try again.`))
        .build()
        .launch(container.current);
      setState('open');
    } catch (e) {
      setState('idle');
      setError(e instanceof Error && !('problem' in e) ? e.message : errorMessage(e));
    }
  }, [baseUrl, router]);

  const started = useRef(false);
  useEffect(() => {
    if (!autoStart || started.current) return;
    started.current = true;
    void launch();
  }, [autoStart, launch]);

  return (
    <div className="grid gap-3">
      {error && (
        <p role="alert" className="rounded-md border border-danger/40 bg-danger-soft p-3 text-sm font-medium text-danger">
          {error}
        </p>
      )}
      {state === 'idle' && (
        <button type="button" className={buttonClass('default')} onClick={() => void launch()}>
          Start identity verification
        </button>
      )}
      {state === 'loading' && (
        <p role="status" className="text-sm text-muted-foreground">
          Opening the secure verification window…
        </p>
      )}
      {state === 'submitted' && (
        <p role="status" className="text-sm font-medium text-success">
          Thank you. Your documents were sent; we will update your status when the check is done.
        </p>
      )}
      <div ref={container} id="sumsub-websdk-container" data-testid="sumsub-websdk" aria-label="Identity verification by Sumsub" role="region" className="min-h-0 w-full" />
    </div>
  );
}
