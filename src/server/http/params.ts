import { z } from 'zod';

/** Route parameter `[id]`: a UUID, or 400 naming it. */
export const idParams = z.object({ id: z.uuid({ error: 'id must be a UUID' }) });
