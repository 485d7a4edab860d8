/**
 * IPFS Pinning Services API client (https://ipfs.github.io/pinning-services-api-spec/),
 * as offered by Pinata at https://api.pinata.cloud/psa, on top of the disk
 * store: the local copy is always written first and kept, so the platform
 * never depends on the pinning service to serve a file.
 *
 * Note: a PSA pin only completes once the service can fetch the CID from the
 * IPFS network; until some node provides the content the pin stays queued.
 */
import { AppError } from '../errors';
import type { UploadPurpose } from './sniff';
import type { FileStore, PutOptions, StoredFile } from './store';

export const DEFAULT_PINNING_ENDPOINT = 'https://api.pinata.cloud/psa';

/** Pinning failed (rejected key, service error, bad answer). The local copy in `file` is kept. */
export class PinningFailed extends AppError {
  constructor(
    readonly file: StoredFile,
    readonly httpStatus: number | null,
    detail: string,
  ) {
    super(502, httpStatus === 401 ? 'pinning_unauthorized' : 'pinning_failed', `Pinning ${file.cid} failed: ${detail}`, {
      cid: file.cid,
      httpStatus,
    });
  }
}

export interface IpfsPinningOptions {
  apiKey: string;
  endpoint?: string;
  fetch?: typeof fetch;
  /**
   * Purposes sent to the pinning service. KYC files stay local by default:
   * pinned content is retrievable by anyone who learns its CID.
   */
  pinPurposes?: readonly UploadPurpose[];
  timeoutMs?: number;
}

/** PinStatus as the spec defines the response of POST /pins. */
interface PinStatus {
  requestid: string;
  status: 'queued' | 'pinning' | 'pinned' | 'failed';
  pin: { cid: string; name?: string };
}

export class IpfsPinningStore implements FileStore {
  private readonly endpoint: string;
  private readonly fetch: typeof fetch;
  private readonly pinPurposes: readonly UploadPurpose[];

  constructor(
    private readonly local: FileStore,
    private readonly options: IpfsPinningOptions,
  ) {
    this.endpoint = (options.endpoint ?? DEFAULT_PINNING_ENDPOINT).replace(/\/+$/, '');
    this.fetch = options.fetch ?? globalThis.fetch;
    this.pinPurposes = options.pinPurposes ?? ['document', 'media'];
  }

  async put(bytes: Uint8Array, opts: PutOptions): Promise<StoredFile> {
    const file = await this.local.put(bytes, opts);
    if (this.pinPurposes.includes(opts.purpose)) await this.pin(file, `${opts.purpose}-${file.cid}`);
    return file;
  }

  get(cid: string): Promise<Uint8Array | null> {
    return this.local.get(cid);
  }

  has(cid: string): Promise<boolean> {
    return this.local.has(cid);
  }

  /** POST {endpoint}/pins; the spec answers 202 Accepted with a PinStatus. */
  async pin(file: StoredFile, name: string): Promise<PinStatus> {
    let response: Response;
    try {
      response = await this.fetch(`${this.endpoint}/pins`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.options.apiKey}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify({ cid: file.cid, name }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (err) {
      throw new PinningFailed(file, null, `request failed: ${(err as Error).message}`);
    }
    if (response.status !== 202 && response.status !== 200) {
      const reason = await readErrorReason(response);
      throw new PinningFailed(file, response.status, `HTTP ${response.status}${reason ? ` (${reason})` : ''}`);
    }
    const status = (await response.json().catch(() => null)) as PinStatus | null;
    if (!status || typeof status.requestid !== 'string' || status.pin?.cid !== file.cid) {
      throw new PinningFailed(file, response.status, 'the service answered with a different or missing CID');
    }
    if (status.status === 'failed') throw new PinningFailed(file, response.status, 'the service reports the pin failed');
    return status;
  }
}

/** The spec's Failure body: { error: { reason, details? } }. */
async function readErrorReason(response: Response): Promise<string | null> {
  const body = (await response.json().catch(() => null)) as { error?: { reason?: unknown } } | null;
  return typeof body?.error?.reason === 'string' ? body.error.reason : null;
}
