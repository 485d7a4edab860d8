import type { Metadata } from 'next';
import Link from 'next/link';
import { getOwnKyc } from '@/server/kyc/investor';
import { KycStatusPoller } from '@/ui/kyc-status-poller';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent } from '@/ui/primitives/card';
import { requireSession } from '../../../session';

export const metadata: Metadata = { title: 'Verification status' };

/**
 * Where a hosted provider (ShuftiPro) sends the investor back: the result arrives separately by
 * the provider's signed callback, so the page shows the status now and polls until it settles.
 */
export default async function VerificationReturnPage() {
  const { tenant, principal } = await requireSession('/verification/return');
  const kyc = await getOwnKyc(tenant, principal);
  const latest = kyc.applications[0] ?? null;
  return (
    <>
      <PageHeader title="Verification status" description="Thank you. The result of your identity check comes straight from the provider; this page follows it." />
      <Card className="max-w-xl">
        <CardContent className="grid gap-4 pt-5">
          <KycStatusPoller initial={{ kycStatus: kyc.kycStatus, applicationStatus: latest?.status ?? null, reason: latest?.decisionReason ?? null }} />
          <p className="text-sm">
            <Link href="/verification" className="font-medium text-primary-text hover:underline">
              Back to verification
            </Link>
          </p>
        </CardContent>
      </Card>
    </>
  );
}
