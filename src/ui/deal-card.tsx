import Link from 'next/link';
import type { DealSummary } from './deal-types';
import { formatDate, formatMoney, humanize } from './format';
import { SpriteIcon } from './icon-sprite';
import { ProgressBar } from './progress-bar';
import { StatusBadge } from './status-badge';

/** What a card shows, and nothing more: listings hand this to the client grid (src/ui/deal-grid.tsx). */
export type CardDeal = Pick<DealSummary, 'slug' | 'title' | 'summary' | 'status' | 'assetType' | 'currency' | 'featured' | 'targetAmount' | 'minTicket' | 'endsAt'> & {
  issuerName: string;
  progress: Pick<DealSummary['progress'], 'raised' | 'percent' | 'investors'>;
};

export function cardDeal(d: DealSummary): CardDeal {
  return {
    slug: d.slug,
    title: d.title,
    summary: d.summary,
    status: d.status,
    assetType: d.assetType,
    currency: d.currency,
    featured: d.featured,
    targetAmount: d.targetAmount,
    minTicket: d.minTicket,
    endsAt: d.endsAt,
    issuerName: d.issuer.name,
    progress: { raised: d.progress.raised, percent: d.progress.percent, investors: d.progress.investors },
  };
}

const ASSET_ICONS = new Set(['equity', 'debt', 'token']);

// The card's layout lives in globals.css (.deal-card and the short classes inside it): it is repeated on every listing. Its
// icons come from the page's DealCardSprite.
export function DealCard({ deal, headingLevel = 'h3' }: { deal: CardDeal; headingLevel?: 'h2' | 'h3' }) {
  const H = headingLevel;
  return (
    <article className="deal-card">
      <header>
        <span className="icon">
          <SpriteIcon id={`dc-${ASSET_ICONS.has(deal.assetType) ? deal.assetType : 'equity'}`} />
        </span>
        <div className="badges">
          {deal.featured && <span className="badge badge-brand">Featured</span>}
          <StatusBadge status={deal.status} />
        </div>
      </header>
      <H>
        <Link href={`/deals/${deal.slug}`}>{deal.title}</Link>
      </H>
      <p className="issuer">{`${deal.issuerName} · ${humanize(deal.assetType)}`}</p>
      {deal.summary && <p className="summary">{deal.summary}</p>}
      <div className="money">
        <div className="amounts">
          <span>{formatMoney(deal.progress.raised, deal.currency, { compact: true })}</span>
          <span>{`of ${formatMoney(deal.targetAmount, deal.currency, { compact: true })}`}</span>
        </div>
        <ProgressBar percent={deal.progress.percent} label={`${deal.title} funding progress`} />
        <dl className="stats">
          <div>
            <dt className="sr-only">Raised</dt>
            <dd>{`${deal.progress.percent}%`}</dd>
          </div>
          <div>
            <dt className="sr-only">Investors</dt>
            <SpriteIcon id="dc-investors" />
            <dd>{deal.progress.investors}</dd>
          </div>
          <div>
            <dt className="sr-only">Minimum ticket</dt>
            <dd>{`Min ${formatMoney(deal.minTicket, deal.currency, { compact: true })}`}</dd>
          </div>
        </dl>
        {deal.endsAt && <p className="closes">{`Closes ${formatDate(deal.endsAt)}`}</p>}
      </div>
    </article>
  );
}
