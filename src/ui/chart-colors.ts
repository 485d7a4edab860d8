// Colours for the slices of a chart. The tenant's primary colour comes first (the brand), and
// every other slice takes a hue far from it and from each other: the golden angle from the
// primary's hue spreads them evenly, so no slice repeats a colour however the tenant brands.

const GOLDEN_ANGLE = 137.508;

function hueOf(hex: string): number | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const n = Number.parseInt(m[1]!, 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => v / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d < 0.08) return null; // a grey: no hue to keep away from
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

/** Distance between two hues on the colour wheel, in degrees (0..180). */
export function hueDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}

/** `count` slice colours: the primary, then hues spread away from it (mid lightness reads on light and dark cards). */
export function sliceColors(primary: string, count: number): string[] {
  const base = hueOf(primary) ?? 210;
  const colors = [primary];
  for (let k = 1; k < count; k++) {
    const hue = (base + k * GOLDEN_ANGLE) % 360;
    // Past seven slices hues come closer again: alternate the lightness so neighbours still differ.
    const lightness = k < 7 ? 48 : k % 2 ? 36 : 62;
    colors.push(`hsl(${hue.toFixed(1)} 68% ${lightness}%)`);
  }
  return colors.slice(0, count);
}

export const sliceHue = (i: number, primary: string) => ((hueOf(primary) ?? 210) + i * GOLDEN_ANGLE) % 360;
