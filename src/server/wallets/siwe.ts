import { getAddress, verifyMessage, type Address, type Hex } from 'viem';
import { parseSiweMessage, validateSiweMessage } from 'viem/siwe';
import { AppError, BadRequest, Unauthorized } from '../errors';

// The stateless half of EIP-4361 verification: everything that can be checked from the
// message, the signature and the request. The nonce (state) is checked by the service.

/** Tolerated clock difference between the wallet's machine and ours for issued-at. */
export const CLOCK_SKEW_MS = 30_000;

export type SiweExpectation = {
  /** The request's Host (authority): the message must be addressed to it. */
  domain: string;
  /** The request's origin (scheme://host): the message's URI must be on it. */
  origin: string;
  chainId: number;
  now: Date;
};

export type VerifiedSiwe = { address: Address; chainId: number; nonce: string; issuedAt: Date; expirationTime: Date | null };

export class SiweExpired extends BadRequest {
  constructor(message: string) {
    super('siwe_expired', message);
  }
}

const validDate = (d: Date | undefined): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

function originOf(uri: string): string | null {
  try {
    return new URL(uri).origin;
  } catch {
    return null;
  }
}

export async function verifySiwe(text: string, signature: Hex, expect: SiweExpectation): Promise<VerifiedSiwe> {
  const m = parseSiweMessage(text);
  if (!m.address || !m.domain || !m.uri || m.version !== '1' || m.chainId === undefined || !m.nonce || !validDate(m.issuedAt))
    throw new BadRequest('siwe_message_invalid', 'The message is not an EIP-4361 sign-in message (address, domain, URI, version 1, chain ID, nonce and issued-at are required)');
  if ((m.expirationTime !== undefined && !validDate(m.expirationTime)) || (m.notBefore !== undefined && !validDate(m.notBefore)))
    throw new BadRequest('siwe_message_invalid', 'The message has an unreadable expiration or not-before time');

  if (m.domain !== expect.domain) throw new BadRequest('siwe_domain_mismatch', `The message was written for ${m.domain}, not for ${expect.domain}`);
  if (originOf(m.uri) !== expect.origin) throw new BadRequest('siwe_domain_mismatch', `The message URI is not on ${expect.origin}`);
  if (m.scheme !== undefined && `${m.scheme}:` !== new URL(expect.origin).protocol) throw new BadRequest('siwe_domain_mismatch', 'The message scheme does not match this site');
  if (m.chainId !== expect.chainId) throw new BadRequest('siwe_chain_mismatch', `The message is for chain ${m.chainId}; this platform uses chain ${expect.chainId}`);

  const now = expect.now.getTime();
  if (m.expirationTime && m.expirationTime.getTime() <= now) throw new SiweExpired('The sign-in message has expired; request a new one');
  if (m.issuedAt.getTime() > now + CLOCK_SKEW_MS) throw new BadRequest('siwe_not_yet_valid', 'The message is issued in the future');
  if (m.notBefore && m.notBefore.getTime() > now) throw new BadRequest('siwe_not_yet_valid', 'The message is not valid yet');
  // viem's own rule set as a backstop for the checks above (domain, address syntax, times).
  if (!validateSiweMessage({ message: m, domain: expect.domain, time: expect.now }))
    throw new BadRequest('siwe_message_invalid', 'The sign-in message is not valid');

  let valid = false;
  try {
    // Recovers the signer (ECDSA, EIP-191 personal_sign) and compares it with the message's address.
    valid = await verifyMessage({ address: m.address, message: text, signature });
  } catch (e) {
    if (e instanceof AppError) throw e;
    valid = false;
  }
  if (!valid) throw new Unauthorized('The signature was not made by the address in the message', 'siwe_bad_signature');

  return { address: getAddress(m.address), chainId: m.chainId, nonce: m.nonce, issuedAt: m.issuedAt, expirationTime: m.expirationTime ?? null };
}
