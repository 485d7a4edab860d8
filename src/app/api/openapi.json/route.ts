import { route } from '@/server/http/route';
import { openApiDocument } from '@/server/openapi/document';

export const GET = route({}, async () => openApiDocument());
