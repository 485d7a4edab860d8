import { ArrowRight, BadgeCheck, Landmark, LockKeyhole } from 'lucide-react';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { VerificationLevelRequired } from '@/server/compliance/service';
import { browseDeals } from '@/server/deals/browse';
import { listDealsQuery } from '@/server/deals/schema';
import { AppShell } from '@/ui/app-shell';
import { cardDeal } from '@/ui/deal-card';
import { DealGrid } from '@/ui/deal-grid';
import { DealCardSprite } from '@/ui/icon-sprite';
import { buttonVariants } from '@/ui/primitives/button';
import { workspaceHome } from '@/ui/workspaces';
import { optionalSession } from './session';

const POINTS = [
  { icon: BadgeCheck, title: 'Vetted deals', text: 'Every offering is reviewed by the community team before it is published.' },
  { icon: LockKeyhole, title: 'Escrow until cleared', text: 'Your money waits in escrow until identity and compliance checks pass: in an escrow contract of its own for deals that settle on chain, in the platform’s ledger for deals paid by wire, card or ACH.' },
  { icon: Landmark, title: 'Equity, debt and tokens', text: 'Back companies, lend to projects or buy tokenised assets in one place.' },
];

export default async function Home() {
  const { tenant, principal } = await optionalSession();
  if (principal) redirect(workspaceHome(principal));
  // A tenant that shows deals to verified members only gets the welcome without them.
  const featured = await browseDeals(tenant, null, listDealsQuery.parse({ limit: '3', status: 'active' })).catch((e: unknown) => {
    if (e instanceof VerificationLevelRequired) return { deals: [], total: 0, hasMore: false };
    throw e;
  });
  return (
    <AppShell tenant={tenant} principal={null}>
      <section className="grid items-center gap-10 py-6 lg:grid-cols-[1.1fr_1fr] lg:py-12">
        <div>
          <p className="text-sm font-semibold tracking-wide text-primary-text uppercase">{tenant.name}</p>
          <h1 className="mt-3 text-4xl font-semibold tracking-tight text-balance sm:text-5xl">Invest alongside your community.</h1>
          <p className="mt-5 max-w-xl text-lg text-muted-foreground">
            Discover vetted opportunities, invest from a small minimum ticket and follow every position in one portfolio, with funds held in escrow until you are cleared.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <Link href="/signup" className={buttonVariants({ size: 'lg' })}>
              Create an account <ArrowRight aria-hidden />
            </Link>
            <Link href="/deals" className={buttonVariants({ size: 'lg', variant: 'outline' })}>
              Browse deals
            </Link>
          </div>
        </div>
        <ul className="grid gap-3">
          {POINTS.map(({ icon: Icon, title, text }) => (
            <li key={title} className="flex gap-4 rounded-brand border border-border bg-card p-5 shadow-sm">
              <span className="grid size-10 shrink-0 place-items-center rounded-full bg-primary-soft text-primary-text">
                <Icon className="size-5" aria-hidden />
              </span>
              <div>
                <h2 className="font-semibold">{title}</h2>
                <p className="mt-0.5 text-sm text-muted-foreground">{text}</p>
              </div>
            </li>
          ))}
        </ul>
      </section>
      {featured.deals.length > 0 && (
        <section aria-labelledby="open-heading" className="mt-12">
          <div className="mb-4 flex items-end justify-between">
            <h2 id="open-heading" className="text-xl font-semibold">
              Open now
            </h2>
            <Link href="/deals" className="text-sm font-medium text-primary-text hover:underline">
              See all deals
            </Link>
          </div>
          <DealCardSprite />
          <DealGrid deals={featured.deals.map(cardDeal)} className="grid gap-4 md:grid-cols-3" />
        </section>
      )}
    </AppShell>
  );
}
