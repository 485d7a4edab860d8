// The referrals module's public surface (routes, pages and other modules import from here).
export { createReferralLink, followReferralLink } from './links';
export { attributeSignUp, mailbox } from './attribution';
export { approveReward, clawBackInvestmentReward, rewardConfirmedInvestment, rewardFor } from './rewards';
export { referralDashboard } from './dashboard';
export { referralAdminOverview, referralTransactionsCsv, saveReferralSettings } from './admin';
export { REFERRAL_COOKIE, clearedAttributionCookie } from './attribution-cookie';
