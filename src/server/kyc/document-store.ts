import type { Config } from '../config';
import { createFileStore, decryptFromStorage, type FileStore } from '../storage';
import { dataEncryptionKey } from './credentials';

// KYC files are encrypted at rest (the storage module does it for purpose 'kyc' when given
// the key) and kept on our own store only: identity documents are not pinned to IPFS.
const stores = new Map<string, FileStore>();

export function kycFileStore(config: Config): { store: FileStore; key: Buffer } {
  const key = dataEncryptionKey(config);
  const id = `${config.DATA_DIR}|${key.toString('hex')}`;
  let store = stores.get(id);
  if (!store) {
    store = createFileStore({ dataDir: config.DATA_DIR, kycEncryptionKey: key });
    stores.set(id, store);
  }
  return { store, key };
}

export async function readKycFile(config: Config, cid: string, encrypted: boolean): Promise<Uint8Array | null> {
  const { store, key } = kycFileStore(config);
  const bytes = await store.get(cid);
  if (!bytes) return null;
  return encrypted ? decryptFromStorage(bytes, key) : bytes;
}
