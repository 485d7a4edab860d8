import { sql } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { ScreeningHitStatus } from '../db/types';
import { uuidv7 } from '../ids';
import type { ListEntry } from './list-csv';

const INSERT_BATCH = 1000;

export async function insertList(t: TenantTx, l: { id: string; name: string; kind: 'sanctions' | 'pep'; uploadedBy: string; entries: ListEntry[] }): Promise<void> {
  await t.tx
    .insertInto('screening_lists')
    .values({ tenant_id: t.tenantId, id: l.id, name: l.name, kind: l.kind, uploaded_by: l.uploadedBy, entry_count: l.entries.length })
    .execute();
  for (let i = 0; i < l.entries.length; i += INSERT_BATCH) {
    await t.tx
      .insertInto('screening_entries')
      .values(
        l.entries.slice(i, i + INSERT_BATCH).map((e) => ({
          tenant_id: t.tenantId,
          id: uuidv7(),
          list_id: l.id,
          full_name: e.fullName,
          normalized_name: e.normalizedName,
          aliases: e.aliases,
          search_text: e.searchText,
          date_of_birth: e.dateOfBirth,
          countries: e.countries,
        })),
      )
      .execute();
  }
}

export async function listLists(t: TenantTx) {
  return t.tx
    .selectFrom('screening_lists')
    .select(['id', 'name', 'kind', 'uploaded_by', 'entry_count', 'created_at'])
    .where('tenant_id', '=', t.tenantId)
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
}

/**
 * Entries whose names share enough trigrams with the query to be worth scoring. The
 * threshold is set for this transaction only; the GIN trigram index answers `<%`.
 */
export async function candidateEntries(t: TenantTx, query: string, limit: number) {
  await sql`select set_config('pg_trgm.word_similarity_threshold', '0.3', true)`.execute(t.tx);
  return t.tx
    .selectFrom('screening_entries')
    .select(['id', 'list_id', 'full_name', 'aliases', 'countries', sql<string | null>`to_char(date_of_birth, 'YYYY-MM-DD')`.as('date_of_birth')])
    .where('tenant_id', '=', t.tenantId)
    .where(sql<boolean>`${query} <% search_text`)
    .orderBy(sql`word_similarity(${query}, search_text)`, 'desc')
    .limit(limit)
    .execute();
}

/** Entries this person already has a hit for, whatever its status: a decision is not asked twice. */
export async function entriesWithHits(t: TenantTx, userId: string): Promise<Set<string>> {
  const rows = await t.tx.selectFrom('screening_hits').select('entry_id').where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).where('entry_id', 'is not', null).execute();
  return new Set(rows.map((r) => r.entry_id!));
}

export async function insertHit(t: TenantTx, h: { userId: string; entryId: string | null; source: 'list' | 'provider'; score: number; matchedOn: string }): Promise<string> {
  const id = uuidv7();
  await t.tx
    .insertInto('screening_hits')
    .values({ tenant_id: t.tenantId, id, user_id: h.userId, entry_id: h.entryId, source: h.source, score: h.score, matched_on: h.matchedOn.slice(0, 500) })
    .execute();
  return id;
}

/**
 * Serialises hit creation for one person in this transaction, so two deliveries that report
 * the same finding at once cannot both find no hit and both open one.
 */
export async function lockHitsOf(t: TenantTx, userId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`screening_hits:${t.tenantId}:${userId}`}, 0))`.execute(t.tx);
}

/** A provider-reported hit for this finding (matched_on is "<provider>: <label>"), whatever its status. */
export async function findProviderHit(t: TenantTx, userId: string, matchedOn: string) {
  return t.tx
    .selectFrom('screening_hits')
    .select(['id', 'status'])
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId)
    .where('source', '=', 'provider')
    .where('matched_on', '=', matchedOn)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
}

/** How many of the person's hits wait for a decision and how many a reviewer confirmed. */
export async function hitCountsOf(t: TenantTx, userId: string): Promise<{ open: number; confirmed: number }> {
  const [r] = await hitCountsOfMany(t, [userId]);
  return { open: r?.open ?? 0, confirmed: r?.confirmed ?? 0 };
}

/** Open and confirmed hits of several people; people without any are left out. */
export function hitCountsOfMany(t: TenantTx, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return t.tx
    .selectFrom('screening_hits')
    .select(['user_id', sql<number>`count(*) filter (where status = 'open')::int`.as('open'), sql<number>`count(*) filter (where status = 'confirmed')::int`.as('confirmed')])
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', 'in', userIds)
    .where('status', 'in', ['open', 'confirmed'])
    .groupBy('user_id')
    .execute();
}

export async function countOpenHits(t: TenantTx, userId: string, exceptId?: string): Promise<number> {
  let q = t.tx.selectFrom('screening_hits').select(sql<number>`count(*)::int`.as('n')).where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).where('status', '=', 'open');
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirstOrThrow()).n;
}

export async function findHitForUpdate(t: TenantTx, id: string) {
  return t.tx.selectFrom('screening_hits').selectAll().where('tenant_id', '=', t.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function decideHit(t: TenantTx, id: string, d: { status: Exclude<ScreeningHitStatus, 'open'>; reviewedBy: string; note: string | null }): Promise<number> {
  const r = await t.tx
    .updateTable('screening_hits')
    .set({ status: d.status, reviewed_by: d.reviewedBy, reviewed_at: new Date(), note: d.note })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function listHits(t: TenantTx, q: { status?: ScreeningHitStatus; limit: number }) {
  let query = t.tx
    .selectFrom('screening_hits as h')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'h.tenant_id').onRef('u.id', '=', 'h.user_id'))
    .leftJoin('screening_entries as e', (j) => j.onRef('e.tenant_id', '=', 'h.tenant_id').onRef('e.id', '=', 'h.entry_id'))
    .leftJoin('screening_lists as l', (j) => j.onRef('l.tenant_id', '=', 'e.tenant_id').onRef('l.id', '=', 'e.list_id'))
    .select([
      'h.id', 'h.user_id', 'h.entry_id', 'h.source', 'h.score', 'h.matched_on', 'h.status', 'h.reviewed_by', 'h.reviewed_at', 'h.note', 'h.created_at',
      'u.email', 'u.first_name', 'u.last_name',
      'e.full_name as entry_name', 'e.aliases as entry_aliases', 'e.countries as entry_countries', sql<string | null>`to_char(e.date_of_birth, 'YYYY-MM-DD')`.as('entry_date_of_birth'),
      'l.id as list_id', 'l.name as list_name', 'l.kind as list_kind',
    ])
    .where('h.tenant_id', '=', t.tenantId);
  if (q.status) query = query.where('h.status', '=', q.status);
  return query.orderBy('h.created_at').orderBy('h.id').limit(q.limit).execute();
}

/** The tenant's screening threshold (settings.screening.threshold), when it set one. */
export async function tenantThreshold(t: TenantTx): Promise<number | null> {
  const r = await t.tx
    .selectFrom('tenants')
    .select(sql<string | null>`settings #>> '{screening,threshold}'`.as('threshold'))
    .where('id', '=', t.tenantId)
    .executeTakeFirst();
  const v = r?.threshold == null ? NaN : Number(r.threshold);
  return Number.isFinite(v) && v > 0 && v <= 1 ? v : null;
}
