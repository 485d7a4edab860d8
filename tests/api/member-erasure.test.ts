import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { extract } from 'tar-stream';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { GET as adminData } from '../../src/app/api/admin/users/[id]/export/route';
import { DELETE as adminCancel, POST as adminErase } from '../../src/app/api/admin/users/[id]/erasure/route';
import { GET as ownData } from '../../src/app/api/profile/export/route';
import { GET as ownErasure, POST as requestOwnErasure } from '../../src/app/api/profile/erasure/route';
import { getConfig, resetConfigCache } from '../../src/server/config';
import { closePools } from '../../src/server/db/pool';
import { ownerDatabaseUrl } from '../../src/server/db/urls';
import { readKycFile } from '../../src/server/kyc/document-store';
import { seedDemoDeals } from '../../src/server/platform/demo-deals';
import { runDueErasures } from '../../src/server/privacy/service';
import { call } from '../helpers/api';
import { tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

// Issue 17, GDPR: a member downloads their data; erasure leaves none of their personal values in
// any text or jsonb column of any table, keeps the ledger and the audit trail, shreds their KYC files.

let demo: TestTenant;
let later: TestTenant;
let db: pg.Client;
type Member = { id: string; email: string; first_name: string; last_name: string };
let marta: Member;
const PHONE = `+44 7700 9${randomBytes(2).readUInt16BE() % 100000}`.padEnd(16, '1');
const WALLET = `0x${randomBytes(20).toString('hex')}`;

async function tarEntries(res: Response): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const x = extract();
  Readable.from(Buffer.from(await res.arrayBuffer())).pipe(x);
  for await (const e of x) {
    const chunks: Buffer[] = [];
    for await (const c of e) chunks.push(c as Buffer);
    out.set(e.header.name, Buffer.concat(chunks));
  }
  return out;
}

const download = (handler: typeof ownData, host: string, token: string, id?: string) =>
  handler(new Request(`http://${host}/api/profile/export`, { headers: { host, authorization: `Bearer ${token}` } }), { params: Promise.resolve(id ? { id } : ({} as Record<string, string>)) });

/** Every text, varchar, citext, json and jsonb column of every table in the schema that mentions a value. */
async function mentions(value: string, exceptTables: RegExp | null = null): Promise<string[]> {
  const { rows: cols } = await db.query<{ t: string; c: string }>(
    `select table_name as t, column_name as c from information_schema.columns
     where table_schema = 'public' and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'USER-DEFINED')
       and (data_type <> 'USER-DEFINED' or udt_name = 'citext')`,
  );
  const hits: string[] = [];
  for (const { t, c } of cols) {
    if (exceptTables?.test(t)) continue;
    const { rows } = await db.query(`select count(*)::int as n from "${t}" where "${c}"::text ilike '%' || $1 || '%'`, [value]);
    if (rows[0].n > 0) hits.push(`${t}.${c}`);
  }
  return hits;
}

const ledger = async () =>
  (await db.query(`select deal_id, status, sum(amount)::text as total, count(*)::int as n from investments where tenant_id = $1 group by 1, 2 order by 1, 2`, [demo.id])).rows;

beforeAll(async () => {
  process.env.DATA_ENCRYPTION_KEY = randomBytes(32).toString('base64url');
  resetConfigCache();
  demo = await makeTenant({ settings: { privacy: { erasureDelayDays: 0 } } });
  later = await makeTenant();
  const issuer = await makeUser(demo, ['issuer']);
  const [i1, i2] = [await makeUser(demo), await makeUser(demo)];
  await seedDemoDeals(demo.id, demo.slug, { theme: 'alpha', password: PASSWORD, admin: demo.admin.email, issuer: issuer.email, investors: [i1.email, i2.email] });
  db = new pg.Client({ connectionString: ownerDatabaseUrl(getConfig()) });
  await db.connect();
  marta = (await db.query<Member>(`select id, email::text, first_name, last_name from users where tenant_id = $1 and first_name = 'Marta'`, [demo.id])).rows[0]!;
  await db.query(`update profiles set phone = $3, wallet_address = $4 where tenant_id = $1 and user_id = $2`, [demo.id, marta.id, PHONE, WALLET]);
}, 120_000);

afterAll(async () => {
  await db?.end();
  await closePools();
});

describe('member data and erasure', () => {
  it('a member downloads everything about them: data.json with their rows and their KYC files, readable', async () => {
    const token = await tokenFor(demo, marta.email);
    const res = await download(ownData, demo.host, token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-tar');
    const entries = await tarEntries(res);
    const data = JSON.parse(entries.get('data.json')!.toString('utf8'));
    expect(data.users[0].email).toBe(marta.email);
    expect(data.users[0].password_hash).toBeUndefined();
    expect(data.investments.length).toBeGreaterThan(0);
    expect(data.investments.every((i: { investor_id: string }) => i.investor_id === marta.id)).toBe(true);
    const files = [...entries.keys()].filter((k) => k.startsWith('files/kyc-'));
    expect(files.length).toBeGreaterThan(0);
    expect(entries.get(files[0]!)!.subarray(0, 4).toString('latin1')).toMatch(/^(%PDF|\x89PNG|\xff\xd8)/);
  });

  it('another investor can neither download nor erase a member; the tenant delay defaults to 30 days', async () => {
    const other = await makeUser(demo);
    const token = await tokenFor(demo, other.email);
    expect((await download(adminData, demo.host, token, marta.id)).status).toBe(403);
    expect((await call(adminErase, { host: demo.host, token, params: { id: marta.id }, body: {} })).status).toBe(403);
    const member = await makeUser(later);
    const t = await tokenFor(later, member.email);
    const r = await call(requestOwnErasure, { host: later.host, token: t, body: { reason: 'leaving' } });
    expect(r.status).toBe(201);
    expect(Math.round((Date.parse(r.json.dueAt) - Date.now()) / 86_400_000)).toBe(30);
    expect((await call(requestOwnErasure, { host: later.host, token: t, body: {} })).json.code).toBe('erasure_already_scheduled');
    expect((await call(ownErasure, { host: later.host, token: t })).json).toMatchObject({ delayDays: 30, scheduled: { status: 'scheduled' } });
    // Not due for 30 days: the job leaves it alone.
    await runDueErasures(new Date());
    expect((await db.query(`select first_name from users where tenant_id = $1 and id = $2`, [later.id, member.id])).rows[0].first_name).toBe('Test');
  });

  it('an admin erases a member on request: no personal value left in any column of any table, ledger and audit kept, KYC files shredded', async () => {
    const admin = await tokenFor(demo, demo.admin.email);
    const before = await ledger();
    const auditBefore = (await db.query(`select count(*)::int as n from audit_logs where tenant_id = $1`, [demo.id])).rows[0].n;
    const docs = (await db.query(`select d.cid, d.encrypted from kyc_documents d join kyc_applications a on a.tenant_id = d.tenant_id and a.id = d.application_id where d.tenant_id = $1 and a.user_id = $2`, [demo.id, marta.id])).rows;
    expect(docs.length).toBeGreaterThan(0);
    expect(await mentions(marta.email)).not.toEqual([]);

    expect((await call(adminErase, { host: demo.host, token: admin, params: { id: marta.id }, body: { reason: 'member asked by email' } })).status).toBe(201);
    expect((await call(adminCancel, { host: demo.host, token: admin, params: { id: marta.id }, method: 'DELETE' })).status).toBe(204);
    expect((await call(adminErase, { host: demo.host, token: admin, params: { id: marta.id }, body: { reason: 'member asked again' } })).status).toBe(201);
    const results = await runDueErasures(new Date(Date.now() + 1000));
    expect(results.length).toBe(1);

    const chainFacts = /^(chain_|escrow_|staking_|user_stakes$|investments$|tenant_chain_contracts$)/;
    for (const v of [marta.email, `${marta.first_name} ${marta.last_name}`, PHONE]) expect(await mentions(v), v).toEqual([]);
    expect(await mentions(WALLET, chainFacts)).toEqual([]);
    // First and last names alone: nowhere in the rows that are the member's.
    const own = (await db.query(`select row_to_json(u)::text as j from users u where tenant_id = $1 and id = $2`, [demo.id, marta.id])).rows[0].j;
    expect(own).not.toContain(marta.first_name);
    expect(own).toContain('erased member');

    expect(await ledger()).toEqual(before);
    const kept = (await db.query(`select count(*)::int as n from investments where tenant_id = $1 and investor_id = $2`, [demo.id, marta.id])).rows[0].n;
    expect(kept).toBeGreaterThan(0);
    const audit = (await db.query(`select action from audit_logs where tenant_id = $1 order by id`, [demo.id])).rows.map((r) => r.action);
    expect(audit.length).toBe(auditBefore + 4);
    expect(audit.slice(-1)).toEqual(['member.erased']);

    expect((await db.query(`select count(*)::int as n from member_data_keys where tenant_id = $1 and user_id = $2`, [demo.id, marta.id])).rows[0].n).toBe(0);
    for (const d of docs) expect(await readKycFile(getConfig(), d.cid, d.encrypted, { tenantId: demo.id, userId: marta.id })).toBeNull();
    expect((await call(login, { host: demo.host, body: { email: marta.email, password: PASSWORD } })).status).toBe(401);
  });
});
