import { json, route } from '@/server/http/route';
import { verificationReturnUrl, webhookCallbackUrl } from '@/server/kyc/callback-url';
import { startApplication } from '@/server/kyc/investor';
import { startApplicationInput } from '@/server/kyc/schema';

export const POST = route({ auth: 'user', body: startApplicationInput }, async ({ req, tenant, principal, body, meta, config }) => {
  const { created, ...result } = await startApplication(tenant, principal, body, meta, config, webhookCallbackUrl(req, config, 'shuftipro'), verificationReturnUrl(req, config));
  return json(result, { status: created ? 201 : 200 });
});
