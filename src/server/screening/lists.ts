import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import { AppError, ValidationError } from '../errors';
import { readRawBody } from '../http/body';
import { uuidv7 } from '../ids';
import { parseScreeningList } from './list-csv';
import { insertList, listLists } from './repo';
import { MAX_LIST_BYTES } from './schema';

const MAX_REPORTED_LINES = 100;

/** Reads a text/csv upload (at most 5 MiB) and stores the list and all its entries in one transaction. */
export async function uploadScreeningList(tenantId: string, admin: Principal, req: Request, q: { name: string; kind: 'sanctions' | 'pep' }, meta: RequestMeta) {
  const type = (req.headers.get('content-type') ?? '').toLowerCase();
  if (!type.startsWith('text/csv')) throw new AppError(415, 'unsupported_media_type', 'Send the list as text/csv with the header name,aliases,date_of_birth,countries');
  const bytes = await readRawBody(req, MAX_LIST_BYTES);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ValidationError([{ field: 'body', message: 'the list is not valid UTF-8' }]);
  }
  const { entries, errors } = parseScreeningList(text);
  if (errors.length)
    throw new ValidationError(
      errors.slice(0, MAX_REPORTED_LINES).map((e) => ({ field: `line ${e.line}`, message: e.message })),
      `The list has ${errors.length} bad line(s): ${errors.slice(0, 20).map((e) => e.line).join(', ')}${errors.length > 20 ? ', …' : ''}`,
    );
  const id = uuidv7();
  return withTenant(tenantId, { userId: admin.userId }, async (t) => {
    await insertList(t, { id, name: q.name, kind: q.kind, uploadedBy: admin.userId, entries });
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'screening.list_uploaded', targetType: 'screening_list', targetId: id, metadata: { name: q.name, kind: q.kind, entries: entries.length, bytes: bytes.length } }, meta);
    return { list: { id, name: q.name, kind: q.kind, entryCount: entries.length } };
  });
}

export async function listScreeningLists(tenantId: string, admin: Principal) {
  return withTenant(tenantId, { userId: admin.userId }, async (t) => ({
    lists: (await listLists(t)).map((l) => ({ id: l.id, name: l.name, kind: l.kind, uploadedBy: l.uploaded_by, entryCount: l.entry_count, createdAt: l.created_at.toISOString() })),
  }));
}
