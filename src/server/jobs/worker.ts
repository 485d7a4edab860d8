import PgBoss from 'pg-boss';
import { runChainWork } from '../chain/chain-work';
import { runComplianceSweep } from '../compliance/sweep';
import { runEscrowSweep } from '../escrow/service';
import { runNewsletterSends } from '../newsletter/service';
import { runDueErasures } from '../privacy/service';
import { runQueuedExports } from '../tenant-data/service';

// Background jobs on pg-boss. pg-boss keeps its queues in its own schema (pgboss), which it
// creates and migrates, so it connects as the database owner, never as the app role. The
// job bodies are plain functions (runEscrowSweep) that reach tenant data through
// withTenant like any request; pg-boss only decides when and where they run (one active
// sweep at a time across every app instance: the queue's singleton policy).

export const ESCROW_SWEEP = 'escrow-sweep';
export const ESCROW_SWEEP_CRON = '* * * * *';
// Chain work (tenant contracts, deal sales, the transaction manager): a job every 2 seconds, one
// running and one waiting at most across every worker (the queue's stately policy).
export const CHAIN_WORK = 'chain-work';
const CHAIN_WORK_EVERY_MS = 2_000;
/** 227.304(c) reconfirmations past their five business days, 230.503 Form D overdue notices. */
export const COMPLIANCE_SWEEP = 'compliance-sweep';
export const COMPLIANCE_SWEEP_CRON = '*/5 * * * *';

/** Tenant exports queued by the platform operator and members' erasures whose delay has passed. */
export const TENANT_DATA = 'tenant-data';
const TENANT_DATA_EVERY_MS = 5_000;

/** Newsletter campaigns whose due time has come: queued to the mail outbox in batches, once. */
export const NEWSLETTER_SENDS = 'newsletter-sends';
const NEWSLETTER_SENDS_EVERY_MS = 2_000;

export type JobWorker = { stop: () => Promise<void> };

export async function startJobWorker(opts: { connectionString: string; log: (m: string) => void }): Promise<JobWorker> {
  const boss = new PgBoss({ connectionString: opts.connectionString, schema: 'pgboss', max: 3, application_name: 'cdp-jobs' });
  boss.on('error', (e) => opts.log(`[jobs] ${e.message}`));
  await boss.start();
  await boss.createQueue(ESCROW_SWEEP, { name: ESCROW_SWEEP, policy: 'singleton', retryLimit: 2, expireInMinutes: 10 });
  await boss.schedule(ESCROW_SWEEP, ESCROW_SWEEP_CRON, {}, { tz: 'UTC' });
  await boss.work(ESCROW_SWEEP, { pollingIntervalSeconds: 5 }, async () => {
    const r = await runEscrowSweep({ now: new Date() });
    if (r.opened || r.timedOut || r.closed || r.alerted || r.failures.length)
      opts.log(`[jobs] escrow sweep: ${r.opened} opened, ${r.timedOut} refunded by timeout, ${r.closed} closed, ${r.alerted} alerted, ${r.failures.length} tenant failures`);
    if (r.failures.length) throw new Error(`escrow sweep failed for ${r.failures.map((f) => `${f.tenantId}: ${f.error}`).join('; ')}`);
  });
  await boss.createQueue(CHAIN_WORK, { name: CHAIN_WORK, policy: 'stately', retryLimit: 0, expireInMinutes: 15 });
  await boss.work(CHAIN_WORK, { pollingIntervalSeconds: 1 }, async () => runChainWork((m) => opts.log(`[jobs] ${m}`)));
  const tick = setInterval(() => void boss.send(CHAIN_WORK, {}, { singletonKey: 'chain-work' }).catch(() => {}), CHAIN_WORK_EVERY_MS);
  tick.unref();
  void boss.send(CHAIN_WORK, {}, { singletonKey: 'chain-work' }).catch(() => {});
  await boss.createQueue(COMPLIANCE_SWEEP, { name: COMPLIANCE_SWEEP, policy: 'singleton', retryLimit: 2, expireInMinutes: 10 });
  await boss.schedule(COMPLIANCE_SWEEP, COMPLIANCE_SWEEP_CRON, {}, { tz: 'UTC' });
  await boss.work(COMPLIANCE_SWEEP, { pollingIntervalSeconds: 5 }, async () => {
    const r = await runComplianceSweep({ now: new Date() });
    if (r.reconfirmationsCancelled || r.formDNotices || r.failures.length)
      opts.log(`[jobs] compliance sweep: ${r.reconfirmationsCancelled} commitments cancelled (not reconfirmed), ${r.formDNotices} Form D overdue notices, ${r.failures.length} tenant failures`);
    if (r.failures.length) throw new Error(`compliance sweep failed for ${r.failures.map((f) => `${f.tenantId}: ${f.error}`).join('; ')}`);
  });
  await boss.createQueue(TENANT_DATA, { name: TENANT_DATA, policy: 'stately', retryLimit: 0, expireInMinutes: 120 });
  await boss.work(TENANT_DATA, { pollingIntervalSeconds: 2 }, async () => {
    const log = (m: string) => opts.log(`[jobs] ${m}`);
    await runQueuedExports(log);
    await runDueErasures(new Date(), log);
  });
  await boss.createQueue(NEWSLETTER_SENDS, { name: NEWSLETTER_SENDS, policy: 'stately', retryLimit: 0, expireInMinutes: 30 });
  await boss.work(NEWSLETTER_SENDS, { pollingIntervalSeconds: 1 }, async () => {
    const r = await runNewsletterSends();
    if (r.queued || r.failures.length) opts.log(`[jobs] newsletters: ${r.queued} emails queued, ${r.campaigns} campaigns finished, ${r.failures.length} tenant failures`);
    if (r.failures.length) throw new Error(`newsletter sends failed for ${r.failures.map((f) => `${f.tenantId}: ${f.error}`).join('; ')}`);
  });
  const newsletterTick = setInterval(() => void boss.send(NEWSLETTER_SENDS, {}, { singletonKey: NEWSLETTER_SENDS }).catch(() => {}), NEWSLETTER_SENDS_EVERY_MS);
  newsletterTick.unref();
  const dataTick = setInterval(() => void boss.send(TENANT_DATA, {}, { singletonKey: TENANT_DATA }).catch(() => {}), TENANT_DATA_EVERY_MS);
  return {
    // Graceful: a running sweep gets a few seconds to commit, then pg-boss closes its pool.
    stop: () => {
      clearInterval(tick);
      clearInterval(dataTick);
      clearInterval(newsletterTick);
      return boss.stop({ graceful: true, timeout: 4000, wait: true });
    },
  };
}
