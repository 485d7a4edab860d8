// The lending module's public surface (routes and pages import from here): admin use cases in
// admin.ts, the member's in member.ts, wallet calls in wallet-calls.ts.
export { createLendingPool, poolAddresses, provisionedChains, saveLendingSettings, setCollateralPrice } from './admin';
export { acknowledgeDisclosure, getPool, listPools, myPositions } from './member';
export { prepareWalletCall } from './wallet-calls';
export { liquidationPrices, supplyRate } from './chain-state';
