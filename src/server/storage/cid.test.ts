import { createHash } from 'node:crypto';
import { importBytes } from 'ipfs-unixfs-importer';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import { balanced } from 'ipfs-unixfs-importer/layout';
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, MAX_LINKS_PER_NODE, computeCid, isCidV1 } from './cid';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** RFC 4648 base32, lower case, no padding: written here, not taken from multiformats. */
function base32Lower(bytes: Uint8Array): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

/** The CID spec by hand: 0x01 (CIDv1) 0x55 (raw) 0x12 (sha2-256) 0x20 (32 bytes) digest, multibase 'b'. */
function rawCidByHand(bytes: Uint8Array): string {
  const digest = createHash('sha256').update(bytes).digest();
  return 'b' + base32Lower(Uint8Array.from([0x01, 0x55, 0x12, 0x20, ...digest]));
}

/** kubo's `ipfs add --cid-version=1` defaults, spelled out for the reference importer. */
async function importerCid(bytes: Uint8Array): Promise<string> {
  const discard = { put: async (cid: unknown) => cid } as Parameters<typeof importBytes>[1];
  const result = await importBytes(bytes, discard, {
    cidVersion: 1,
    rawLeaves: true,
    reduceSingleLeafToSelf: true,
    chunker: fixedSize({ chunkSize: 262_144 }),
    layout: balanced({ maxChildrenPerNode: 174 }),
  });
  return result.cid.toString();
}

/** Deterministic, non-repeating-per-chunk content so every leaf hashes differently. */
function pattern(size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + (i >>> 11) * 7) & 0xff;
  return out;
}

describe('computeCid: single chunk is a raw-leaf CIDv1', () => {
  it('gives the well-known CID of the empty file', async () => {
    const empty = new Uint8Array(0);
    expect(await computeCid(empty)).toBe('bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku');
    expect(rawCidByHand(empty)).toBe('bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku');
  });

  // Published by kubo itself: test/sharness/t0114-gateway-subdomains/README.md and
  // t0123-gateway-json-cbor/README.md record these outputs of
  // `echo … | ipfs add --cid-version 1` (ipfs 0.18.1).
  it.each([
    ['hello\n', 'bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am'],
    ['I am a txt file on path with utf8\n', 'bafkreialihlqnf5uwo4byh4n3cmwlntwqzxxs2fg5vanqdi3d7tb2l5xkm'],
    ['{ "test": "i am a plain json file" }\n', 'bafkreibrppizs3g7axs2jdlnjua6vgpmltv7k72l7v7sa6mmht6mne3qqe'],
  ])('matches kubo for %j', async (text, expected) => {
    expect(await computeCid(utf8(text))).toBe(expected);
    expect(rawCidByHand(utf8(text))).toBe(expected);
  });

  it('matches the by-hand CID for "hello world\\n" and for exactly one full chunk', async () => {
    for (const bytes of [utf8('hello world\n'), pattern(CHUNK_SIZE)]) {
      const cid = await computeCid(bytes);
      expect(cid).toBe(rawCidByHand(bytes));
      expect(cid.startsWith('bafkrei')).toBe(true);
    }
  });
});

describe('computeCid: beyond one chunk is a balanced UnixFS dag-pb tree', () => {
  // Expected roots were produced once by ipfs-unixfs-importer 17.1.1 with kubo's
  // default layout for `ipfs add --cid-version=1` (raw leaves, size-262144,
  // balanced, 174 links per node) and are pinned here so a change in either
  // implementation is caught. The importer is also re-run live below.
  const cases: Array<[string, number, string]> = [
    ['one byte over a chunk (2 leaves)', CHUNK_SIZE + 1, 'bafybeifho42fkqo5nxx7lhn4sfvhxnaveq35d5j34qvxxsuao2j7mbknsu'],
    ['3.5 chunks', CHUNK_SIZE * 3 + CHUNK_SIZE / 2, 'bafybeiga5qixenwcxihlks63q5w5hvr44va7f3yj6wohtm2o4in67n45ty'],
    ['exactly 174 leaves (one full node)', CHUNK_SIZE * MAX_LINKS_PER_NODE, 'bafybeia326fxd3iva525sf6n4i2uczwaz4537sryredsdkmolfqo5swu4e'],
    ['175 leaves (second level, lone-leaf parent)', CHUNK_SIZE * MAX_LINKS_PER_NODE + 1, 'bafybeibch6gj2gysypvxsibcd6daqqpwcfnerz72732itd3mzy3fj3ipna'],
  ];

  it.each(cases)('%s', async (_label, size, expected) => {
    const bytes = pattern(size);
    const cid = await computeCid(bytes);
    expect(cid.startsWith('bafybei')).toBe(true);
    expect(cid).toBe(await importerCid(bytes));
    expect(cid).toBe(expected);
  });

  it('depends on every byte, including the last one of the last chunk', async () => {
    const bytes = pattern(CHUNK_SIZE * 2 + 10);
    const before = await computeCid(bytes);
    bytes[bytes.length - 1]! ^= 1;
    expect(await computeCid(bytes)).not.toBe(before);
  });
});

describe('isCidV1', () => {
  it('accepts computed CIDs and rejects paths, CIDv0 and junk', async () => {
    expect(isCidV1(await computeCid(utf8('x')))).toBe(true);
    expect(isCidV1('QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN')).toBe(false);
    expect(isCidV1('../../etc/passwd')).toBe(false);
    expect(isCidV1('bafkrei' + 'a'.repeat(20))).toBe(false);
    expect(isCidV1('BAFKREIHDWDCEFGH4DQKJV67UZCMW7OJEE6XEDZDETOJUZJEVTENXQUVYKU')).toBe(false);
  });
});
