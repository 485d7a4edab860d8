import type { Config } from '../../config';
import type { KycProviderName } from '../../db/types';
import type { TenantTx } from '../../db/tenant';
import { AppError } from '../../errors';
import { shuftiCredentials, sumsubCredentials } from '../credentials';
import { ManualProvider } from './manual';
import { SHUFTI_DEFAULT_BASE_URL, ShuftiProProvider } from './shuftipro';
import { SumsubProvider } from './sumsub';
import type { KycProvider, WebhookProviderName } from './types';

export class ProviderNotConfigured extends AppError {
  constructor(provider: KycProviderName) {
    super(503, 'kyc_provider_not_configured', `Identity verification with ${provider} is not configured for this platform`);
  }
}

/** The adapter that starts verifications for the tenant's configured provider. */
export async function providerFor(t: TenantTx, config: Config, name: KycProviderName): Promise<KycProvider> {
  if (name === 'manual') return new ManualProvider();
  if (name === 'sumsub') {
    const c = await sumsubCredentials(t, config);
    if (!c?.appToken || !c.secretKey) throw new ProviderNotConfigured(name);
    return new SumsubProvider(c);
  }
  const c = await shuftiCredentials(t, config);
  if (!c) throw new ProviderNotConfigured(name);
  return new ShuftiProProvider(c);
}

/** The adapter that verifies webhooks; without a secret its verifyWebhook refuses everything. */
export async function webhookProviderFor(t: TenantTx, config: Config, name: WebhookProviderName): Promise<KycProvider> {
  if (name === 'sumsub') {
    const c = await sumsubCredentials(t, config);
    return new SumsubProvider(c ?? { appToken: '', secretKey: '', webhookSecret: null, baseUrl: '' });
  }
  const c = await shuftiCredentials(t, config);
  return new ShuftiProProvider(c ?? { clientId: '', secretKey: '', baseUrl: SHUFTI_DEFAULT_BASE_URL });
}
