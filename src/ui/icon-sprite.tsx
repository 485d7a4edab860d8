// Icons repeated on a page (one per deal card) drawn once: the page holds each icon as a
// <symbol>, and every use is a few bytes (<svg><use href="#id"/></svg>) instead of the whole
// drawing again in the HTML and again in the RSC payload. The drawings are Lucide's
// (lucide-react 1.77, ISC licence), kept as markup so the payload carries one short string.

// The stroke style is the .sprite-icon class's (globals.css): a <use> copy inherits it from
// where it is used, so the symbols need not repeat it.
const symbol = (id: string, body: string) => `<symbol id="${id}" viewBox="0 0 24 24">${body}</symbol>`;
const paths = (...d: string[]) => d.map((x) => `<path d="${x}"/>`).join('');

const DEAL_CARD_SPRITE = [
  symbol('dc-equity', paths('M10 12h4', 'M10 8h4', 'M14 21v-3a2 2 0 0 0-4 0v3', 'M6 10H4a2 2 0 0 0-2 2v7a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V9a2 2 0 0 0-2-2h-2', 'M6 21V5a2 2 0 0 1 2-2h8a2 2 0 0 1 2 2v16')),
  symbol('dc-debt', paths('M10 18v-7', 'M11.119 2.205a2 2 0 0 1 1.762 0l7.84 3.846A.5.5 0 0 1 20.5 7h-17a.5.5 0 0 1-.22-.949z', 'M14 18v-7', 'M18 18v-7', 'M3 22h18', 'M6 18v-7')),
  symbol('dc-token', `${paths('M13.744 17.736a6 6 0 1 1-7.48-7.48', 'M15 6h1v4', 'm6.134 14.768.866-.5 2 3.464')}<circle cx="16" cy="8" r="6"/>`),
  symbol('dc-investors', `${paths('M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2', 'M16 3.128a4 4 0 0 1 0 7.744', 'M22 21v-2a4 4 0 0 0-3-3.87')}<circle cx="9" cy="7" r="4"/>`),
].join('');

/** The deal cards' icons; render once on a page that lists cards. */
export function DealCardSprite() {
  return <svg aria-hidden width="0" height="0" className="absolute overflow-hidden" dangerouslySetInnerHTML={{ __html: DEAL_CARD_SPRITE }} />;
}

export function SpriteIcon({ id, className }: { id: string; className?: string }) {
  return (
    <svg aria-hidden className={className ? `sprite-icon ${className}` : 'sprite-icon'}>
      <use href={`#${id}`} />
    </svg>
  );
}
