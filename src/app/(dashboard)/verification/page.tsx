import type { Metadata } from 'next';
import dynamic from 'next/dynamic';
import { getConfig } from '@/server/config';
import { getOwnDeclaration } from '@/server/compliance/declarations';
import { getSuitability } from '@/server/compliance/suitability';
import { getOwnKyc } from '@/server/kyc/investor';
import { humanize } from '@/ui/format';
import { KycDeclarationForm, KycDocumentUpload, KycStartButton, KycSuitabilityForm } from '@/ui/kyc-forms';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { StatusBadge } from '@/ui/status-badge';
import { statusLabel, verificationLevelLabel } from '@/ui/status-labels';
import { requireSession } from '../../session';
import { sumsubWebSdkBaseUrl } from './sumsub-websdk';

// Sumsub's WebSDK (and the npm package behind it) only for tenants that verify with Sumsub.
const SumsubWebSdk = dynamic(() => import('@/ui/sumsub-websdk').then((m) => m.SumsubWebSdk));

export const metadata: Metadata = { title: 'Verification' };

const OPEN = ['draft', 'submitted', 'pending', 'retry'];

export default async function VerificationPage() {
  const { tenant, principal } = await requireSession('/verification');
  const [kyc, { declaration }, suitability] = await Promise.all([getOwnKyc(tenant, principal), getOwnDeclaration(tenant, principal), getSuitability(tenant, principal)]);
  const open = kyc.applications.find((a) => OPEN.includes(a.status));
  return (
    <>
      <PageHeader title="Verification" description="Identity checks and the declarations the offering rules ask for. Investments leave escrow only once these are done." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Identity (KYC)</CardTitle>
            <CardDescription>Checked by {kyc.provider === 'manual' ? 'our compliance team' : humanize(kyc.provider)}.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <dl className="grid gap-3 text-sm">
              <div className="flex items-center justify-between gap-3">
                <dt className="text-muted-foreground">Status</dt>
                <dd data-testid="kyc-status">
                  <StatusBadge status={kyc.kycStatus} />
                </dd>
              </div>
              <div className="flex items-center justify-between gap-3">
                <dt className="text-muted-foreground">Verification level</dt>
                <dd>{verificationLevelLabel(kyc.verificationLevel)}</dd>
              </div>
              {open && (
                <div className="flex items-center justify-between gap-3">
                  <dt className="text-muted-foreground">Application</dt>
                  <dd data-testid="kyc-application-status">{statusLabel(open.status)}</dd>
                </div>
              )}
            </dl>
            {open?.decisionReason && <p className="text-sm text-muted-foreground">Reviewer&rsquo;s note: {open.decisionReason}</p>}
            {kyc.provider === 'sumsub' && kyc.kycStatus !== 'approved' && (!open || open.provider === 'sumsub') ? (
              <SumsubWebSdk baseUrl={sumsubWebSdkBaseUrl(getConfig())} autoStart={!!open} />
            ) : (
              kyc.kycStatus !== 'approved' && !open && <KycStartButton />
            )}
            {open && open.provider === 'manual' && (
              <>
                {open.documents.length > 0 && (
                  <ul className="grid gap-1 text-sm" data-testid="kyc-documents">
                    {open.documents.map((d) => (
                      <li key={d.id}>
                        {humanize(d.kind)} · {d.mime} · {Math.max(1, Math.round(d.size / 1000))} kB
                      </li>
                    ))}
                  </ul>
                )}
                <KycDocumentUpload applicationId={open.id} />
              </>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Investor declaration</CardTitle>
            <CardDescription>Where you live and invest from decides which offerings you may join.</CardDescription>
          </CardHeader>
          <CardContent>
            <KycDeclarationForm
              initial={
                declaration && {
                  residenceCountry: declaration.residenceCountry,
                  nationality: declaration.nationality,
                  isUsPerson: declaration.isUsPerson,
                  investorType: declaration.investorType,
                  annualIncome: declaration.annualIncome ?? '',
                  netWorth: declaration.netWorth ?? '',
                  externalRegCfInvestments: declaration.externalRegCfInvestments
                    .filter((e) => e.counts)
                    .map((e) => ({ amount: e.amount, investedOn: e.investedOn, intermediary: e.intermediary ?? '' })),
                }
              }
            />
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Suitability questionnaire</CardTitle>
            <CardDescription>
              {suitability.latest ? `Your latest result: ${humanize(suitability.latest.band)} (score ${suitability.latest.score}).` : 'Not answered yet.'} Some deals need at least
              the {humanize(suitability.minimumBand)} band.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <KycSuitabilityForm questions={suitability.questionnaire} initial={suitability.latest?.answers ?? {}} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
