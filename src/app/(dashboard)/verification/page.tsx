import type { Metadata } from 'next';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { getConfig } from '@/server/config';
import { getOwnDeclaration } from '@/server/compliance/declarations';
import { regCfAllowance } from '@/server/compliance/reg-cf-allowance';
import { regCfEducation } from '@/server/compliance/reg-cf-education';
import { getSuitability } from '@/server/compliance/suitability';
import { getOwnKyc } from '@/server/kyc/investor';
import { formatDate, formatMoney, humanize } from '@/ui/format';
import { KycDeclarationForm, KycDocumentUpload, KycStartButton, KycSuitabilityForm, RegCfEducationForm } from '@/ui/kyc-forms';
import { PageHeader } from '@/ui/page-header';
import { buttonVariants } from '@/ui/primitives/button';
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
  const [kyc, { declaration }, suitability, allowance] = await Promise.all([
    getOwnKyc(tenant, principal),
    getOwnDeclaration(tenant, principal),
    getSuitability(tenant, principal),
    regCfAllowance(tenant, principal),
  ]);
  const education = await regCfEducation(tenant, principal);
  const open = kyc.applications.find((a) => OPEN.includes(a.status));
  return (
    <>
      <PageHeader
        title="Verification"
        description="Identity checks and the declarations the offering rules ask for. Investments leave escrow only once these are done."
        actions={
          <Link href="/verification/accreditation" className={buttonVariants({ variant: 'outline', size: 'sm' })}>
            Accredited investor verification
          </Link>
        }
      />
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
            {open && open.provider === 'shuftipro' && open.verificationUrl && (
              <div className="grid gap-2 text-sm" data-testid="shufti-continue">
                <p className="text-muted-foreground">ShuftiPro checks your identity on its own page; you come back here when you finish.</p>
                <a href={open.verificationUrl} className="font-medium text-primary-text hover:underline">
                  Continue your verification with ShuftiPro
                </a>
                <a href="/verification/return" className="text-primary-text hover:underline">
                  I have finished: check my status
                </a>
              </div>
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
                  jointAnnualIncome: declaration.jointAnnualIncome ?? '',
                  netWorth: declaration.netWorth ?? '',
                  externalRegCfInvestments: declaration.externalRegCfInvestments
                    .filter((e) => e.counts)
                    .map((e) => ({ amount: e.amount, investedOn: e.investedOn, intermediary: e.intermediary ?? '' })),
                }
              }
            />
          </CardContent>
        </Card>
        <Card className="lg:col-span-2" data-testid="reg-cf-education">
          <CardHeader>
            <CardTitle>Before investing in crowdfunding offerings</CardTitle>
            <CardDescription>
              {education.acknowledgedAt ? `You acknowledged these materials on ${formatDate(education.acknowledgedAt)}.` : 'Read these and confirm them once before your first Regulation Crowdfunding investment (17 CFR 227.302(b), 227.303(b)(2)).'}
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4 text-sm">
            <dl className="grid gap-3 sm:grid-cols-2">
              {education.material.map((m) => (
                <div key={m.id}>
                  <dt className="font-medium">{m.title}</dt>
                  <dd className="text-muted-foreground">{m.text}</dd>
                </div>
              ))}
            </dl>
            {!education.acknowledgedAt && <RegCfEducationForm version={education.version} />}
          </CardContent>
        </Card>
        <Card className="lg:col-span-2" data-testid="reg-cf-allowance">
          <CardHeader>
            <CardTitle>Crowdfunding allowance</CardTitle>
            <CardDescription>What you may still invest in Regulation Crowdfunding offerings, on every platform together, over the next 12 months (17 CFR 227.100(a)(2)).</CardDescription>
          </CardHeader>
          <CardContent className="text-sm">
            {allowance.accredited ? (
              <p>As a verified accredited investor you have no crowdfunding limit.</p>
            ) : allowance.declarationRequired ? (
              <p>Declare your annual income and net worth above to see your allowance.</p>
            ) : allowance.remaining === null ? (
              <p>Your allowance cannot be worked out: one of your investments is in a currency without a U.S. dollar conversion.</p>
            ) : (
              <dl className="grid gap-3 sm:grid-cols-4">
                <div>
                  <dt className="text-muted-foreground">Left to invest</dt>
                  <dd className="text-lg font-semibold" data-testid="reg-cf-remaining">{formatMoney(allowance.remaining, 'USD')}</dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">Your 12-month limit</dt>
                  <dd data-testid="reg-cf-limit">{formatMoney(allowance.limit, 'USD')}</dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">Invested here</dt>
                  <dd>{formatMoney(allowance.investedHere, 'USD')}</dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">Invested elsewhere</dt>
                  <dd>{formatMoney(allowance.investedElsewhere, 'USD')}</dd>
                </div>
                {allowance.frees && allowance.frees.length > 0 && (
                  <div className="sm:col-span-4">
                    <dt className="text-muted-foreground">Freed as purchases stop counting</dt>
                    <dd>
                      <ul className="grid gap-1" data-testid="reg-cf-frees">
                        {allowance.frees.map((f) => (
                          <li key={`${f.on}-${f.amount}`}>
                            {formatMoney(f.amount, 'USD')} on {formatDate(f.on)}
                          </li>
                        ))}
                      </ul>
                    </dd>
                  </div>
                )}
              </dl>
            )}
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
