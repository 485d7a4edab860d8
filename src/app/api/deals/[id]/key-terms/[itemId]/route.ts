import { dealItemRoutes } from '@/server/deal-content/item-routes';

export const { PATCH, DELETE } = dealItemRoutes('keyTerms');
