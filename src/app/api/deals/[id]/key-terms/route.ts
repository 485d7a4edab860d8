import { dealItemCollectionRoutes } from '@/server/deal-content/item-routes';

export const { GET, POST } = dealItemCollectionRoutes('keyTerms');
