import { describe, expect, it } from 'vitest';
import { hueDistance, sliceColors, sliceHue } from './chart-colors';

describe('allocation slice colours', () => {
  it('start with the primary colour and never repeat a colour', () => {
    for (const primary of ['#2563EB', '#10B981', '#0EA5E9', '#F43F5E', '#8B5CF6', '#64748B', '#000000']) {
      const colors = sliceColors(primary, 10);
      expect(colors[0]).toBe(primary);
      expect(new Set(colors).size).toBe(10);
    }
  });

  it('keep every other slice at least 30 degrees of hue from the primary and from each other (first seven)', () => {
    for (const primary of ['#2563EB', '#10B981', '#D97706', '#DB2777']) {
      const hues = Array.from({ length: 7 }, (_, i) => sliceHue(i, primary));
      for (let i = 0; i < hues.length; i++) for (let j = i + 1; j < hues.length; j++) expect(hueDistance(hues[i]!, hues[j]!)).toBeGreaterThanOrEqual(30);
    }
  });
});
