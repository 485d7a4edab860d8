import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import { ValidationError, type FieldError } from '../errors';
import { lockTenantSettingsRow } from '../tenancy/repo';
import { invalidateTenantCache, type TenantContext } from '../tenancy/resolve';
import { settingsSection, type SettingsObject } from '../tenancy/settings-section';
import { policyOf } from './policy';
import { LEVELS } from './rules/verification-level';
import { writeComplianceSettings } from './repo';
import { compliancePolicySettings, type CompliancePolicySettings, type ComplianceSettingsPatch } from './schema';

// The tenant's compliance settings as the tenant admin sees and changes them: what the engine
// reads from settings.compliance, and the screening threshold (settings.screening.threshold).


function view(settings: SettingsObject) {
  const threshold = settingsSection(settings, 'screening').threshold;
  /** screeningThreshold null: the screening module's default threshold applies. */
  const { accreditationRequired: _feature, ...policy } = policyOf({ settings });
  return { ...policy, screeningThreshold: typeof threshold === 'number' ? threshold : null };
}

/** Rules across fields that a per-field schema cannot say; each names the field at fault. */
function crossFieldErrors(c: CompliancePolicySettings): FieldError[] {
  const errors: FieldError[] = [];
  if (!c.suitability.bands.some((b) => b.band === c.suitability.minimumBand))
    errors.push({ field: 'suitability.minimumBand', message: `must be one of the bands (${c.suitability.bands.map((b) => b.band).join(', ')})` });
  if (new Set(c.suitability.bands.map((b) => b.band)).size !== c.suitability.bands.length) errors.push({ field: 'suitability.bands', message: 'band names must be unique' });
  if (c.investmentLimit.lowerPercent > c.investmentLimit.upperPercent) errors.push({ field: 'investmentLimit.lowerPercent', message: 'must not exceed upperPercent' });
  const { invest, investAbove } = c.verificationLevels;
  if (investAbove && LEVELS.indexOf(investAbove.level) <= LEVELS.indexOf(invest))
    errors.push({ field: 'verificationLevels.investAbove.level', message: `must be higher than the invest level (${invest}), or the threshold changes nothing` });
  const blockedAndAllowed = (c.allowedCountries ?? []).filter((x) => c.blockedCountries.includes(x));
  if (blockedAndAllowed.length) errors.push({ field: 'blockedCountries', message: `${blockedAndAllowed.join(', ')} cannot be both allowed and blocked` });
  return errors;
}

/** GET /api/admin/compliance-settings: the effective settings, defaults filled in. */
export function complianceSettingsView(tenant: Pick<TenantContext, 'settings'>) {
  return view(tenant.settings);
}

/** PATCH /api/admin/compliance-settings: merges the fields sent onto the stored ones, audited; live on every host at once. */
export async function updateComplianceSettings(tenant: TenantContext, admin: Principal, patch: ComplianceSettingsPatch, meta: RequestMeta) {
  const result = await withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const { settings } = await lockTenantSettingsRow(t);
    const stored = settingsSection(settings, 'compliance');
    const { screeningThreshold, investmentLimit, suitability, verificationLevels, ...top } = patch;
    const compliance: SettingsObject = { ...stored, ...top };
    if (investmentLimit) compliance.investmentLimit = { ...settingsSection(stored, 'investmentLimit'), ...investmentLimit };
    if (suitability) compliance.suitability = { ...settingsSection(stored, 'suitability'), ...suitability };
    if (verificationLevels) compliance.verificationLevels = { ...settingsSection(stored, 'verificationLevels'), ...verificationLevels };
    const parsed = compliancePolicySettings.safeParse(compliance);
    if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
    const errors = crossFieldErrors(parsed.data);
    if (errors.length) throw new ValidationError(errors);
    const screening = screeningThreshold === undefined ? {} : { threshold: screeningThreshold };
    await writeComplianceSettings(t, compliance, screening);
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'compliance.settings_updated', targetType: 'tenant', targetId: tenant.id, metadata: { fields: Object.keys(patch), before: view(settings), patch } }, meta);
    return view({ ...settings, compliance, screening: { ...settingsSection(settings, 'screening'), ...screening } });
  });
  invalidateTenantCache(tenant.id);
  return result;
}
