import http from 'node:http';
import { api, PASSWORD, PORT, RUN, token, type TenantSlug } from './platform';

// Investors with a confirmed investment, set up through the public API as the product would:
// sign up, pass manual KYC (a passport scan approved by the tenant admin), invest, and the
// admin records the money as received.

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

function rawPost(t: TenantSlug, path: string, bearer: string, bytes: Buffer, type: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: PORT, method: 'POST', path, headers: { host: `${t}.localhost:${PORT}`, authorization: `Bearer ${bearer}`, 'content-type': type, 'content-length': bytes.length } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(bytes);
  });
}

async function must(p: Promise<{ status: number; body: any }>, what: string): Promise<any> {
  const r = await p;
  if (r.status >= 400) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export type Investor = { email: string; name: string; token: string };

/** A new account on tenant `t` that has invested `amount` in the deal, confirmed by the admin. */
export async function confirmedInvestor(t: TenantSlug, dealId: string, first: string, last: string, amount = '1500'): Promise<Investor> {
  const email = `${first.toLowerCase()}.${RUN}.${Math.random().toString(36).slice(2, 7)}@example.org`;
  await must(api(t, 'POST', '/api/auth/register', { json: { email, password: PASSWORD, firstName: first, lastName: last } }), 'register');
  const bearer = await token(t, email);
  const admin = await token(t, `admin@${t}.example`);
  const kyc = await must(api(t, 'POST', '/api/investor/kyc/applications', { token: bearer, json: {} }), 'start KYC');
  const uploaded = await rawPost(t, `/api/investor/kyc/applications/${kyc.application.id}/documents?kind=passport`, bearer, PNG, 'image/png');
  if (uploaded !== 201) throw new Error(`KYC upload: ${uploaded}`);
  await must(api(t, 'POST', `/api/compliance/kyc/applications/${kyc.application.id}/decision`, { token: admin, json: { decision: 'approve', reason: 'Passport checked (e2e)' } }), 'approve KYC');
  const inv = await must(api(t, 'POST', `/api/deals/${dealId}/invest`, { token: bearer, json: { amount, paymentMethod: 'wire' } }), 'invest');
  await must(api(t, 'POST', `/api/admin/investments/${inv.investment.id}/confirm`, { token: admin, json: { note: 'Wire received (e2e)' } }), 'confirm investment');
  return { email, name: `${first} ${last.slice(0, 1)}.`, token: bearer };
}
