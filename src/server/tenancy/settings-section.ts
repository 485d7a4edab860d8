// tenants.settings is one JSON object with a section per module (compliance, screening, kyc, ...).
export type SettingsObject = Record<string, unknown>;

/** The object stored under key, or an empty one when it is missing or not an object. */
export function settingsSection(o: SettingsObject, key: string): SettingsObject {
  const v = o[key];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as SettingsObject) : {};
}
