import { route } from '@/server/http/route';
import { myBrokerRelationship } from '@/server/brokers/service';

export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => myBrokerRelationship(tenant, principal));
