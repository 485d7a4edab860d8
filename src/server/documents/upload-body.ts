import { BadRequest } from '../errors';
import { readRawBody } from '../http/body';
import { FileTooLarge, MAX_FILE_BYTES, type UploadPurpose } from '../storage';

/**
 * The raw request body of an upload, never buffered past the purpose's size limit
 * (25 MiB documents, 50 MiB media): over it is 413 file_too_large.
 */
export async function readUploadBody(req: Request, purpose: UploadPurpose): Promise<Uint8Array> {
  const limit = MAX_FILE_BYTES[purpose];
  const bytes = await readRawBody(req, limit, (size) => new FileTooLarge(purpose, size, limit));
  if (bytes.length === 0) throw new BadRequest('empty_upload', 'Send the file as the request body');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
