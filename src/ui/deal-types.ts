import type { dealDetailView, dealSummaryView } from '@/server/deals/view';

export type DealSummary = ReturnType<typeof dealSummaryView>;
export type DealDetail = ReturnType<typeof dealDetailView>;
