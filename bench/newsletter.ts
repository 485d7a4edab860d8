// Newsletter campaign send to N confirmed subscribers (issue 20), in one run:
//   npx tsx bench/newsletter.ts [subscribers=100000] [delivered=10000]
// enqueue: the sending job (runNewsletterSends: the campaign drawn once in the tenant's layout, then
//   batches of INSERT ... SELECT into newsletter_sends and email_outbox, every recipient's click and
//   unsubscribe links signed in SQL) against the ceiling of a bare INSERT ... SELECT of the same
//   rows into email_outbox (same subject, text and HTML, unpersonalised, no sends rows), as a ratio;
// delivery: the mail delivery loop (deliverPending, batches of 500 claimed with a lease) writing to
//   the dev inbox (DATA_DIR/mail), mails per second over the first `delivered` mails (the full
//   100,000 would write ~1 GB of files on a shared disk).
// Its own embedded PostgreSQL on 127.0.0.1:3291 and data folder data/bench-newsletter.
import os from 'node:os';
import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startBenchDatabase } from './lib/embedded-bench';

const N = Number(process.argv[2] ?? 100_000);
const DELIVER = Number(process.argv[3] ?? 10_000);
const { dataDir, embedded } = await startBenchDatabase('bench-newsletter', 3291, 'bench_newsletter');
const { closePools, ownerDb } = await import('../src/server/db/pool');
const { createTenant } = await import('../src/server/platform/tenants');
const { runNewsletterSends } = await import('../src/server/newsletter/service');
const { deliverPending } = await import('../src/server/notifications/delivery');
const { devInboxTransport } = await import('../src/server/notifications/transports');

const say = (m: string) => console.log(`[bench] ${m}`);
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const BODY = `Hello **readers**,\n\nThis month: [three new deals](https://alpha.example/deals), [the solar farm update](https://alpha.example/deals/solar), and [our community call](https://alpha.example/events/june).\n\n- one\n- two\n- three\n\n${'A paragraph of news that makes the mail the size of a real newsletter. '.repeat(20)}`;

try {
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
  const { id: tenantId, adminId } = await createTenant({ adminId: null }, { name: 'Newsletter bench', slug: 'newsletter-bench', admin: { email: 'admin@newsletter-bench.example', password: 'Quiet-Harbor-Ledger-2026', firstName: 'Ada', lastName: 'Admin' } });
  const owner = new pg.Client({ connectionString: embedded.url });
  owner.on('error', () => {});
  await owner.connect();
  await owner.query(
    `insert into newsletter_subscribers (tenant_id, id, email, status, source, confirmed_at)
     select $1, gen_random_uuid(), 'reader' || g || '@bench.example', 'confirmed', 'form', now() from generate_series(1, $2) g`,
    [tenantId, N],
  );
  await owner.query('vacuum analyze');

  // The campaign as the sending job finds it: due now.
  const campaignId = (
    await owner.query<{ id: string }>(
      `insert into newsletter_campaigns (tenant_id, id, subject, body_markdown, segment, status, scheduled_at, created_by, updated_by)
       values ($1, gen_random_uuid(), 'June letter', $2, 'all', 'scheduled', now(), $3, $3) returning id`,
      [tenantId, BODY, adminId],
    )
  ).rows[0]!.id;

  let t0 = process.hrtime.bigint();
  const sent = await runNewsletterSends({ tenantIds: [tenantId] });
  const oursMs = ms(t0);
  if (sent.queued !== N || sent.failures.length) throw new Error(`queued ${sent.queued} of ${N}: ${JSON.stringify(sent.failures)}`);
  const frozen = (await owner.query('select rendered_subject, rendered_html, rendered_text from newsletter_campaigns where tenant_id = $1 and id = $2', [tenantId, campaignId])).rows[0];

  // Ceiling: the same rows with the same (unpersonalised) parts, one bare INSERT ... SELECT.
  t0 = process.hrtime.bigint();
  await owner.query(
    `insert into email_outbox (tenant_id, id, to_address, template, subject, body_text, body_html)
     select s.tenant_id, gen_random_uuid(), s.email, 'bench-bare', $2, $3, $4 from newsletter_subscribers s where s.tenant_id = $1 and s.status = 'confirmed'`,
    [tenantId, frozen.rendered_subject, frozen.rendered_text, frozen.rendered_html],
  );
  const bareMs = ms(t0);
  await owner.query(`delete from email_outbox where tenant_id = $1 and template = 'bench-bare'`, [tenantId]);

  // Delivery to the dev inbox.
  const transport = devInboxTransport(path.join(dataDir, 'mail'));
  let delivered = 0;
  t0 = process.hrtime.bigint();
  while (delivered < DELIVER) {
    const r = await deliverPending({ db: ownerDb(), transport, mailFrom: 'News <news@bench.example>', batch: Math.min(500, DELIVER - delivered), tenantIds: [tenantId] });
    if (r.sent === 0) break;
    delivered += r.sent;
  }
  const deliverMs = ms(t0);
  const check = await owner.query(`select count(*)::int as n from email_outbox where tenant_id = $1 and template = 'newsletter' and status = 'sent'`, [tenantId]);

  say(`load average before the run: ${load}; after: ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
  say(`subscribers: ${N}`);
  say(`bare INSERT ... SELECT of ${N} mails: ${bareMs.toFixed(0)} ms (${Math.round((N / bareMs) * 1000)} mails/s)`);
  say(`campaign enqueue (render once, ${Math.ceil(N / 10_000)} batches, links signed per recipient): ${oursMs.toFixed(0)} ms (${Math.round((N / oursMs) * 1000)} mails/s)`);
  say(`enqueue against bare: ${((bareMs / oursMs) * 100).toFixed(1)}% of the bare throughput (time ratio ${(oursMs / bareMs).toFixed(2)}x)`);
  say(`delivered to the dev inbox: ${delivered} mails in ${deliverMs.toFixed(0)} ms = ${Math.round((delivered / deliverMs) * 1000)} mails/s (outbox says ${check.rows[0].n} sent)`);
  await owner.end();
} finally {
  await closePools().catch(() => {});
  await embedded.stop();
  rmSync(path.join(dataDir, 'mail'), { recursive: true, force: true });
}
