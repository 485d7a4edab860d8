// Money arrives as decimal strings in major units ("1250.50"); it is formatted as text,
// never through floating point, so large amounts and 18-decimal tokens stay exact.

const FIAT = new Set(['USD', 'EUR', 'GBP', 'CHF', 'CAD', 'AUD', 'JPY', 'SGD']);
const SYMBOL: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

function group(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1250000.50", "USD" -> "$1,250,000.50"; tokens keep up to 4 significant fraction digits. */
export function formatMoney(amount: string | null | undefined, currency: string, opts: { compact?: boolean } = {}): string {
  if (amount === null || amount === undefined) return '—';
  const neg = amount.startsWith('-');
  const [whole = '0', fraction = ''] = amount.replace(/^-/, '').split('.');
  let text: string;
  if (opts.compact && whole.length > 6) {
    const units = whole.length > 9 ? { n: 9, s: 'B' } : { n: 6, s: 'M' };
    const head = whole.slice(0, whole.length - units.n);
    const tail = whole.slice(whole.length - units.n, whole.length - units.n + 1);
    text = `${group(head)}${tail !== '0' ? `.${tail}` : ''}${units.s}`;
  } else {
    const frac = FIAT.has(currency) ? (fraction.replace(/0+$/, '') ? fraction.padEnd(2, '0').slice(0, 2) : '') : fraction.replace(/0+$/, '').slice(0, 4);
    text = group(whole) + (frac ? `.${frac}` : '');
  }
  const sym = SYMBOL[currency];
  return `${neg ? '−' : ''}${sym ? `${sym}${text}` : `${text} ${currency}`}`;
}

// Built once: constructing an Intl formatter costs far more than formatting with it, and a
// deals page formats dozens of dates per render.
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return DATE.format(new Date(iso));
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return DATE_TIME.format(new Date(iso));
}

/** "active" / "pending_review" -> "Active" / "Pending review". */
export function humanize(s: string): string {
  const t = s.replace(/_/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** Integer percent for widths; the text shows the API's two-decimal figure. */
export function percentWidth(percent: string): number {
  const n = Number.parseFloat(percent);
  return Number.isFinite(n) ? Math.max(0, Math.min(100, n)) : 0;
}
