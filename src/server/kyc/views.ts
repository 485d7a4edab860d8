import type { ApplicationRow } from './repo';

type DocumentRow = { id: string; application_id: string; kind: string; mime: string; size: string; encrypted: boolean; uploaded_at: Date };

export function documentView(d: DocumentRow) {
  return { id: d.id, kind: d.kind, mime: d.mime, size: Number(d.size), encrypted: d.encrypted, uploadedAt: d.uploaded_at.toISOString() };
}

export function applicationView(a: ApplicationRow, documents: DocumentRow[] = []) {
  return {
    id: a.id,
    provider: a.provider,
    status: a.status,
    levelRequested: a.level_requested,
    decisionReason: a.decision_reason,
    reviewedAt: a.reviewed_at?.toISOString() ?? null,
    createdAt: a.created_at.toISOString(),
    updatedAt: a.updated_at.toISOString(),
    documents: documents.filter((d) => d.application_id === a.id).map(documentView),
  };
}
