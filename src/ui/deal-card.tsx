import { Building2, Coins, Landmark, Users } from 'lucide-react';
import Link from 'next/link';
import type { DealSummary } from './deal-types';
import { formatDate, formatMoney, humanize } from './format';
import { Badge } from './primitives/badge';
import { ProgressBar } from './progress-bar';
import { StatusBadge } from './status-badge';

export const ASSET_ICON = { equity: Building2, debt: Landmark, token: Coins } as const;

export function DealCard({ deal, headingLevel = 'h3' }: { deal: DealSummary; headingLevel?: 'h2' | 'h3' }) {
  const Icon = ASSET_ICON[deal.assetType as keyof typeof ASSET_ICON] ?? Building2;
  const H = headingLevel;
  return (
    <article className="group relative flex flex-col rounded-brand border border-border bg-card p-5 shadow-sm transition hover:-translate-y-0.5 hover:shadow-md">
      <div className="flex items-start justify-between gap-3">
        <span className="grid size-10 shrink-0 place-items-center rounded-[calc(var(--radius-brand)*0.7)] bg-primary-soft text-primary-text">
          <Icon className="size-5" aria-hidden />
        </span>
        <div className="flex flex-wrap justify-end gap-1.5">
          {deal.featured && <Badge tone="brand">Featured</Badge>}
          <StatusBadge status={deal.status} />
        </div>
      </div>
      <H className="mt-4 text-lg leading-snug font-semibold">
        <Link href={`/deals/${deal.slug}`} className="after:absolute after:inset-0 after:rounded-brand focus-visible:outline-none">
          {deal.title}
        </Link>
      </H>
      <p className="mt-0.5 text-sm text-muted-foreground">
        {deal.issuer.name} · {humanize(deal.assetType)}
      </p>
      {deal.summary && <p className="mt-3 line-clamp-2 text-sm">{deal.summary}</p>}
      <div className="mt-auto pt-5">
        <div className="mb-2 flex items-baseline justify-between gap-2 text-sm">
          <span className="font-semibold">{formatMoney(deal.progress.raised, deal.currency, { compact: true })}</span>
          <span className="text-muted-foreground">of {formatMoney(deal.targetAmount, deal.currency, { compact: true })}</span>
        </div>
        <ProgressBar percent={deal.progress.percent} label={`${deal.title} funding progress`} />
        <dl className="mt-3 grid grid-cols-3 gap-2 text-xs text-muted-foreground">
          <div>
            <dt className="sr-only">Raised</dt>
            <dd className="font-medium text-foreground">{deal.progress.percent}%</dd>
          </div>
          <div className="flex items-center gap-1">
            <dt className="sr-only">Investors</dt>
            <Users className="size-3.5" aria-hidden />
            <dd>{deal.progress.investors}</dd>
          </div>
          <div className="text-right">
            <dt className="sr-only">Minimum ticket</dt>
            <dd>Min {formatMoney(deal.minTicket, deal.currency, { compact: true })}</dd>
          </div>
        </dl>
        {deal.endsAt && <p className="mt-2 text-xs text-muted-foreground">Closes {formatDate(deal.endsAt)}</p>}
      </div>
    </article>
  );
}
