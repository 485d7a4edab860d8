import { randomBytes } from 'node:crypto';
import type { Config } from '../config';
import { withTenant } from '../db/tenant';
import { createFileStore, DecryptionFailed, decryptFromStorage, type FileStore } from '../storage';
import { dataEncryptionKey, openSecret, sealSecret } from './credentials';
import { findMemberDataKey, insertMemberDataKey } from './repo';

// KYC files are encrypted at rest (the storage module does it for purpose 'kyc' when given
// the key) and kept on our own store only: identity documents are not pinned to IPFS.
// Each member's files are encrypted with the member's own key, sealed under DATA_ENCRYPTION_KEY
// (member_data_keys): erasing the member deletes that key, and every copy of their files,
// backups and exports included, becomes unreadable (crypto-shredding). Files stored before
// member keys existed were encrypted with DATA_ENCRYPTION_KEY itself and still read with it.
export type MemberRef = { tenantId: string; userId: string };

const aadFor = (m: MemberRef) => `member_data_keys|${m.tenantId}|${m.userId}`;

async function memberKey(config: Config, member: MemberRef, create: boolean): Promise<Buffer | null> {
  const master = dataEncryptionKey(config);
  return withTenant(member.tenantId, { userId: null }, async (t) => {
    let sealed = await findMemberDataKey(t, member.userId);
    if (!sealed && create) {
      await insertMemberDataKey(t, member.userId, sealSecret(randomBytes(32).toString('base64url'), master, aadFor(member)));
      sealed = await findMemberDataKey(t, member.userId);
    }
    return sealed ? Buffer.from(openSecret(sealed, master, aadFor(member)), 'base64url') : null;
  });
}

/** The store that encrypts a member's KYC uploads with their own key. */
export async function kycFileStore(config: Config, member: MemberRef): Promise<{ store: FileStore; key: Buffer }> {
  const key = (await memberKey(config, member, true))!;
  return { store: createFileStore({ dataDir: config.DATA_DIR, kycEncryptionKey: key }), key };
}

export async function readKycFile(config: Config, cid: string, encrypted: boolean, member: MemberRef): Promise<Uint8Array | null> {
  const bytes = await createFileStore({ dataDir: config.DATA_DIR }).get(cid);
  if (!bytes || !encrypted) return bytes;
  const own = await memberKey(config, member, false);
  if (own) {
    try {
      return decryptFromStorage(bytes, own);
    } catch (err) {
      if (!(err instanceof DecryptionFailed)) throw err;
    }
  }
  return decryptFromStorage(bytes, dataEncryptionKey(config));
}
