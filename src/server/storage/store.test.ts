import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeCid } from './cid';
import { decryptFromStorage } from './encryption';
import { createFileStore } from './index';
import { IpfsPinningStore } from './pinning';
import { DiskFileStore, FileTooLarge, MAX_FILE_BYTES, StoredFileCorrupt, UnsupportedFileType } from './store';

const utf8 = (s: string) => new TextEncoder().encode(s);
const MiB = 1024 * 1024;
const pdf = (body = 'statement') => utf8(`%PDF-1.7\n% ${body}\n1 0 obj\n<<>>\nendobj\n%%EOF\n`);
const png = () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const gif = () => utf8('GIF89a\u0001\u0000\u0001\u0000');

/** Files of exactly `size` bytes that sniff as the given type (header + padding). */
function sized(header: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(header);
  return out;
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'filestore-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function listAll(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('DiskFileStore.put', () => {
  it('stores under <root>/<2 chars of the digest>/<cid> with the kubo CID, size, sniffed type and sha256', async () => {
    const store = new DiskFileStore(root);
    // "hello\n" → CID published in kubo's own test fixtures (see cid.test.ts).
    const file = await store.put(utf8('hello\n'), { purpose: 'document' });
    expect(file).toEqual({
      cid: 'bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am',
      size: 6,
      mime: 'text/plain',
      ext: 'txt',
      sha256: createHash('sha256').update('hello\n').digest('hex'),
    });
    expect(await listAll(root)).toEqual([path.join('6a', file.cid)]);
    expect(await readFile(path.join(root, '6a', file.cid), 'utf8')).toBe('hello\n');
  });

  it('stores files read-only and never executable', async () => {
    const store = new DiskFileStore(root);
    const file = await store.put(pdf(), { purpose: 'kyc' });
    const mode = (await stat(store.pathFor(file.cid))).mode & 0o777;
    expect(mode).toBe(0o444);
  });

  it('is idempotent: the same content twice is one file with one CID', async () => {
    const store = new DiskFileStore(root);
    const [a, b] = await Promise.all([store.put(pdf(), { purpose: 'document' }), store.put(pdf(), { purpose: 'document' })]);
    const c = await store.put(pdf(), { purpose: 'document' });
    expect(a).toEqual(b);
    expect(c).toEqual(a);
    expect(await listAll(root)).toHaveLength(1);
  });

  it('leaves no temp files behind, and a half-written temp file from a crash is not a stored file', async () => {
    const store = new DiskFileStore(root);
    const bytes = pdf('crash');
    const cid = await computeCid(bytes);
    // What a crash between write and rename leaves: a partial dot-temp file beside the target.
    const crashed = path.join(path.dirname(store.pathFor(cid)), `.${cid}.deadbeef.tmp`);
    await mkdir(path.dirname(crashed), { recursive: true });
    await writeFile(crashed, bytes.subarray(0, 5));
    expect(await store.has(cid)).toBe(false);
    expect(await store.get(cid)).toBeNull();

    await store.put(bytes, { purpose: 'document' });
    expect(await store.get(cid)).toEqual(bytes);
    const files = await listAll(root);
    expect(files.filter((f) => f !== path.relative(root, crashed))).toEqual([path.relative(root, store.pathFor(cid))]);
  });

  it('refuses types not accepted for the purpose, naming the detected type', async () => {
    const store = new DiskFileStore(root);
    const gifAsKyc = store.put(gif(), { purpose: 'kyc' });
    await expect(gifAsKyc).rejects.toBeInstanceOf(UnsupportedFileType);
    await expect(gifAsKyc).rejects.toMatchObject({ detected: 'image/gif', status: 415 });
    await expect(store.put(pdf(), { purpose: 'media' })).rejects.toMatchObject({ detected: 'application/pdf' });
    // HTML uploaded as "statement.pdf": the name never reaches the store, the bytes decide.
    const html = store.put(utf8('<!doctype html><script>alert(1)</script>'), { purpose: 'document' });
    await expect(html).rejects.toMatchObject({ name: 'UnsupportedFileType', detected: 'unknown' });
    expect(await listAll(root)).toEqual([]);
  });

  it.each([
    ['document', pdf()],
    ['media', png()],
    ['kyc', pdf()],
  ] as const)('accepts a %s of exactly the limit and refuses one byte more', async (purpose, header) => {
    const store = new DiskFileStore(root);
    const limit = MAX_FILE_BYTES[purpose];
    await expect(store.put(sized(header, limit + 1), { purpose })).rejects.toMatchObject({
      name: 'FileTooLarge',
      status: 413,
      limit,
      size: limit + 1,
    });
    const ok = await store.put(sized(header, limit), { purpose });
    expect(ok.size).toBe(limit);
  }, 60_000);

  it('has the limits of the brief: document 25 MiB, media 50 MiB, kyc 15 MiB', () => {
    expect(MAX_FILE_BYTES).toEqual({ document: 25 * MiB, media: 50 * MiB, kyc: 15 * MiB });
    expect(new FileTooLarge('kyc', 1, 0)).toBeInstanceOf(Error);
  });
});

describe('DiskFileStore.get / has', () => {
  it('returns the bytes for a stored CID and null for an unknown one', async () => {
    const store = new DiskFileStore(root);
    const file = await store.put(png(), { purpose: 'media' });
    expect(await store.has(file.cid)).toBe(true);
    expect(await store.get(file.cid)).toEqual(png());
    const missing = await computeCid(utf8('never stored'));
    expect(await store.has(missing)).toBe(false);
    expect(await store.get(missing)).toBeNull();
  });

  it('never reads outside the root for something that is not a CID', async () => {
    await writeFile(path.join(root, 'secret'), 'x');
    const store = new DiskFileStore(path.join(root, 'files'));
    for (const bad of ['../secret', '../../etc/passwd', '', 'QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN']) {
      expect(await store.get(bad)).toBeNull();
      expect(await store.has(bad)).toBe(false);
    }
  });

  it('refuses to serve bytes that no longer match their CID', async () => {
    const store = new DiskFileStore(root);
    const file = await store.put(pdf(), { purpose: 'document' });
    const p = store.pathFor(file.cid);
    await chmod(p, 0o644);
    await writeFile(p, pdf('tampered'));
    await expect(store.get(file.cid)).rejects.toBeInstanceOf(StoredFileCorrupt);
  });
});

describe('KYC encryption at rest', () => {
  it('stores KYC files encrypted under the CID of the ciphertext', async () => {
    const key = new Uint8Array(randomBytes(32));
    const store = new DiskFileStore(root, { kycEncryptionKey: key });
    const passport = pdf('passport of applicant');
    const file = await store.put(passport, { purpose: 'kyc' });
    expect(file.encrypted).toBe(true);
    expect(file.mime).toBe('application/pdf');
    const onDisk = new Uint8Array(await readFile(store.pathFor(file.cid)));
    expect(Buffer.from(onDisk).includes(Buffer.from('passport'))).toBe(false);
    expect(file.cid).toBe(await computeCid(onDisk));
    expect(file.cid).not.toBe(await computeCid(passport));
    expect(decryptFromStorage((await store.get(file.cid))!, key)).toEqual(passport);
    // Other purposes stay plain and content-addressed by their own bytes.
    const doc = await store.put(pdf('memo'), { purpose: 'document' });
    expect(doc.encrypted).toBeUndefined();
    expect(doc.cid).toBe(await computeCid(pdf('memo')));
  });
});

describe('createFileStore', () => {
  it('uses the disk store under <dataDir>/files without an IPFS key, and pins with one', async () => {
    const disk = createFileStore({ dataDir: root });
    expect(disk).toBeInstanceOf(DiskFileStore);
    expect((disk as DiskFileStore).rootDir).toBe(path.join(root, 'files'));
    expect(createFileStore({ dataDir: root, ipfsApiKey: 'k' })).toBeInstanceOf(IpfsPinningStore);
    expect(createFileStore({ dataDir: root, ipfsApiKey: '' })).toBeInstanceOf(DiskFileStore);
  });
});
