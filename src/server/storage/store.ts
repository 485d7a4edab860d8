/**
 * Content-addressed file storage. Bytes are stored under their IPFS CID
 * (see cid.ts), so a file is identified the same way on our disk and on IPFS,
 * the same upload is stored once, and a stored file cannot change under its
 * name. Only content whose sniffed type is accepted for its purpose is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors';
import { computeCid, isCidV1 } from './cid';
import { encryptForStorage } from './encryption';
import { type UploadPurpose, isAccepted, sniffContentType } from './sniff';

export type { UploadPurpose } from './sniff';

export interface StoredFile {
  /** CIDv1 of the stored bytes (of the ciphertext when `encrypted`). */
  cid: string;
  /** Byte length of the stored bytes. */
  size: number;
  /** Type sniffed from the uploaded (plaintext) content. */
  mime: string;
  ext: string;
  /** Hex sha256 of the stored bytes. */
  sha256: string;
  /** True when the stored bytes are encryptForStorage() output; read them back with decryptFromStorage(). */
  encrypted?: boolean;
}

export interface PutOptions {
  purpose: UploadPurpose;
}

export interface FileStore {
  put(bytes: Uint8Array, opts: PutOptions): Promise<StoredFile>;
  /** The stored bytes, or null when no file has this CID (or it is not a CID at all). */
  get(cid: string): Promise<Uint8Array | null>;
  has(cid: string): Promise<boolean>;
}

const MiB = 1024 * 1024;
/** Upload size limits per purpose. */
export const MAX_FILE_BYTES: Readonly<Record<UploadPurpose, number>> = {
  document: 25 * MiB,
  media: 50 * MiB,
  kyc: 15 * MiB,
};

export class UnsupportedFileType extends AppError {
  constructor(
    readonly purpose: UploadPurpose,
    /** The sniffed mime type, or 'unknown' when nothing was recognised. */
    readonly detected: string,
  ) {
    super(415, 'unsupported_file_type', `Files of type ${detected} are not accepted for ${purpose} uploads`, {
      detected,
      purpose,
    });
  }
}

export class FileTooLarge extends AppError {
  constructor(
    readonly purpose: UploadPurpose,
    readonly size: number,
    readonly limit: number,
  ) {
    super(413, 'file_too_large', `The file is ${size} bytes; ${purpose} uploads may be at most ${limit} bytes`, {
      size,
      limit,
      purpose,
    });
  }
}

/** The bytes on disk no longer hash to their CID (disk fault or tampering). */
export class StoredFileCorrupt extends AppError {
  constructor(readonly cid: string) {
    super(500, 'stored_file_corrupt', `Stored file ${cid} does not match its content identifier`);
  }
}

/** Checks size and type, the same for every store: sniff first, never trust a name. */
export function checkUpload(bytes: Uint8Array, purpose: UploadPurpose): { mime: string; ext: string } {
  const limit = MAX_FILE_BYTES[purpose];
  if (bytes.length > limit) throw new FileTooLarge(purpose, bytes.length, limit);
  const type = sniffContentType(bytes);
  if (!type || !isAccepted(purpose, type.mime)) throw new UnsupportedFileType(purpose, type?.mime ?? 'unknown');
  return type;
}

export interface DiskFileStoreOptions {
  /** 32-byte key: when set, KYC files are stored encrypted (AES-256-GCM). */
  kycEncryptionKey?: Uint8Array;
}

export class DiskFileStore implements FileStore {
  constructor(
    readonly rootDir: string,
    private readonly options: DiskFileStoreOptions = {},
  ) {}

  /**
   * `<root>/<xy>/<cid>`. Every CIDv1 in base32 starts with "ba" and the next
   * characters encode the codec, so the shard directory uses two characters
   * from the end of the digest instead (the very last one carries only 3 bits).
   */
  pathFor(cid: string): string {
    return path.join(this.rootDir, cid.slice(-3, -1), cid);
  }

  async put(bytes: Uint8Array, { purpose }: PutOptions): Promise<StoredFile> {
    const type = checkUpload(bytes, purpose);
    const encrypt = purpose === 'kyc' && this.options.kycEncryptionKey !== undefined;
    const stored = encrypt ? encryptForStorage(bytes, this.options.kycEncryptionKey!) : bytes;
    const cid = await computeCid(stored);
    await this.writeOnce(cid, stored);
    return {
      cid,
      size: stored.length,
      mime: type.mime,
      ext: type.ext,
      sha256: createHash('sha256').update(stored).digest('hex'),
      ...(encrypt ? { encrypted: true } : {}),
    };
  }

  async get(cid: string): Promise<Uint8Array | null> {
    if (!isCidV1(cid)) return null;
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(this.pathFor(cid)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    // Content addressing lets us prove what we hand out is what was stored.
    if ((await computeCid(bytes)) !== cid) throw new StoredFileCorrupt(cid);
    return bytes;
  }

  /**
   * Stored bytes moved from another installation (a tenant import): kept exactly as they were
   * stored there (ciphertext stays ciphertext), after proving they hash to their CID.
   */
  async putStored(cid: string, bytes: Uint8Array): Promise<void> {
    if (!isCidV1(cid) || (await computeCid(bytes)) !== cid) throw new StoredFileCorrupt(cid);
    await this.writeOnce(cid, bytes);
  }

  async has(cid: string): Promise<boolean> {
    if (!isCidV1(cid)) return false;
    try {
      return (await stat(this.pathFor(cid))).isFile();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  /**
   * Writes to a temp file in the same directory, fsyncs, then renames into
   * place: a reader (or a restart after a crash) sees the whole file or none.
   * Same content means same CID means same path, so a second put of it is a
   * no-op and concurrent puts of it just rename identical bytes over each other.
   */
  private async writeOnce(cid: string, bytes: Uint8Array): Promise<void> {
    if (await this.has(cid)) return;
    const finalPath = this.pathFor(cid);
    const dir = path.dirname(finalPath);
    await mkdir(dir, { recursive: true, mode: 0o755 });
    const tempPath = path.join(dir, `.${cid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      // Created read-only and never executable; the open descriptor may still write.
      const handle = await open(tempPath, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, 0o444);
      try {
        await handle.writeFile(bytes);
        await handle.chmod(0o444); // independent of the process umask
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tempPath, finalPath);
    } catch (err) {
      await rm(tempPath, { force: true });
      throw err;
    }
    await syncDir(dir);
  }
}

/** Makes the rename itself durable; best effort where directories cannot be fsynced. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, fsConstants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some filesystems refuse fsync on a directory; the file itself is already synced.
  }
}
