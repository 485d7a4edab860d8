'use client';

import { Area, AreaChart, Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

// The admin overview's two charts. The numbers drive the drawing only; every exact amount is
// in the data table under each chart (a native disclosure), which is what assistive
// technology reads: the drawing itself is hidden from it. Loaded with next/dynamic by
// /admin alone, so recharts weighs on no other route.

export type ChartPoint = { label: string; value: number; display: string };
export type ChartSeries = { currency: string; points: ChartPoint[] };

const tooltipStyle = {
  contentStyle: { background: 'var(--card)', border: '1px solid var(--border)', borderRadius: 8, color: 'var(--foreground)' },
  itemStyle: { color: 'var(--foreground)' },
  labelStyle: { color: 'var(--muted-foreground)' },
};
const axisTick = { fill: 'var(--muted-foreground)', fontSize: 12 };
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

function DataTable({ caption, column, points }: { caption: string; column: string; points: ChartPoint[] }) {
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer font-medium text-primary-text">Show the numbers</summary>
      <table className="mt-2 w-full">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="text-left text-muted-foreground">
            <th scope="col" className="py-1 font-medium">
              {column}
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              Raised
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {points.map((p) => (
            <tr key={p.label}>
              <th scope="row" className="py-1 text-left font-normal">
                {p.label}
              </th>
              <td className="py-1 text-right tabular-nums">{p.display}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function RaisedPerDayChart({ series }: { series: ChartSeries }) {
  const gradient = `raised-${series.currency}`;
  return (
    <figure data-testid="chart-raised-per-day" data-currency={series.currency}>
      <div className="h-56 w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={series.points} accessibilityLayer={false} tabIndex={-1} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <defs>
              <linearGradient id={gradient} x1="0" y1="0" x2="0" y2="1">
                <stop offset="0%" stopColor="var(--primary)" stopOpacity={0.35} />
                <stop offset="100%" stopColor="var(--primary)" stopOpacity={0} />
              </linearGradient>
            </defs>
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis dataKey="label" tick={axisTick} tickLine={false} axisLine={false} minTickGap={24} />
            <YAxis tick={axisTick} tickLine={false} axisLine={false} width={48} tickFormatter={(v: number) => compact.format(v)} />
            <Tooltip formatter={(_v, _n, item) => [(item.payload as ChartPoint).display, 'Raised']} {...tooltipStyle} />
            <Area type="monotone" dataKey="value" stroke="var(--primary)" strokeWidth={2} fill={`url(#${gradient})`} isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">Confirmed money raised per day in {series.currency}</figcaption>
      <DataTable caption={`Raised per day in ${series.currency}`} column="Day" points={series.points.filter((p) => p.value > 0)} />
    </figure>
  );
}

export function RaisedPerDealChart({ series }: { series: ChartSeries }) {
  return (
    <figure data-testid="chart-raised-per-deal" data-currency={series.currency}>
      <div className="w-full" style={{ height: Math.max(120, series.points.length * 40 + 40) }} aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={series.points} layout="vertical" accessibilityLayer={false} tabIndex={-1} margin={{ top: 0, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--border)" horizontal={false} />
            <XAxis type="number" tick={axisTick} tickLine={false} axisLine={false} tickFormatter={(v: number) => compact.format(v)} />
            <YAxis type="category" dataKey="label" tick={axisTick} tickLine={false} axisLine={false} width={140} />
            <Tooltip formatter={(_v, _n, item) => [(item.payload as ChartPoint).display, 'Raised']} cursor={{ fill: 'var(--muted)' }} {...tooltipStyle} />
            <Bar dataKey="value" fill="var(--primary)" radius={[0, 4, 4, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">Confirmed money raised per deal in {series.currency}</figcaption>
      <DataTable caption={`Raised per deal in ${series.currency}`} column="Deal" points={series.points} />
    </figure>
  );
}
