import { z } from 'zod';

// The wallet-linking contract: a nonce to sign into an EIP-4361 message, then the signed
// message. Signatures are 65-byte ECDSA (externally owned accounts: injected wallets).

export const walletAddress = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'address must be a 0x address of 40 hex digits')
  .transform((a) => a.toLowerCase() as `0x${string}`);

export const linkWalletInput = z.object({
  message: z.string().min(1, 'message is required').max(4096, 'message is at most 4096 characters'),
  signature: z
    .string()
    .regex(/^0x[0-9a-fA-F]{130}$/, 'signature must be a 65-byte hex signature')
    .transform((s) => s as `0x${string}`),
});

export const unlinkWalletInput = z.object({ address: walletAddress });

export const siweChallenge = z.object({
  nonce: z.string(),
  issuedAt: z.string().datetime(),
  expirationTime: z.string().datetime(),
  domain: z.string(),
  uri: z.string().url(),
  chainId: z.number().int(),
  statement: z.string(),
});

export const linkedWallet = z.object({ address: z.string(), chainId: z.number().int(), linkedAt: z.string().datetime() });
export const linkWalletResponse = z.object({ wallet: linkedWallet, walletAddress: z.string() });
export const unlinkWalletResponse = z.object({ success: z.boolean(), walletAddress: z.string().nullable() });

export type LinkWalletInput = z.infer<typeof linkWalletInput>;
export type SiweChallenge = z.infer<typeof siweChallenge>;
export type LinkedWallet = z.infer<typeof linkedWallet>;
