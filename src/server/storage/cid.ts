/**
 * IPFS content identifiers computed exactly as `ipfs add --cid-version=1`
 * (kubo defaults) would, so a file stored on our disk has the same CID that
 * it gets on any IPFS node or pinning service.
 *
 * kubo's defaults with CIDv1: fixed-size chunker of 262144 bytes, raw leaves
 * (codec 0x55), balanced DAG layout with at most 174 links per node, sha2-256.
 *  - content of one chunk or less: the CID is the raw leaf itself ("bafkrei…");
 *  - larger content: a UnixFS `file` node in dag-pb (codec 0x70, "bafybei…")
 *    linking the leaves; with more than 174 leaves, further levels of such
 *    nodes, each level grouping up to 174 children of the level below.
 *
 * Built here from `multiformats`, `@ipld/dag-pb` and `ipfs-unixfs` rather
 * than with `ipfs-unixfs-importer`, so the tests can check this code against
 * the importer as an independent implementation of the same layout.
 */
import { createHash } from 'node:crypto';
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import * as Digest from 'multiformats/hashes/digest';

/** kubo's default chunker: `size-262144`. */
export const CHUNK_SIZE = 262_144;
/** kubo's balanced layout: at most 174 links per internal node. */
export const MAX_LINKS_PER_NODE = 174;
/** Multihash code of sha2-256. */
const SHA2_256 = 0x12;

/** A node of the DAG as its parent needs to know it. */
interface DagEntry {
  cid: CID;
  /** Bytes of file content below this node (UnixFS blocksize). */
  fileSize: number;
  /** Bytes of all blocks below and including this node (dag-pb link Tsize). */
  cumulativeSize: number;
}

function sha256Cid(codec: number, block: Uint8Array): CID {
  const digest = new Uint8Array(createHash('sha256').update(block).digest());
  return CID.createV1(codec, Digest.create(SHA2_256, digest));
}

function rawLeaf(chunk: Uint8Array): DagEntry {
  return { cid: sha256Cid(raw.code, chunk), fileSize: chunk.length, cumulativeSize: chunk.length };
}

/** A UnixFS `file` node without data of its own, linking `children` in order. */
function fileNode(children: DagEntry[]): DagEntry {
  const unixfs = new UnixFS({ type: 'file' });
  for (const child of children) unixfs.addBlockSize(BigInt(child.fileSize));
  const block = dagPb.encode(
    dagPb.prepare({
      Data: unixfs.marshal(),
      // kubo writes an empty name on every file link; it is part of the hash.
      Links: children.map((c) => ({ Hash: c.cid, Name: '', Tsize: c.cumulativeSize })),
    }),
  );
  return {
    cid: sha256Cid(dagPb.code, block),
    fileSize: children.reduce((n, c) => n + c.fileSize, 0),
    cumulativeSize: block.length + children.reduce((n, c) => n + c.cumulativeSize, 0),
  };
}

/** The root CID of `bytes` as kubo's `ipfs add --cid-version=1` reports it. */
export async function computeCid(bytes: Uint8Array): Promise<string> {
  // One chunk (including the empty file) is its own raw leaf: no wrapper node.
  if (bytes.length <= CHUNK_SIZE) return rawLeaf(bytes).cid.toString();

  let level: DagEntry[] = [];
  for (let offset = 0; offset < bytes.length; offset += CHUNK_SIZE) {
    level.push(rawLeaf(bytes.subarray(offset, offset + CHUNK_SIZE)));
  }
  // Balanced layout: group each level into parents of up to 174 children
  // until one root remains. A trailing group of one child still gets its own
  // parent node (only a whole file of a single chunk collapses to its leaf).
  do {
    const parents: DagEntry[] = [];
    for (let i = 0; i < level.length; i += MAX_LINKS_PER_NODE) {
      parents.push(fileNode(level.slice(i, i + MAX_LINKS_PER_NODE)));
    }
    level = parents;
  } while (level.length > 1);
  return level[0]!.cid.toString();
}

/** True when `value` parses as a CIDv1 string in base32 (what we store under). */
export function isCidV1(value: string): boolean {
  if (!/^b[a-z2-7]{50,100}$/.test(value)) return false;
  try {
    const cid = CID.parse(value);
    return cid.version === 1 && cid.toString() === value;
  } catch {
    return false;
  }
}
