import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerDb } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { deliverPending, MAX_ATTEMPTS } from '../../src/server/notifications/delivery';
import { queueEmail } from '../../src/server/notifications/email';
import { devInboxTransport, resendTransport, smtpTransport, type MailTransport } from '../../src/server/notifications/transports';
import { makeTenant, type TestTenant } from '../helpers/tenants';

// Mail leaves through a real SMTP conversation (smtp-server in this process) or Resend's HTTP
// API (a local server that answers as Resend does); the outbox says what happened to each one.

type Received = { from: string; to: string[]; data: string };
let smtp: SMTPServer;
let smtpPort = 0;
const received: Received[] = [];
/** Per recipient: the SMTP reply code the server gives at RCPT TO (550 permanent, 451 transient). */
const refuse = new Map<string, number>();

let tenant: TestTenant;
const FROM = 'Community Deals <no-reply@deals.example>';

beforeAll(async () => {
  tenant = await makeTenant();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      const code = refuse.get(address.address);
      if (code) return cb(Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'try again later'), { responseCode: code }));
      cb();
    },
    onData(stream, session, cb) {
      let data = '';
      stream.on('data', (c: Buffer) => (data += c.toString()));
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
});

const queue = (to: string, subject = 'Hello') =>
  withTenant(tenant.id, null, (t) => queueEmail(t, { to, template: 'test_mail', subject, body: `Body for ${to}` }));

const row = async (id: string) =>
  (await ownerDb().selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow());

const deliver = (transport: MailTransport, extra: Partial<Parameters<typeof deliverPending>[0]> = {}) =>
  deliverPending({ db: ownerDb(), transport, mailFrom: FROM, tenantIds: [tenant.id], ...extra });

describe('mail delivery through SMTP', () => {
  it('sends a queued email from the community, to the recipient, and records it as sent', async () => {
    const id = await queue('ada@example.com', 'Confirm your email');
    const transport = smtpTransport(`smtp://127.0.0.1:${smtpPort}?ignoreTLS=true`);
    const report = await deliver(transport);
    expect(report.sent).toBeGreaterThanOrEqual(1);
    const got = received.find((m) => m.to.includes('ada@example.com'))!;
    expect(got.from).toBe('no-reply@deals.example');
    expect(got.data).toContain(`From: "Tenant ${tenant.slug}" <no-reply@deals.example>`);
    expect(got.data).toContain('Subject: Confirm your email');
    expect(got.data).toContain(`Message-ID: <${id}@community-deals>`);
    const r = await row(id);
    expect(r.status).toBe('sent');
    expect(r.provider_message_id).toBe(`<${id}@community-deals>`);
    expect(r.claimed_until).toBeNull();
  });

  it('a permanent refusal (550) fails the email at once; a transient one (451) waits for a retry', async () => {
    refuse.set('gone@example.com', 550);
    refuse.set('busy@example.com', 451);
    const gone = await queue('gone@example.com');
    const busy = await queue('busy@example.com');
    const transport = smtpTransport(`smtp://127.0.0.1:${smtpPort}?ignoreTLS=true`);
    await deliver(transport);
    const g = await row(gone);
    expect(g.status).toBe('failed');
    expect(g.last_error).toMatch(/^SMTP 550/);
    const b = await row(busy);
    expect(b.status).toBe('pending');
    expect(b.last_error).toMatch(/^SMTP 451/);
    expect(b.next_attempt_at!.getTime()).toBeGreaterThan(Date.now());

    // Not due during its backoff: a second run does not touch it.
    await deliver(transport);
    expect((await row(busy)).attempts).toBe(1);

    // Due again, the server still busy: after the last attempt it is given up.
    await sql`update email_outbox set attempts = ${MAX_ATTEMPTS - 1}, next_attempt_at = now() - interval '1 second' where id = ${busy}`.execute(ownerDb());
    await deliver(transport);
    const last = await row(busy);
    expect(last.status).toBe('failed');
    expect(last.attempts).toBe(MAX_ATTEMPTS);
  });
});

describe('mail delivery through Resend', () => {
  type Call = { auth?: string; idempotencyKey?: string; body: { from: string; to: string[]; subject: string; text: string } };
  const calls: Call[] = [];
  let answer: { status: number; body: unknown } = { status: 200, body: { id: 're_123' } };
  let server: http.Server;
  let base = '';

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        if (req.method === 'POST' && req.url === '/emails') {
          calls.push({ auth: req.headers.authorization, idempotencyKey: req.headers['idempotency-key'] as string, body: JSON.parse(data) });
          res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
        } else res.writeHead(404).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('posts the email with the API key and the outbox id as idempotency key, and keeps Resend\'s id', async () => {
    answer = { status: 200, body: { id: 're_abc' } };
    const id = await queue('grace@example.com', 'Your investment');
    await deliver(resendTransport('re_test_key', base));
    const call = calls.find((c) => c.body.to[0] === 'grace@example.com')!;
    expect(call.auth).toBe('Bearer re_test_key');
    expect(call.idempotencyKey).toBe(id);
    // The plain-text part and the HTML part drawn in the tenant's layout, both carrying the message.
    expect(call.body).toEqual({
      from: `"Tenant ${tenant.slug}" <no-reply@deals.example>`,
      to: ['grace@example.com'],
      subject: 'Your investment',
      text: expect.stringContaining('Body for grace@example.com'),
      html: expect.stringContaining('Body for grace@example.com'),
    });
    expect((await row(id)).provider_message_id).toBe('re_abc');
  });

  it('a validation error (422) fails the email; a rate limit (429) or server error is retried', async () => {
    answer = { status: 422, body: { name: 'validation_error', message: 'Invalid `to` field.' } };
    const bad = await queue('not-an-address@example.com');
    await deliver(resendTransport('re_test_key', base));
    expect(await row(bad)).toMatchObject({ status: 'failed', last_error: 'Resend 422 validation_error: Invalid `to` field.' });

    answer = { status: 429, body: { name: 'rate_limit_exceeded', message: 'Too many requests' } };
    const later = await queue('later@example.com');
    await deliver(resendTransport('re_test_key', base));
    expect(await row(later)).toMatchObject({ status: 'pending', attempts: 1 });
  });
});

describe('several deliverers at once', () => {
  it('never send the same email twice, and an email whose deliverer died is sent after its lease', async () => {
    const sent: string[] = [];
    const slow: MailTransport = {
      name: 'dev-inbox',
      send: async (m) => {
        await new Promise((r) => setTimeout(r, 20));
        sent.push(m.id);
        return {};
      },
    };
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => queue(`many-${i}@example.com`)));
    await Promise.all([deliver(slow, { batch: 5 }), deliver(slow, { batch: 5 }), deliver(slow, { batch: 5 }), deliver(slow, { batch: 5 })]);
    await deliver(slow);
    expect(sent.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());

    // A deliverer claims and dies before sending: nobody else takes the email during the lease…
    const orphan = await queue('orphan@example.com');
    const dying: MailTransport = { name: 'smtp', send: () => new Promise(() => {}) };
    void deliver(dying, { leaseMs: 1_000 });
    await expect.poll(async () => (await row(orphan)).claimed_until !== null).toBe(true);
    await deliver(slow);
    expect(sent).not.toContain(orphan);
    // …and after it, the next one sends it.
    await sql`update email_outbox set claimed_until = now() - interval '1 second' where id = ${orphan}`.execute(ownerDb());
    await deliver(slow);
    expect(sent).toContain(orphan);
    expect((await row(orphan)).status).toBe('sent');
  });

  it('the dev inbox writes each email to a file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'inbox-'));
    const id = await queue('inbox@example.com', 'Reset your password');
    await deliver(devInboxTransport(dir));
    const file = readdirSync(dir).find((f) => f.endsWith(`${id}.txt`))!;
    expect(readFileSync(path.join(dir, file), 'utf8')).toContain('To: inbox@example.com\nSubject: Reset your password');
  });
});

// A child process starting tsx takes seconds on a busy machine: these tests get a minute.
describe('the mailer process', { timeout: 90_000 }, () => {
  const run = (env: Record<string, string>) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/mailer.ts'], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', DATABASE_URL: process.env.DATABASE_URL!, APP_DB_PASSWORD: process.env.APP_DB_PASSWORD ?? 'cdp-app-local-only', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    return { child, output: () => out, exited };
  };

  it('delivers through SMTP as its own process, logs JSON lines with its role, and stops on SIGTERM', async () => {
    const id = await queue('process@example.com', 'From the mailer process');
    // Scoped to this test's community: in a full run the shared database holds other files' mail, which is not ours to send.
    const p = run({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}?ignoreTLS=true`, MAILER_TENANT_IDS: tenant.id });
    await expect.poll(async () => (await row(id)).status, { timeout: 60_000 }).toBe('sent');
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    const lines = p.output().trim().split('\n');
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ role: 'mailer' });
    expect(lines.map((l) => JSON.parse(l).msg)).toContain('ready: mail delivery started');
    expect(p.output()).not.toContain(process.env.DATABASE_URL!.replace(/^postgres:\/\/[^@]*@/, ''));
  });

  it('a malformed MAILER_TENANT_IDS stops it with the usual configuration error', async () => {
    const p = run({ MAILER_TENANT_IDS: 'alpha,beta' });
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain('MAILER_TENANT_IDS: MAILER_TENANT_IDS must be tenant ids (uuids), comma-separated');
  });

  it('a bad LOG_LEVEL stops it with the usual configuration error', async () => {
    const p = run({ LOG_LEVEL: 'loud' });
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain('Invalid configuration:\n  LOG_LEVEL: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent');
  });
});
