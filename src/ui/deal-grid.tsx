'use client';

import { DealCard, type CardDeal } from './deal-card';

// A grid of deal cards rendered from plain data. As a client component its RSC payload is the
// cards' data (a few hundred bytes each), not their element trees (about 2 kB each); the HTML
// is the same server-rendered markup.
export function DealGrid({ deals, className }: { deals: CardDeal[]; className: string }) {
  return (
    <div className={className}>
      {deals.map((d) => (
        <DealCard key={d.slug} deal={d} />
      ))}
    </div>
  );
}
