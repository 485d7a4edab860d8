'use client';

import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from 'recharts';
import { sliceColors } from './chart-colors';

export type Slice = { name: string; value: number; label: string };


/**
 * Allocation by deal for one currency. Values are for proportions only (a chart needs
 * numbers); the exact amounts are in the positions table and the legend text.
 */
export function AllocationChart({ slices, currency, brandPrimary }: { slices: Slice[]; currency: string; brandPrimary: string }) {
  // The brand's own colour (as the theme shows it in this mode) first; the other hues keep away from it.
  const colors = ['var(--primary)', ...sliceColors(brandPrimary, slices.length).slice(1)];
  return (
    <figure className="grid min-w-0 gap-4">
      <div className="mx-auto h-44 w-44" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <PieChart accessibilityLayer={false} tabIndex={-1}>
            <Pie data={slices} dataKey="value" nameKey="name" innerRadius="58%" outerRadius="95%" paddingAngle={2} stroke="var(--card)" isAnimationActive={false} rootTabIndex={-1}>
              {slices.map((s, i) => (
                <Cell key={s.name} fill={colors[i]} />
              ))}
            </Pie>
            <Tooltip
              formatter={(_v, _n, item) => (item.payload as Slice).label}
              contentStyle={{ background: 'var(--card)', border: '1px solid var(--border)', borderRadius: 8, color: 'var(--foreground)' }}
              itemStyle={{ color: 'var(--foreground)' }}
            />
          </PieChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="min-w-0">
        <p className="sr-only">Allocation of your {currency} investments by deal</p>
        <ul className="grid gap-2 text-sm">
          {slices.map((s, i) => (
            <li key={s.name} className="flex min-w-0 items-center gap-2">
              <span aria-hidden className="size-3 shrink-0 rounded-sm" style={{ background: colors[i] }} />
              <span className="min-w-0 flex-1 truncate">{s.name}</span>
              <span className="font-medium tabular-nums">{s.label}</span>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
