/**
 * Storage entry point: content-addressed files on disk by default, plus an
 * IPFS pinning service when IPFS_API_KEY is configured.
 */
import path from 'node:path';
import { IpfsPinningStore } from './pinning';
import { DiskFileStore, type FileStore } from './store';

export interface FileStoreConfig {
  /** DATA_DIR; files live under `<dataDir>/files`. */
  dataDir: string;
  ipfsApiKey?: string;
  ipfsPinningEndpoint?: string;
  /** 32 bytes; when set, KYC files are encrypted at rest. */
  kycEncryptionKey?: Uint8Array;
  fetch?: typeof fetch;
}

export function createFileStore(config: FileStoreConfig): FileStore {
  const disk = new DiskFileStore(path.join(config.dataDir, 'files'), { kycEncryptionKey: config.kycEncryptionKey });
  if (!config.ipfsApiKey) return disk;
  return new IpfsPinningStore(disk, {
    apiKey: config.ipfsApiKey,
    endpoint: config.ipfsPinningEndpoint,
    fetch: config.fetch,
  });
}

export { CHUNK_SIZE, computeCid, isCidV1 } from './cid';
export { DecryptionFailed, decryptFromStorage, encryptForStorage } from './encryption';
export { DEFAULT_PINNING_ENDPOINT, IpfsPinningStore, PinningFailed } from './pinning';
export { ACCEPTED, type SniffedType, type UploadPurpose, isAccepted, sniffContentType } from './sniff';
export {
  DiskFileStore,
  type FileStore,
  FileTooLarge,
  MAX_FILE_BYTES,
  type PutOptions,
  StoredFileCorrupt,
  type StoredFile,
  UnsupportedFileType,
} from './store';
