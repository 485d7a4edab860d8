// What other modules may use of KYC.
export { onScreeningHitDecided, reassessEnhancedLevel } from './enhanced';
