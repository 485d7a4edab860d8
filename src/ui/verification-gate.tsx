import { ShieldCheck } from 'lucide-react';
import Link from 'next/link';
import { EmptyState } from './empty-state';
import { buttonVariants } from './primitives/button';

/**
 * Shown instead of deals when the tenant shows them only to investors verified to a level
 * (compliance settings: verificationLevels.browse): what is needed and the one next step.
 */
export function VerificationGate({ tenantName, signedIn, detail, next }: { tenantName: string; signedIn: boolean; detail: string; next: string }) {
  return (
    <EmptyState
      icon={ShieldCheck}
      title={signedIn ? 'Verify your identity to see the deals' : 'Sign in to see the deals'}
      action={
        signedIn ? (
          <Link href="/verification" className={buttonVariants()}>
            Continue verification
          </Link>
        ) : (
          <Link href={`/login?next=${encodeURIComponent(next)}`} className={buttonVariants()}>
            Sign in
          </Link>
        )
      }
    >
      <p>{tenantName} shows its offerings to verified members only.</p>
      <p className="mt-1" data-testid="verification-gate-detail">
        {detail}.
      </p>
    </EmptyState>
  );
}
