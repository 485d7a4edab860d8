import { describe, expect, it } from 'vitest';
import { privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage, type SiweMessage } from 'viem/siwe';
import { verifySiwe } from './siwe';

const key = privateKeyToAccount('0x4444444444444444444444444444444444444444444444444444444444444444');
const now = new Date('2026-05-01T12:00:00Z');
const site = { domain: 'invest.example.com:8443', origin: 'https://invest.example.com:8443', chainId: 31337, now };

async function signed(overrides: Partial<SiweMessage> = {}) {
  const message = createSiweMessage({
    address: key.address,
    domain: site.domain,
    uri: `${site.origin}/profile`,
    chainId: 31337,
    nonce: 'a1b2c3d4e5f6a7b8c9d0',
    version: '1',
    issuedAt: new Date(now.getTime() - 1000),
    expirationTime: new Date(now.getTime() + 60_000),
    ...overrides,
  });
  return { message, signature: await key.signMessage({ message }) };
}

const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code);

describe('verifySiwe', () => {
  it('accepts a message for this host, origin and chain, signed by its address', async () => {
    const { message, signature } = await signed({ scheme: 'https' });
    await expect(verifySiwe(message, signature, site)).resolves.toMatchObject({ address: key.address, chainId: 31337, nonce: 'a1b2c3d4e5f6a7b8c9d0' });
  });

  it('names what is wrong with a message', async () => {
    const check = async (o: Partial<SiweMessage>) => {
      const { message, signature } = await signed(o);
      return code(verifySiwe(message, signature, site));
    };
    expect(await check({ domain: 'invest.example.com' })).toBe('siwe_domain_mismatch'); // another port is another site
    expect(await check({ uri: 'http://invest.example.com:8443/profile' })).toBe('siwe_domain_mismatch');
    expect(await check({ scheme: 'http' })).toBe('siwe_domain_mismatch');
    expect(await check({ chainId: 1 })).toBe('siwe_chain_mismatch');
    expect(await check({ expirationTime: now })).toBe('siwe_expired');
    expect(await check({ notBefore: new Date(now.getTime() + 1000) })).toBe('siwe_not_yet_valid');
    expect(await check({ issuedAt: new Date(now.getTime() + 60_000) })).toBe('siwe_not_yet_valid');
  });

  it('refuses text that is not an EIP-4361 message, and a tampered message', async () => {
    const { message, signature } = await signed();
    expect(await code(verifySiwe('hello', signature, site))).toBe('siwe_message_invalid');
    expect(await code(verifySiwe(message.replace('Chain ID: 31337', 'Chain ID: 31337\n'), signature, site))).toBe('siwe_message_invalid');
    const tampered = message.replace('a1b2c3d4e5f6a7b8c9d0', 'a1b2c3d4e5f6a7b8c9d1');
    expect(await code(verifySiwe(tampered, signature, site))).toBe('siwe_bad_signature');
  });
});
