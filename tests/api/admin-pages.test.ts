import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as auditCsv } from '../../src/app/api/admin/audit-logs/csv/route';
import { GET as auditLogs } from '../../src/app/api/admin/audit-logs/route';
import { POST as refund } from '../../src/app/api/admin/investments/[id]/refund/route';
import { GET as listInvestments } from '../../src/app/api/admin/investments/route';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { closePools } from '../../src/server/db/pool';
import { call } from '../helpers/api';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// The thin routes the admin pages need beside the existing ones: the operator's list of
// investments (filters, role, audit, tenant isolation) and the audit log's filters, keyset
// paging and CSV export.

let a: TestTenant;
let b: TestTenant;
let adminA: string;
let adminB: string;
let dealA: { id: string };
let investorA: { id: string; email: string; token: string };
const investmentIds: string[] = [];

beforeAll(async () => {
  [a, b] = await Promise.all([makeTenant(), makeTenant()]);
  [adminA, adminB] = await Promise.all([tokenFor(a, a.admin.email), tokenFor(b, b.admin.email)]);
  const issuer = await makeVerifiedIssuer(a, adminA);
  dealA = await makeActiveDeal(a, issuer.token, adminA, { minTicket: '1' });
  const u = await makeUser(a, ['investor']);
  investorA = { ...u, token: await tokenFor(a, u.email) };
  for (const amount of ['10', '20', '30']) {
    const r = await call(invest, { host: a.host, token: investorA.token, params: { id: dealA.id }, body: { amount, paymentMethod: 'wire' } });
    expect(r.status).toBe(201);
    investmentIds.push(r.json.investment?.id ?? r.json.id);
  }
});

afterAll(async () => {
  await closePools();
});

describe('GET /api/admin/investments', () => {
  it('lists the tenant’s investments with deal, investor and the next possible steps, filtered by deal, investor and status', async () => {
    const r = await call(listInvestments, { host: a.host, token: adminA, path: `/api/admin/investments?dealId=${dealA.id}` });
    expect(r.status).toBe(200);
    expect(r.json.total).toBe(3);
    expect(r.json.investments.map((i: { amount: string }) => i.amount).sort()).toEqual(['10.00', '20.00', '30.00']);
    const first = r.json.investments[0];
    expect(first.deal.id).toBe(dealA.id);
    expect(first.investor.email).toBe(investorA.email);
    expect(typeof first.canConfirm).toBe('boolean');
    expect(typeof first.canRefund).toBe('boolean');

    const byInvestor = await call(listInvestments, { host: a.host, token: adminA, path: `/api/admin/investments?investor=${encodeURIComponent(investorA.email.slice(0, 12))}` });
    expect(byInvestor.json.investments.every((i: { investor: { id: string } }) => i.investor.id === investorA.id)).toBe(true);
    expect(byInvestor.json.total).toBe(3);

    const id = investmentIds[0]!;
    const before = (await call(listInvestments, { host: a.host, token: adminA, path: `/api/admin/investments?dealId=${dealA.id}` })).json.investments.find((i: { id: string }) => i.id === id);
    expect(before.canRefund).toBe(true);
    expect((await call(refund, { host: a.host, token: adminA, params: { id }, body: { reason: 'wire never arrived' } })).status).toBe(200);
    const refunded = await call(listInvestments, { host: a.host, token: adminA, path: `/api/admin/investments?dealId=${dealA.id}&status=refunded` });
    expect(refunded.json.investments.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(refunded.json.investments[0].reason).toBe('wire never arrived');
    expect(refunded.json.investments[0].canRefund).toBe(false);

    const paged = await call(listInvestments, { host: a.host, token: adminA, path: `/api/admin/investments?dealId=${dealA.id}&limit=2` });
    expect(paged.json.investments).toHaveLength(2);
    expect(paged.json.hasMore).toBe(true);
  });

  it('is for tenant admins only, names bad filters, and never shows another tenant’s investments', async () => {
    const denied = await call(listInvestments, { host: a.host, token: investorA.token });
    expect(denied.status).toBe(403);
    const bad = await call(listInvestments, { host: a.host, token: adminA, path: '/api/admin/investments?status=lost' });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].field).toBe('status');
    const other = await call(listInvestments, { host: b.host, token: adminB, path: `/api/admin/investments?dealId=${dealA.id}` });
    expect(other.status).toBe(200);
    expect(other.json.investments).toEqual([]);
    expect((await call(listInvestments, { host: b.host, token: adminB })).json.investments.some((i: { id: string }) => investmentIds.includes(i.id))).toBe(false);
    // Another tenant's token on this host is not signed in here.
    expect((await call(listInvestments, { host: a.host, token: adminB })).status).toBe(401);
  });

  it('audits each read', async () => {
    await call(listInvestments, { host: a.host, token: adminA, path: `/api/admin/investments?status=confirmed` });
    const log = await call(auditLogs, { host: a.host, token: adminA, path: `/api/admin/audit-logs?action=investments.listed&actorId=${a.admin.id}` });
    expect(log.json.entries.some((e: { metadata: { status: string | null } }) => e.metadata.status === 'confirmed')).toBe(true);
  });
});

describe('GET /api/admin/audit-logs filters, paging and CSV', () => {
  it('filters by actor, action prefix, target and day, and pages by cursor without gaps or repeats', async () => {
    const byTarget = await call(auditLogs, { host: a.host, token: adminA, path: `/api/admin/audit-logs?targetId=${investmentIds[0]}` });
    expect(byTarget.status).toBe(200);
    expect(byTarget.json.entries.length).toBeGreaterThan(0);
    expect(byTarget.json.entries.every((e: { targetId: string }) => e.targetId === investmentIds[0])).toBe(true);
    expect(byTarget.json.entries.some((e: { action: string; actorEmail: string }) => e.action === 'investment.refunded' && e.actorEmail === a.admin.email)).toBe(true);

    const prefix = await call(auditLogs, { host: a.host, token: adminA, path: '/api/admin/audit-logs?action=investment*&limit=200' });
    expect(prefix.json.entries.length).toBeGreaterThan(0);
    expect(prefix.json.entries.every((e: { action: string }) => e.action.startsWith('investment'))).toBe(true);

    const all = await call(auditLogs, { host: a.host, token: adminA, path: `/api/admin/audit-logs?actorId=${a.admin.id}&limit=200` });
    expect(all.json.entries.every((e: { actorId: string }) => e.actorId === a.admin.id)).toBe(true);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: { entries: { id: string }[]; nextCursor: string | null } } = await call(auditLogs, { host: a.host, token: adminA, path: `/api/admin/audit-logs?actorId=${a.admin.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}` });
      ids.push(...page.json.entries.map((e) => e.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(ids).toEqual(all.json.entries.map((e: { id: string }) => e.id));

    const today = new Date().toISOString().slice(0, 10);
    const dayOk = await call(auditLogs, { host: a.host, token: adminA, path: `/api/admin/audit-logs?from=${today}&to=${today}&actorId=${a.admin.id}` });
    expect(dayOk.json.entries.length).toBeGreaterThan(0);
    const past = await call(auditLogs, { host: a.host, token: adminA, path: `/api/admin/audit-logs?to=2000-01-01` });
    expect(past.json.entries).toEqual([]);
    const reversed = await call(auditLogs, { host: a.host, token: adminA, path: `/api/admin/audit-logs?from=2026-02-01&to=2026-01-01` });
    expect(reversed.status).toBe(400);
    expect(reversed.json.errors[0].field).toBe('to');
    expect((await call(auditLogs, { host: a.host, token: adminA, path: '/api/admin/audit-logs?from=yesterday' })).json.errors[0].field).toBe('from');
  });

  it('exports the filtered trail as CSV, audits the export, and keeps tenants apart', async () => {
    const r = await call(auditCsv, { host: a.host, token: adminA, path: `/api/admin/audit-logs/csv?targetId=${investmentIds[0]}` });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    const body = typeof r.json === 'string' ? r.json : '';
    expect(body.split('\r\n')[0]).toContain('Action');
    expect(body).toContain('investment.refunded');
    const log = await call(auditLogs, { host: a.host, token: adminA, path: '/api/admin/audit-logs?action=audit.exported' });
    expect(log.json.entries[0].metadata.filters.targetId).toBe(investmentIds[0]);

    const other = await call(auditCsv, { host: b.host, token: adminB, path: `/api/admin/audit-logs/csv?targetId=${investmentIds[0]}` });
    expect(other.status).toBe(200);
    const otherText = typeof other.json === 'string' ? other.json : '';
    expect(otherText.trim().split('\r\n')).toHaveLength(1);
    expect((await call(auditCsv, { host: a.host, token: investorA.token })).status).toBe(403);
  });
});
