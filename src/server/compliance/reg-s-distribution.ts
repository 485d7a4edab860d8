// Regulation S distribution compliance period (Rule 903(b)): how long after the later of the
// offering's start and the closing securities bought under Regulation S may not be resold to
// U.S. persons. The P2P market asks this before listing a holding.

export type RegSCategory = 1 | 2 | 3;
export type RegSSecurity = { category: RegSCategory; kind: 'equity' | 'debt'; reportingIssuer: boolean };
export type DistributionPeriod = { days: number } | { months: number } | { years: number } | null;

export function distributionCompliancePeriod(s: RegSSecurity): DistributionPeriod {
  if (s.category === 1) return null;
  if (s.category === 2) return { days: 40 };
  if (s.kind === 'debt') return { days: 40 };
  return s.reportingIssuer ? { months: 6 } : { years: 1 };
}

/** The first moment a resale to a U.S. person is allowed (UTC calendar arithmetic). */
export function distributionComplianceEndsAt(s: RegSSecurity, startedAt: Date): Date {
  const p = distributionCompliancePeriod(s);
  const end = new Date(startedAt.getTime());
  if (p === null) return end;
  if ('days' in p) end.setUTCDate(end.getUTCDate() + p.days);
  else if ('months' in p) end.setUTCMonth(end.getUTCMonth() + p.months);
  else end.setUTCFullYear(end.getUTCFullYear() + p.years);
  return end;
}

export function resaleToUsPersonAllowed(s: RegSSecurity, startedAt: Date, now: Date): boolean {
  return now.getTime() >= distributionComplianceEndsAt(s, startedAt).getTime();
}
