import type { Principal } from '../auth/principal';
import { getDeal } from '../deals/browse';
import type { TenantContext } from '../tenancy/resolve';
import { listDealDocuments } from './deal-documents';
import { listDealItems } from './items';
import { dealDescriptionHtml } from './markdown';
import { listDealMedia } from './media';
import { listDealReviews } from './reviews';
import { listDealUpdates } from './updates';

/**
 * GET /api/deals/[id]: the deal with its content, each part under the same visibility rule
 * (a deal the caller cannot see is 404 before anything else is read).
 */
export async function dealWithContent(tenant: TenantContext, p: Principal | null, idOrSlug: string) {
  const deal = await getDeal(tenant, p, idOrSlug);
  const [keyTerms, faqs, requiredDocuments, documents, media, updates, reviews] = await Promise.all([
    listDealItems(tenant, p, 'keyTerms', deal.id),
    listDealItems(tenant, p, 'faqs', deal.id),
    listDealItems(tenant, p, 'requiredDocuments', deal.id),
    listDealDocuments(tenant, p, deal.id),
    listDealMedia(tenant, p, deal.id),
    listDealUpdates(tenant, p, deal.id),
    listDealReviews(tenant, p, deal.id),
  ]);
  return {
    ...deal,
    descriptionHtml: dealDescriptionHtml(deal),
    ...keyTerms,
    ...faqs,
    ...requiredDocuments,
    ...documents,
    ...media,
    ...updates,
    reviewSummary: { count: reviews.count, averageRating: reviews.averageRating },
  };
}
