import { describe, expect, it } from 'vitest';
import { contrast, palette } from './brand-palette';

// Tenants pick any colours; every text colour the palette hands out must stay readable (WCAG AA,
// 4.5:1) on every surface it is used on, in both modes.
const BRANDS = [
  { primary: '#2563EB', secondary: '#64748B', accent: '#F59E0B', background: '#FFFFFF', text: '#0F172A' },
  { primary: '#A3E635', secondary: '#FDE68A', accent: '#FACC15', background: '#FFFFFF', text: '#111827' },
  { primary: '#1E1B4B', secondary: '#312E81', accent: '#4C1D95', background: '#F8FAFC', text: '#020617' },
  { primary: '#059669', secondary: '#0F766E', accent: '#EC4899', background: '#FFFBEB', text: '#1C1917' },
];

describe('brand palette contrast', () => {
  for (const brand of BRANDS)
    for (const mode of ['light', 'dark'] as const)
      it(`${brand.primary}/${brand.accent} in ${mode} mode: text colours meet 4.5:1 on the page, cards and muted panels`, () => {
        const p = palette(brand, mode);
        for (const surface of ['background', 'card', 'muted'] as const) {
          expect(contrast(p.foreground!, p[surface]!)).toBeGreaterThanOrEqual(4.5);
          expect(contrast(p['muted-foreground']!, p[surface]!)).toBeGreaterThanOrEqual(4.5);
          expect(contrast(p['accent-text']!, p[surface]!)).toBeGreaterThanOrEqual(4.5);
        }
        expect(contrast(p['primary-text']!, p['primary-soft']!)).toBeGreaterThanOrEqual(4.5);
        expect(contrast(p['primary-foreground']!, p.primary!)).toBeGreaterThanOrEqual(4.5);
      });
});
