// Demo asset tokenization (Alpha, local chain only): the feature on, and one tokenized building
// applied for by the demo issuer and approved by the demo admin. The chain work pass of the job
// worker deploys its IdentityRegistry and PermissionedToken right after start-up (nothing here
// waits for the chain), so `npm start` shows the asset with its token address moments later.
import type { RequestMeta } from '../audit/service';
import { hasApplications } from '../assets/repo';
import { createApplication, reviewApplication, submitApplication } from '../assets/service';
import { isDevChain } from '../chain/chains';
import { localAccount } from '../chain/dev-accounts';
import { systemDeployments } from '../chain/network';
import { getConfig } from '../config';
import { withTenant } from '../db/tenant';
import { updateTenantSettings } from '../tenancy/admin';
import { resolveTenant } from '../tenancy/resolve';
import { principalFor } from './demo-deals';

const META: RequestMeta = { ip: null, userAgent: 'demo-seed', requestId: null };
/** Anvil account 2 receives the demo token's supply (3/4 are Alpha's investors, 5/6 Beta's, 7–9 the browser tests'). */
const TREASURY_ACCOUNT = 2;

export async function seedDemoAssets(tenantId: string, slug: 'alpha', emails: { admin: string; issuer: string }, log: (m: string) => void = () => {}): Promise<void> {
  const config = getConfig();
  const chainId = config.NEXT_PUBLIC_CHAIN_ID;
  if (!isDevChain(chainId) || !systemDeployments(chainId)) return log('demo assets: no local chain with the platform deployed; skipped');
  if (await withTenant(tenantId, null, hasApplications)) return;
  let tenant = await resolveTenant(`${slug}.${config.PLATFORM_BASE_DOMAIN}`, config.PLATFORM_BASE_DOMAIN);
  const [admin, issuer] = await Promise.all([principalFor(tenantId, emails.admin), principalFor(tenantId, emails.issuer)]);
  if (!tenant || !admin || !issuer) throw new Error(`demo assets: tenant ${slug}, its admin or its issuer is missing`);
  await updateTenantSettings(tenant, admin, { features: { assetTokenization: true } }, META);
  tenant = { ...tenant, features: { ...tenant.features, assetTokenization: true } };
  const created = await createApplication(
    tenant,
    issuer,
    {
      assetType: 'real_estate',
      name: 'Harbour Tower Lisbon',
      symbol: 'HTL',
      description: 'A 12-storey office building on the Lisbon waterfront, fully let on leases running to 2033. Token holders share the net rental income pro rata.',
      valuation: '1850000000', // 18,500,000.00 EUR
      currency: 'EUR',
      currencyDecimals: 2,
      supply: (100_000n * 10n ** 18n).toString(),
      decimals: 18,
      jurisdiction: 'PT',
      regulation: 'reg_s',
      chainId,
      treasuryAddress: localAccount(TREASURY_ACCOUNT).address.toLowerCase() as `0x${string}`,
      lockupSeconds: 0,
      regSPeriodSeconds: 40 * 86_400,
      maxHolders: 2_000,
      maxBalance: '0',
      allowedCountries: [],
      documentIds: [],
    },
    META,
  );
  const id = created.application.id;
  await submitApplication(tenant, issuer, id, META);
  await reviewApplication(tenant, admin, id, { action: 'approve' }, META);
  log(`demo assets: ${slug} approved the Harbour Tower Lisbon token; the job worker deploys it`);
}
