import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A local stand-in for Sumsub and ShuftiPro on 127.0.0.1, written from their public docs and
// independent of our adapters: it checks our requests the way the real services do
// (Sumsub: X-App-Token, X-App-Access-Ts within a minute or so, X-App-Access-Sig =
// hex HMAC-SHA256(secret, ts + METHOD + path?query + body); ShuftiPro: HTTP Basic with the
// client id and secret key) and signs its answers and callbacks as they do.

export type FakeKycOptions = {
  sumsub: { appToken: string; secretKey: string; webhookSecret: string };
  shufti: { clientId: string; secretKey: string };
};

type Applicant = { id: string; externalUserId: string; levelName: string };
type ShuftiRequest = { reference: string; callbackUrl: string; event: string; redirectUrl?: string; verifyPath?: string };
export type Signed = { body: string; headers: Record<string, string> };

const eq = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const hex = (n: number) => randomBytes(n).toString('hex');

export class FakeKycProviderServer {
  readonly applicants = new Map<string, Applicant>();
  readonly shuftiRequests = new Map<string, ShuftiRequest>();
  readonly rejected: string[] = [];
  private server: http.Server | null = null;
  url = '';

  constructor(readonly opts: FakeKycOptions) {}

  /** The platform's provider settings (environment) that point the app at this fake; after start(). */
  platformEnv(): Record<string, string> {
    return {
      SUMSUB_BASE_URL: this.url,
      SUMSUB_APP_TOKEN: this.opts.sumsub.appToken,
      SUMSUB_SECRET_KEY: this.opts.sumsub.secretKey,
      SUMSUB_WEBHOOK_SECRET: this.opts.sumsub.webhookSecret,
      SHUFTI_BASE_URL: this.url,
      SHUFTI_CLIENT_ID: this.opts.shufti.clientId,
      SHUFTI_SECRET_KEY: this.opts.shufti.secretKey,
    };
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        try {
          this.handle(req, body, res);
        } catch (e) {
          res.writeHead(500).end(String(e));
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private send(res: http.ServerResponse, status: number, json: unknown, extra: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json', ...extra }).end(JSON.stringify(json));
  }

  private handle(req: http.IncomingMessage, body: string, res: http.ServerResponse) {
    const path = req.url ?? '/';
    const url = new URL(path, this.url);
    if (url.pathname.startsWith('/resources/')) return this.sumsub(req, path, url, body, res);
    if (req.method === 'POST' && (url.pathname === '/' || url.pathname === '/status')) return this.shufti(req, url.pathname, body, res);
    // ShuftiPro's hosted page, as far as a browser test needs it: the investor "finishes" and is
    // sent back to the redirect_url the platform gave.
    if (req.method === 'GET' && url.pathname.startsWith('/verify/')) {
      const r = [...this.shuftiRequests.values()].find((x) => x.verifyPath === url.pathname);
      if (r?.redirectUrl) return void res.writeHead(302, { location: r.redirectUrl }).end();
    }
    this.send(res, 404, { description: 'not found' });
  }

  // ---------------------------------------------------------------- Sumsub

  private sumsub(req: http.IncomingMessage, path: string, url: URL, body: string, res: http.ServerResponse) {
    const token = String(req.headers['x-app-token'] ?? '');
    const ts = String(req.headers['x-app-access-ts'] ?? '');
    const sig = String(req.headers['x-app-access-sig'] ?? '');
    const expected = createHmac('sha256', this.opts.sumsub.secretKey).update(ts + (req.method ?? '') + path + body).digest('hex');
    if (!eq(token, this.opts.sumsub.appToken) || !/^\d+$/.test(ts) || Math.abs(Date.now() / 1000 - Number(ts)) > 60 || !eq(sig, expected)) {
      this.rejected.push(`sumsub ${req.method} ${path}`);
      return this.send(res, 401, { description: 'Request signature mismatch', code: 401, correlationId: hex(8) });
    }
    if (req.method === 'POST' && url.pathname === '/resources/applicants') {
      const levelName = url.searchParams.get('levelName');
      const { externalUserId } = JSON.parse(body || '{}') as { externalUserId?: string };
      if (!levelName || !externalUserId) return this.send(res, 400, { description: 'levelName and externalUserId are required' });
      if ([...this.applicants.values()].some((a) => a.externalUserId === externalUserId)) return this.send(res, 409, { description: 'Applicant already exists' });
      const applicant = { id: hex(12), externalUserId, levelName };
      this.applicants.set(applicant.id, applicant);
      return this.send(res, 201, { id: applicant.id, externalUserId, createdAt: new Date().toISOString().replace('T', ' ').slice(0, 19), review: { reviewStatus: 'init' } });
    }
    if (req.method === 'POST' && url.pathname === '/resources/accessTokens') {
      const userId = url.searchParams.get('userId');
      if (!userId || !url.searchParams.get('levelName')) return this.send(res, 400, { description: 'userId and levelName are required' });
      return this.send(res, 200, { token: `_act-sbx-${hex(16)}`, userId });
    }
    this.send(res, 404, { description: 'not found' });
  }

  /** A webhook exactly as Sumsub signs it: X-Payload-Digest = hex HMAC of the raw body. */
  sumsubWebhook(
    applicantId: string,
    type: string,
    o: { answer?: 'GREEN' | 'RED'; rejectType?: 'FINAL' | 'RETRY'; at?: Date; alg?: 'HMAC_SHA1_HEX' | 'HMAC_SHA256_HEX' | 'HMAC_SHA512_HEX'; secret?: string } = {},
  ): Signed {
    const a = this.applicants.get(applicantId);
    const at = (o.at ?? new Date()).toISOString().replace('T', ' ').replace('Z', '');
    const payload: Record<string, unknown> = {
      applicantId,
      inspectionId: hex(12),
      correlationId: `req-${hex(8)}`,
      externalUserId: a?.externalUserId ?? 'unknown',
      levelName: a?.levelName ?? 'basic-kyc-level',
      type,
      sandboxMode: true,
      reviewStatus: type === 'applicantReviewed' ? 'completed' : type === 'applicantPending' ? 'pending' : 'init',
      createdAtMs: at,
    };
    if (o.answer) payload.reviewResult = { reviewAnswer: o.answer, ...(o.rejectType ? { reviewRejectType: o.rejectType, rejectLabels: ['DOCUMENT_PAGE_MISSING'], moderationComment: 'Upload both sides' } : {}) };
    const body = JSON.stringify(payload);
    const alg = o.alg ?? 'HMAC_SHA256_HEX';
    const nodeAlg = { HMAC_SHA1_HEX: 'sha1', HMAC_SHA256_HEX: 'sha256', HMAC_SHA512_HEX: 'sha512' }[alg];
    const digest = createHmac(nodeAlg, o.secret ?? this.opts.sumsub.webhookSecret).update(body).digest('hex');
    return { body, headers: { 'content-type': 'application/json', 'x-payload-digest': digest, 'x-payload-digest-alg': alg } };
  }

  // ---------------------------------------------------------------- ShuftiPro

  private shuftiSign(body: string, secret = this.opts.shufti.secretKey): string {
    return createHash('sha256').update(body + createHash('sha256').update(secret).digest('hex')).digest('hex');
  }

  private shufti(req: http.IncomingMessage, pathname: string, body: string, res: http.ServerResponse) {
    const expected = `Basic ${Buffer.from(`${this.opts.shufti.clientId}:${this.opts.shufti.secretKey}`).toString('base64')}`;
    const reply = (status: number, json: unknown) => {
      const text = JSON.stringify(json);
      res.writeHead(status, { 'content-type': 'application/json', signature: this.shuftiSign(text) }).end(text);
    };
    if (!eq(String(req.headers.authorization ?? ''), expected)) {
      this.rejected.push(`shufti POST ${pathname}`);
      return reply(401, { event: 'request.unauthorized', error: { service: '', key: '', message: 'Authorization keys are missing/invalid.' } });
    }
    const input = JSON.parse(body || '{}') as { reference?: string; callback_url?: string; redirect_url?: string };
    if (!input.reference) return reply(400, { event: 'request.invalid', error: { key: 'reference', message: 'reference is required' } });
    if (pathname === '/status') {
      const r = this.shuftiRequests.get(input.reference);
      return r ? reply(200, { reference: r.reference, event: r.event }) : reply(404, { reference: input.reference, event: 'request.invalid' });
    }
    if (this.shuftiRequests.has(input.reference)) return reply(400, { reference: input.reference, event: 'request.invalid', error: { key: 'reference', message: 'The reference has already been taken.' } });
    const verifyPath = `/verify/${hex(10)}`;
    this.shuftiRequests.set(input.reference, { reference: input.reference, callbackUrl: input.callback_url ?? '', event: 'request.pending', redirectUrl: input.redirect_url, verifyPath });
    reply(200, { reference: input.reference, event: 'request.pending', verification_url: `${this.url}${verifyPath}`, email: null, country: null });
  }

  /** A callback exactly as ShuftiPro signs it; also moves the reference's status. */
  shuftiCallback(reference: string, event: string, o: { secret?: string; declinedReason?: string } = {}): Signed & { url: string } {
    const r = this.shuftiRequests.get(reference);
    if (r && !o.secret) r.event = event;
    const body = JSON.stringify({ reference, event, ...(o.declinedReason ? { declined_reason: o.declinedReason } : {}) });
    return { url: r?.callbackUrl ?? '', body, headers: { 'content-type': 'application/json', signature: this.shuftiSign(body, o.secret) } };
  }
}
