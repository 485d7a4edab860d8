import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import type { TenantTx } from '../db/tenant';
import { Conflict, NotFound } from '../errors';
import { uuidv7 } from '../ids';
import { fileStore } from './file-store';
import {
  bumpVersion,
  findDocument,
  insertDocument,
  insertVersion,
  listDocumentsOf,
  listVersions,
  updateDocument,
  type DocumentRow,
  type OwnerType,
  type VersionRow,
} from './repo';
import type { NewDocumentInput } from './schema';

export type { DocumentRow, OwnerType };

function versionView(v: VersionRow) {
  return { version: v.version, cid: v.cid, fileName: v.file_name, mime: v.mime, sizeBytes: Number(v.size_bytes), sha256: v.sha256, uploadedAt: v.created_at.toISOString() };
}

export function documentView(d: DocumentRow, versions: VersionRow[]) {
  const own = versions.filter((v) => v.document_id === d.id).sort((a, b) => b.version - a.version);
  return {
    id: d.id,
    ownerType: d.owner_type,
    ownerId: d.owner_id,
    title: d.title,
    kind: d.kind,
    requiredForInvestors: d.required_for_investors,
    currentVersion: d.current_version,
    archived: d.archived_at !== null,
    createdAt: d.created_at.toISOString(),
    downloadUrl: `/api/documents/${d.id}`,
    versions: own.map(versionView),
  };
}
export type DocumentView = ReturnType<typeof documentView>;

async function viewOf(t: TenantTx, id: string): Promise<DocumentView> {
  const doc = (await findDocument(t, id))!;
  return documentView(doc, await listVersions(t, [id]));
}

type Owner = { type: OwnerType; id: string };

/** Stores the bytes (type-checked by content) and records document + version 1, audited. */
export async function createDocument(t: TenantTx, p: Principal, owner: Owner, input: NewDocumentInput, bytes: Uint8Array, meta: RequestMeta): Promise<DocumentView> {
  const stored = await fileStore().put(bytes, { purpose: 'document' });
  const id = uuidv7();
  await insertDocument(t, { id, ownerType: owner.type, ownerId: owner.id, title: input.title, kind: input.kind, requiredForInvestors: input.requiredForInvestors ?? false, createdBy: p.userId });
  await insertVersion(t, { documentId: id, version: 1, cid: stored.cid, fileName: input.fileName, mime: stored.mime, size: stored.size, sha256: stored.sha256, uploadedBy: p.userId });
  await audit(t, { actorId: p.userId, actorRole: p.role, action: 'document.created', targetType: 'document', targetId: id, metadata: { ownerType: owner.type, ownerId: owner.id, cid: stored.cid, kind: input.kind } }, meta);
  return viewOf(t, id);
}

/** A new version of a live document; earlier versions stay downloadable. */
export async function addDocumentVersion(t: TenantTx, p: Principal, doc: DocumentRow, fileName: string, bytes: Uint8Array, meta: RequestMeta): Promise<DocumentView> {
  if (doc.archived_at) throw new Conflict('document_archived', 'An archived document takes no new versions');
  const stored = await fileStore().put(bytes, { purpose: 'document' });
  const version = (await bumpVersion(t, doc.id))!;
  await insertVersion(t, { documentId: doc.id, version, cid: stored.cid, fileName, mime: stored.mime, size: stored.size, sha256: stored.sha256, uploadedBy: p.userId });
  await audit(t, { actorId: p.userId, actorRole: p.role, action: 'document.version_added', targetType: 'document', targetId: doc.id, metadata: { version, cid: stored.cid } }, meta);
  return viewOf(t, doc.id);
}

export async function documentsOf(t: TenantTx, owner: Owner, opts: { includeArchived: boolean }): Promise<DocumentView[]> {
  const docs = await listDocumentsOf(t, owner.type, owner.id, opts);
  const versions = await listVersions(t, docs.map((d) => d.id));
  return docs.map((d) => documentView(d, versions));
}

/** The document if it belongs to this owner; 404 otherwise. */
export async function requireDocumentOf(t: TenantTx, owner: Owner, documentId: string): Promise<DocumentRow> {
  const doc = await findDocument(t, documentId);
  if (!doc || doc.owner_type !== owner.type || doc.owner_id !== owner.id) throw new NotFound('Document not found');
  return doc;
}

export async function findDocumentById(t: TenantTx, documentId: string): Promise<DocumentRow> {
  const doc = await findDocument(t, documentId);
  if (!doc) throw new NotFound('Document not found');
  return doc;
}

export type DocumentPatch = { title?: string; kind?: string; requiredForInvestors?: boolean; archived?: boolean };

export async function changeDocument(t: TenantTx, p: Principal, doc: DocumentRow, patch: DocumentPatch, meta: RequestMeta): Promise<DocumentView> {
  await updateDocument(t, doc.id, {
    title: patch.title,
    kind: patch.kind,
    required_for_investors: patch.requiredForInvestors,
    archived_at: patch.archived === undefined ? undefined : patch.archived ? (doc.archived_at ?? new Date()) : null,
  });
  const action = patch.archived === true ? 'document.archived' : patch.archived === false ? 'document.restored' : 'document.updated';
  await audit(t, { actorId: p.userId, actorRole: p.role, action, targetType: 'document', targetId: doc.id, metadata: { fields: Object.keys(patch) } }, meta);
  return viewOf(t, doc.id);
}
