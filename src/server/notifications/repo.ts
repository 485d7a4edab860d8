import type { Kysely } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { Database } from '../db/types';
import { uuidv7 } from '../ids';

export async function insertEmail(t: TenantTx, m: { to: string; template: string; subject: string; body: string }): Promise<string> {
  const id = uuidv7();
  await t.tx
    .insertInto('email_outbox')
    .values({ tenant_id: t.tenantId, id, to_address: m.to, template: m.template, subject: m.subject, body_text: m.body })
    .execute();
  return id;
}

// The delivery worker is platform-level (it serves every tenant) and runs as the owner.
export async function claimPendingEmails(db: Kysely<Database>, limit: number) {
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('email_outbox')
      .selectAll()
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length)
      await tx
        .updateTable('email_outbox')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', 'in', rows.map((r) => r.id))
        .execute();
    return rows;
  });
}

export async function markEmail(db: Kysely<Database>, tenantId: string, id: string, outcome: { sent: true } | { sent: false; error: string; final: boolean }) {
  await db
    .updateTable('email_outbox')
    .set(outcome.sent ? { status: 'sent', sent_at: new Date() } : { status: outcome.final ? 'failed' : 'pending', last_error: outcome.error.slice(0, 500) })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function listEmailsTo(t: TenantTx, to: string, limit = 20) {
  return t.tx
    .selectFrom('email_outbox')
    .select(['id', 'template', 'subject', 'body_text', 'status', 'created_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('to_address', '=', to)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
