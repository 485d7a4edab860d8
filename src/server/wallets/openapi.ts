import { linkWalletInput, linkWalletResponse, siweChallenge, unlinkWalletInput, unlinkWalletResponse } from './schema';

// The wallet routes for /api/openapi.json, in the shape of openapi/document.ts's `ops`.
export const walletOps = [
  { tag: 'wallet', method: 'post', path: '/api/wallet/nonce', summary: 'A single-use nonce (5 minutes) and the fields of the EIP-4361 message to sign', auth: 'user', response: siweChallenge },
  { tag: 'wallet', method: 'post', path: '/api/wallet/link', summary: 'Link a wallet with a signed Sign-In with Ethereum message (domain, chain, nonce, times and signer checked)', auth: 'user', body: linkWalletInput, response: linkWalletResponse },
  { tag: 'wallet', method: 'delete', path: '/api/wallet/link', summary: 'Unlink one of the caller’s wallets', auth: 'user', body: unlinkWalletInput, response: unlinkWalletResponse },
] as const;
