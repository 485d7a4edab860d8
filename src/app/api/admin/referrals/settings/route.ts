import { route } from '@/server/http/route';
import { referralSettingsInput } from '@/server/referrals/schema';
import { saveReferralSettings } from '@/server/referrals/service';

export const PUT = route({ roles: ['tenant_admin'], feature: 'referrals', body: referralSettingsInput }, async ({ tenant, principal, body, meta }) => saveReferralSettings(tenant, principal, body, meta));
