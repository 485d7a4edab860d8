'use client';

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDateTime } from './format';
import { ratePercent, rateText } from './lending-format';

// Realised borrow and supply rates between the pool's interest accruals (from the indexer). The
// drawing is for the eye only (hidden from assistive technology); the exact figures are in the
// table under it, as the admin charts do.

type Point = { at: string; borrowRate: string; supplyRate: string };

const tooltipStyle = {
  contentStyle: { background: 'var(--card)', border: '1px solid var(--border)', borderRadius: 8, color: 'var(--foreground)' },
  itemStyle: { color: 'var(--foreground)' },
  labelStyle: { color: 'var(--muted-foreground)' },
};
const axisTick = { fill: 'var(--muted-foreground)', fontSize: 12 };

export function LendingRateChart({ points }: { points: Point[] }) {
  if (points.length === 0) return <p className="text-sm text-muted-foreground">No interest has accrued twice yet, so there is no realised rate to draw.</p>;
  const data = points.map((p) => ({ label: formatDateTime(p.at), borrow: ratePercent(p.borrowRate), supply: ratePercent(p.supplyRate) }));
  return (
    <figure data-testid="lending-rate-chart">
      <div className="h-56 w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} accessibilityLayer={false} tabIndex={-1} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis dataKey="label" tick={axisTick} tickLine={false} axisLine={false} minTickGap={24} />
            <YAxis tick={axisTick} tickLine={false} axisLine={false} width={48} tickFormatter={(v: number) => `${v}%`} />
            <Tooltip {...tooltipStyle} />
            <Line type="monotone" dataKey="borrow" name="Borrow rate %" stroke="var(--primary)" strokeWidth={2} dot={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="supply" name="Supply rate %" stroke="var(--muted-foreground)" strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">Realised yearly borrow and supply rates between interest accruals</figcaption>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium text-primary-text">Show the numbers</summary>
        <table className="mt-2 w-full">
          <caption className="sr-only">Realised yearly rates</caption>
          <thead>
            <tr className="text-left text-muted-foreground">
              <th scope="col" className="py-1 font-medium">
                Until
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Borrow
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Supply
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {points.map((p) => (
              <tr key={p.at}>
                <th scope="row" className="py-1 text-left font-normal">
                  {formatDateTime(p.at)}
                </th>
                <td className="py-1 text-right tabular-nums">{rateText(p.borrowRate)}</td>
                <td className="py-1 text-right tabular-nums">{rateText(p.supplyRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
