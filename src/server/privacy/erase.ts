/**
 * GDPR erasure of one member. The financial and audit records the law requires stay (investments,
 * escrow, compliance checks, audit trails), naming the member only by id and saying "erased member"
 * where a personal value was; everything else that identifies them is anonymised or removed:
 *  - the account: email, names, password, MFA; the profile: display name, phone, wallet;
 *  - sessions, tokens, codes, wallet links, notifications (credentials and inbox); their follows,
 *    blocks and likes in the community feed (their posts and comments stay, scrubbed like any text);
 *  - every text and jsonb column of every tenant table (from the catalog), scrubbed of their
 *    email, full name, display name, phone and wallets, and of their first and last names in
 *    rows that reference them; IP addresses and user agents in the trails of their actions;
 *    the device hashes referrals kept of their devices;
 *  - their KYC files: the member's data key is deleted (crypto-shredding: every copy of those
 *    files, backups and exports included, can no longer be read) and the ciphertext removed.
 * The append-only trails are changed here and nowhere else (session_replication_role = replica).
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { beginTenantTransaction, uuidLiteral, withOwnerClient } from '../db/copy';
import { NotFound } from '../errors';
import { uuidv7 } from '../ids';
import { DiskFileStore } from '../storage';
import { ident, tenantTables, type TenantTable } from '../tenant-data/catalog';
import { alternation, ERASED, personalValues } from './personal-values';

/**
 * On-chain facts: addresses there are public ledger data the chain itself keeps. An erased member's
 * identity registration goes with their wallet links: the issuing job removes it from the registry
 * on chain (and its row) on its next pass.
 */
const CHAIN_FACTS = /^(chain_|escrow_|staking_|user_stakes$|investments$|tenant_chain_contracts$|asset_transactions$|asset_identity_registrations$)/;
/** Removed outright: credentials and the member's own inbox. */
const REMOVED = ['refresh_tokens', 'sessions', 'verification_codes', 'mfa_recovery_codes', 'wallet_nonces', 'wallet_links', 'notifications', 'notification_preferences', 'notification_outbox', 'member_data_keys', 'post_engagements'];

type MemberRefs = Map<string, string[]>;

/** For each table, its columns that reference users (foreign keys), plus the trails' actor columns. */
export async function memberReferences(client: pg.Client): Promise<MemberRefs> {
  const { rows } = await client.query<{ table: string; column: string }>(`
    select c.conrelid::regclass::text as table, a.attname as column
    from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
    where c.contype = 'f' and c.confrelid = 'users'::regclass and a.attname <> 'tenant_id'`);
  const refs: MemberRefs = new Map([
    ['audit_logs', ['actor_id']],
    ['activity_logs', ['user_id']],
    ['users', ['id']],
  ]);
  for (const r of rows) refs.set(r.table, [...(refs.get(r.table) ?? []), r.column]);
  return refs;
}

function scrubExpr(col: { name: string; type: string }, pattern: string, words: boolean): string {
  const p = words ? `'\\m(' || ${pattern} || ')\\M'` : pattern;
  const c = ident(col.name);
  return col.type === 'text' ? `regexp_replace(${c}, ${p}, '${ERASED}', 'gi')` : `regexp_replace(${c}::text, ${p}, '${ERASED}', 'gi')::${col.type}`;
}

async function scrubTable(client: pg.Client, table: TenantTable, tenant: string, member: string, everywhere: string, ownOnly: string, refs: string[] | undefined): Promise<number> {
  const cols = table.textColumns.filter((c) => !(table.name === 'users' && c.name === 'email'));
  if (cols.length === 0) return 0;
  let n = 0;
  if (everywhere) {
    const sets = cols.map((c) => `${ident(c.name)} = ${scrubExpr(c, '$1', false)}`).join(', ');
    const where = cols.map((c) => `${ident(c.name)}::text ~* $1`).join(' or ');
    n += (await client.query(`update ${ident(table.name)} set ${sets} where tenant_id = ${tenant} and (${where})`, [everywhere])).rowCount ?? 0;
  }
  if (ownOnly && refs?.length) {
    const sets = cols.map((c) => `${ident(c.name)} = ${scrubExpr(c, '$1', true)}`).join(', ');
    const mine = refs.map((r) => `${ident(r)}::text = ${member}`).join(' or ');
    n += (await client.query(`update ${ident(table.name)} set ${sets} where tenant_id = ${tenant} and (${mine})`, [ownOnly])).rowCount ?? 0;
  }
  return n;
}

export type ErasureResult = { rowsScrubbed: number; rowsRemoved: number; filesShredded: number };

export async function eraseMember(tenantId: string, userId: string, opts: { dataDir: string; actorId: string | null; requestId: string | null; databaseUrl?: string }): Promise<ErasureResult> {
  const files = new DiskFileStore(path.join(opts.dataDir, 'files'));
  return withOwnerClient(opts.databaseUrl, async (client) => {
    await beginTenantTransaction(client, tenantId, 'write');
    try {
      const user = (
        await client.query<{ email: string; first_name: string; last_name: string; display_name: string | null; phone: string | null; wallet_address: string | null }>(
          `select u.email::text, u.first_name, u.last_name, p.display_name, p.phone, p.wallet_address
           from users u left join profiles p on p.tenant_id = u.tenant_id and p.user_id = u.id where u.tenant_id = $1 and u.id = $2 for update of u`,
          [tenantId, userId],
        )
      ).rows[0];
      if (!user) throw new NotFound('No member has that id here', 'member_not_found');
      const wallets = (await client.query<{ address: string }>('select address::text from wallet_links where tenant_id = $1 and user_id = $2', [tenantId, userId])).rows.map((r) => r.address);
      const values = personalValues({ ...user, wallets: [...wallets, ...(user.wallet_address ? [user.wallet_address] : [])] });
      const shred = (await client.query<{ cid: string }>(`select d.cid from kyc_documents d join kyc_applications a on a.tenant_id = d.tenant_id and a.id = d.application_id where d.tenant_id = $1 and a.user_id = $2`, [tenantId, userId])).rows.map((r) => r.cid);

      await client.query('set local session_replication_role = replica');
      const tenant = uuidLiteral(tenantId);
      const member = uuidLiteral(userId);
      let rowsRemoved = 0;
      for (const t of REMOVED) {
        const col = t === 'refresh_tokens' ? 'session_id in (select id from sessions where tenant_id = $1 and user_id = $2)' : 'user_id = $2';
        rowsRemoved += (await client.query(`delete from ${ident(t)} where tenant_id = $1 and ${col}`, [tenantId, userId])).rowCount ?? 0;
      }
      // Their place in the social graph (whom they follow and block, who follows and blocks them).
      rowsRemoved += (await client.query('delete from user_follows where tenant_id = $1 and (follower_id = $2 or followee_id = $2)', [tenantId, userId])).rowCount ?? 0;
      rowsRemoved += (await client.query('delete from user_blocks where tenant_id = $1 and (blocker_id = $2 or blocked_id = $2)', [tenantId, userId])).rowCount ?? 0;
      // Their newsletter subscription (an address is personal data), with its sends and clicks;
      // explicit deletes because replica mode skips the foreign keys' cascades.
      for (const t of ['click_tracking', 'newsletter_sends'])
        rowsRemoved += (await client.query(`delete from ${ident(t)} where tenant_id = $1 and subscriber_id in (select id from newsletter_subscribers where tenant_id = $1 and email = $2)`, [tenantId, user.email])).rowCount ?? 0;
      rowsRemoved += (await client.query('delete from newsletter_subscribers where tenant_id = $1 and email = $2', [tenantId, user.email])).rowCount ?? 0;
      await client.query(
        `update users set email = $3, first_name = '${ERASED}', last_name = '${ERASED}', password_hash = '!erased', status = 'disabled', mfa_secret = null, mfa_enabled_at = null, updated_at = now() where tenant_id = $1 and id = $2`,
        [tenantId, userId, `erased-${userId}@erased.invalid`],
      );
      await client.query(`update profiles set display_name = '${ERASED}', phone = null, wallet_address = null, preferences = '{}', updated_at = now() where tenant_id = $1 and user_id = $2`, [tenantId, userId]);

      const refs = await memberReferences(client);
      const chainless = values.everywhere.filter((v) => !wallets.includes(v) && v !== user.wallet_address);
      let rowsScrubbed = 0;
      for (const table of await tenantTables(client)) {
        if (table.name === 'tenants') continue;
        const everywhere = alternation(CHAIN_FACTS.test(table.name) ? chainless : values.everywhere);
        rowsScrubbed += await scrubTable(client, table, tenant, member, everywhere, alternation(values.ownRowsOnly), refs.get(table.name));
        if (table.columns.includes('ip')) {
          for (const r of refs.get(table.name) ?? []) {
            const ua = table.columns.includes('user_agent') ? ', user_agent = null' : '';
            await client.query(`update ${ident(table.name)} set ip = null${ua} where tenant_id = $1 and ${ident(r)} = $2`, [tenantId, userId]);
          }
        }
      }
      // Referral device hashes (HMACs of the member's address and browser): their sign-up device,
      // the devices they made links on and followed their own links from.
      const noDevice = '0'.repeat(64);
      await client.query(`update referral_attributions set device_hash = $3 where tenant_id = $1 and referred_user_id = $2`, [tenantId, userId, noDevice]);
      await client.query(`update referral_links set created_device_hash = $3 where tenant_id = $1 and referrer_id = $2`, [tenantId, userId, noDevice]);
      await client.query(
        `update referral_clicks c set device_hash = $3 from referral_links l where c.tenant_id = $1 and l.tenant_id = $1 and l.id = c.link_id and l.referrer_id = $2 and c.outcome = 'own_link'`,
        [tenantId, userId, noDevice],
      );
      await client.query('set local session_replication_role = origin');
      await client.query(
        `insert into audit_logs (tenant_id, id, actor_id, action, target_type, target_id, metadata) values ($1, $2, $3, 'member.erased', 'user', $4, $5)`,
        [tenantId, uuidv7(), opts.actorId, userId, JSON.stringify({ requestId: opts.requestId, rowsScrubbed, rowsRemoved, filesShredded: shred.length })],
      );
      if (opts.requestId) await client.query(`update member_erasure_requests set status = 'done', done_at = now() where tenant_id = $1 and id = $2`, [tenantId, opts.requestId]);
      await client.query('commit');
      // After the commit: the key is gone, so the ciphertext is noise; remove it from this disk too.
      for (const cid of shred) await rm(files.pathFor(cid), { force: true });
      return { rowsScrubbed, rowsRemoved, filesShredded: shred.length };
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    }
  });
}
