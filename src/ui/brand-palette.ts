// A tenant's brand colours become a full light and dark palette at request time. Tenants
// pick any colour; the palette nudges it until text on it (and it as text) meets WCAG AA
// contrast, so a pale brand green never produces unreadable buttons.
type Rgb = [number, number, number];

const hexToRgb = (hex: string): Rgb => {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
};
const rgbToHex = (c: Rgb) => `#${c.map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('')}`;

/** a→b by t in sRGB (0 = a, 1 = b). */
export function mix(a: string, b: string, t: number): string {
  const x = hexToRgb(a);
  const y = hexToRgb(b);
  return rgbToHex([0, 1, 2].map((i) => x[i]! + (y[i]! - x[i]!) * t) as Rgb);
}

function luminance(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Moves `color` towards `towards` in small steps until it has `ratio` contrast with `against`. */
export function ensureContrast(color: string, against: string, towards: string, ratio = 4.6): string {
  let c = color;
  for (let i = 1; i <= 20 && contrast(c, against) < ratio; i++) c = mix(color, towards, i / 20);
  return c;
}

export type Palette = Record<string, string>;

const DARK_BG = '#0B1120';
const DARK_TEXT = '#E5E7EB';

/** CSS custom properties (without the leading --) for one mode. */
export function palette(colors: { primary: string; secondary: string; accent: string; background: string; text: string }, mode: 'light' | 'dark'): Palette {
  if (mode === 'light') {
    const bg = colors.background;
    const text = contrast(colors.text, bg) >= 7 ? colors.text : '#0F172A';
    const card = luminance(bg) > 0.97 ? mix(bg, text, 0.015) : '#FFFFFF';
    const primary = ensureContrast(colors.primary, '#FFFFFF', '#000000');
    const muted = mix(bg, text, 0.05);
    return {
      background: bg,
      foreground: text,
      card: luminance(bg) > 0.97 && bg.toUpperCase() === '#FFFFFF' ? '#FFFFFF' : card,
      muted,
      'muted-foreground': ensureContrast(mix(text, bg, 0.38), muted, text),
      border: mix(bg, text, 0.13),
      input: mix(bg, text, 0.28),
      primary,
      'primary-foreground': '#FFFFFF',
      'primary-soft': mix(bg, colors.primary, 0.1),
      'primary-text': ensureContrast(colors.primary, mix(bg, colors.primary, 0.1), '#000000'),
      secondary: ensureContrast(colors.secondary, '#FFFFFF', '#000000'),
      accent: colors.accent,
      // Accent text sits on the page, on cards and on muted panels: the darkest of them (muted) is the hardest.
      'accent-text': ensureContrast(colors.accent, muted, '#000000'),
      ring: primary,
      success: '#047857',
      'success-soft': '#D1FAE5',
      warning: '#B45309',
      'warning-soft': '#FEF3C7',
      danger: '#B91C1C',
      'danger-soft': '#FEE2E2',
    };
  }
  const bg = mix(DARK_BG, colors.primary, 0.04);
  const primary = ensureContrast(colors.primary, bg, '#FFFFFF', 5);
  const muted = mix(bg, '#FFFFFF', 0.07);
  return {
    background: bg,
    foreground: DARK_TEXT,
    card: mix(bg, '#FFFFFF', 0.04),
    muted,
    'muted-foreground': '#A3ACBA',
    border: mix(bg, '#FFFFFF', 0.13),
    input: mix(bg, '#FFFFFF', 0.3),
    primary,
    'primary-foreground': contrast(primary, '#0B1120') >= 4.6 ? '#0B1120' : '#FFFFFF',
    'primary-soft': mix(bg, colors.primary, 0.22),
    'primary-text': ensureContrast(colors.primary, mix(bg, colors.primary, 0.22), '#FFFFFF', 4.8),
    secondary: ensureContrast(colors.secondary, bg, '#FFFFFF', 5),
    accent: colors.accent,
    // In dark mode cards and muted panels are lighter than the page: check against the lightest (muted).
    'accent-text': ensureContrast(colors.accent, muted, '#FFFFFF'),
    ring: primary,
    success: '#34D399',
    'success-soft': '#064E3B',
    warning: '#FBBF24',
    'warning-soft': '#451A03',
    danger: '#F87171',
    'danger-soft': '#450A0A',
  };
}

export function paletteCss(p: Palette): string {
  return Object.entries(p)
    .map(([k, v]) => `--${k}:${v};`)
    .join('');
}
