import type { ApplicationRow, CheckRow } from './repo';

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

export function checkView(c: CheckRow) {
  return { documentId: c.document_id, check: c.check_kind, outcome: c.outcome, issuedOn: c.issued_on, source: c.source, reviewedBy: c.reviewed_by, at: c.created_at.toISOString() };
}
