/**
 * Encryption at rest for files that must not sit in clear on disk or on a
 * pinning service (KYC documents). AES-256-GCM with a random 12-byte IV per
 * file; layout: [version 0x01][iv 12 bytes][ciphertext][tag 16 bytes].
 *
 * The CID of an encrypted file is the CID of this ciphertext (that is what is
 * stored and what IPFS would address), so the same document encrypted twice
 * gets two different CIDs, and a CID reveals nothing about the plaintext.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const ENCRYPTION_VERSION = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export class DecryptionFailed extends Error {
  constructor(message = 'The stored file could not be decrypted (wrong key or tampered data)') {
    super(message);
    this.name = 'DecryptionFailed';
  }
}

function checkKey(key: Uint8Array): void {
  if (key.length !== KEY_BYTES) throw new RangeError(`Encryption key must be ${KEY_BYTES} bytes, got ${key.length}`);
}

export function encryptForStorage(bytes: Uint8Array, key: Uint8Array): Uint8Array {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The version byte is authenticated too, so it cannot be swapped silently.
  cipher.setAAD(Uint8Array.of(ENCRYPTION_VERSION));
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return new Uint8Array(Buffer.concat([Uint8Array.of(ENCRYPTION_VERSION), iv, body, cipher.getAuthTag()]));
}

export function decryptFromStorage(stored: Uint8Array, key: Uint8Array): Uint8Array {
  checkKey(key);
  if (stored.length < 1 + IV_BYTES + TAG_BYTES) throw new DecryptionFailed('Stored file is too short to be encrypted');
  if (stored[0] !== ENCRYPTION_VERSION) throw new DecryptionFailed(`Unknown encryption version ${stored[0]}`);
  const iv = stored.subarray(1, 1 + IV_BYTES);
  const tag = stored.subarray(stored.length - TAG_BYTES);
  const body = stored.subarray(1 + IV_BYTES, stored.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Uint8Array.of(ENCRYPTION_VERSION));
  decipher.setAuthTag(tag);
  try {
    return new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()]));
  } catch {
    throw new DecryptionFailed();
  }
}
