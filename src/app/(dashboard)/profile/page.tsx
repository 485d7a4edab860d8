import { FileLock2, KeyRound, MonitorSmartphone, ShieldCheck, Wallet } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getProfile } from '@/server/auth/profile';
import { listSessions } from '@/server/auth/sessions';
import { getConfig } from '@/server/config';
import { erasureStatus } from '@/server/privacy/service';
import { listWallets } from '@/server/wallets/service';
import { MemberPrivacy } from '@/ui/member-privacy';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { StatusBadge } from '@/ui/status-badge';
import { roleLabel, statusLabel, verificationLevelLabel } from '@/ui/status-labels';
import { WalletLink } from '@/ui/wallet-link';
import { requireSession } from '../../session';
import { EmailVerification, MfaSetup, ProfileForm, SessionList } from './profile-client';

export const metadata: Metadata = { title: 'Profile and security' };

export default async function ProfilePage() {
  const { tenant, principal } = await requireSession('/profile');
  const [profile, sessions, wallets, erasure] = await Promise.all([getProfile(tenant, principal), listSessions(tenant, principal), listWallets(tenant, principal), erasureStatus(tenant, principal, principal.userId)]);
  const checks = [
    { label: 'Email', status: profile.emailVerified ? 'verified' : 'pending', text: profile.emailVerified ? 'Verified' : 'Not verified' },
    { label: 'Identity (KYC)', status: profile.kycStatus, text: statusLabel(profile.kycStatus) },
    { label: 'Verification level', status: ['none', 'basic'].includes(profile.verificationLevel) ? 'not_started' : 'verified', text: verificationLevelLabel(profile.verificationLevel) },
    { label: 'Two-step verification', status: profile.mfaEnabled ? 'verified' : 'not_started', text: profile.mfaEnabled ? 'On' : 'Off' },
  ];
  return (
    <>
      <PageHeader title="Profile and security" description={`${profile.email} · ${profile.roles.map(roleLabel).join(', ')}`} />
      {principal.roles.includes('issuer') && (
        <p className="mb-6 text-sm">
          Your company&rsquo;s legal entity and documents are on your{' '}
          <Link href="/issuer/profile" className="font-medium text-primary-text hover:underline">
            issuer profile
          </Link>
          .
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <Card>
          <CardHeader>
            <CardTitle>Personal details</CardTitle>
            <CardDescription>Shown to the platform team and on your investment records.</CardDescription>
          </CardHeader>
          <CardContent>
            <ProfileForm initial={{ firstName: profile.firstName, lastName: profile.lastName, displayName: profile.displayName ?? '', phone: profile.phone ?? '', country: profile.country ?? '' }} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <ShieldCheck className="size-4" aria-hidden /> Verification
            </CardTitle>
            <CardDescription>What you need before an investment can leave escrow.</CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-3 text-sm">
              {checks.map((c) => (
                <div key={c.label} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
                  <dt className="text-muted-foreground">{c.label}</dt>
                  <dd>
                    <StatusBadge status={c.status} label={c.text} />
                  </dd>
                </div>
              ))}
            </dl>
            <div className="mt-4 flex flex-wrap gap-x-4 gap-y-1">
              <Link href="/verification" className="inline-block text-sm font-medium text-primary hover:underline">
                Verification status
              </Link>
              {principal.roles.includes('investor') && (
                <Link href="/documents" className="inline-block text-sm font-medium text-primary hover:underline">
                  Your documents
                </Link>
              )}
            </div>
            {!profile.emailVerified && <EmailVerification />}
          </CardContent>
        </Card>
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <KeyRound className="size-4" aria-hidden /> Two-step verification
            </CardTitle>
            <CardDescription>A code from an authenticator app at every login keeps your account safe even if your password leaks.</CardDescription>
          </CardHeader>
          <CardContent>
            <MfaSetup enabled={profile.mfaEnabled} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <MonitorSmartphone className="size-4" aria-hidden /> Active sessions
            </CardTitle>
            <CardDescription>Devices signed in to your account. Revoke any you do not recognise.</CardDescription>
          </CardHeader>
          <CardContent>
            <SessionList sessions={sessions.sessions} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <Wallet className="size-4" aria-hidden /> Wallet
            </CardTitle>
            <CardDescription>Prove you own a wallet by signing in with Ethereum, and link it to your account.</CardDescription>
          </CardHeader>
          <CardContent>
            <WalletLink chainId={getConfig().NEXT_PUBLIC_CHAIN_ID} wallets={wallets} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <FileLock2 className="size-4" aria-hidden /> Your data
            </CardTitle>
            <CardDescription>Take a copy of everything we hold about you, or ask us to erase it.</CardDescription>
          </CardHeader>
          <CardContent>
            <MemberPrivacy base="/api/profile" who="you" scheduled={erasure.scheduled} delayDays={erasure.delayDays} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
