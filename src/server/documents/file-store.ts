import { getConfig } from '../config';
import { createFileStore, type FileStore } from '../storage';

let store: FileStore | null = null;

/** The process's one file store: content-addressed on disk, pinned to IPFS when IPFS_API_KEY is set. */
export function fileStore(): FileStore {
  if (!store) {
    const config = getConfig();
    store = createFileStore({ dataDir: config.DATA_DIR, ipfsApiKey: config.IPFS_API_KEY });
  }
  return store;
}
