// The verification-level history is the auth module's; KYC and others raise levels through here.
export { grantVerificationLevel, heldVerificationLevels, revokeVerificationLevels, VERIFICATION_LEVEL_ORDER } from './repo';
