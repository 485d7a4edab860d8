// What other modules may use of escrow.
export { openEscrowForInvestment, onInvestmentCreated, type NewInvestment } from './open-escrow';
export { onKycDecision } from './kyc-decision';
export { releaseHeldEscrowsOfUser, refundHeldEscrowsOfUser } from './user-escrows';
export { runEscrowSweep, type SweepReport } from './sweep';
export { escrowHoldings, type EscrowHolding } from './holdings';
export * as escrowState from './state';
export { NO_REQUEST, SYSTEM_ACTOR, type EscrowActor } from './movements';
export { refundEscrowOfCancelledCommitment } from './cancelled-commitment';
export { allTenantIds } from './repo';
