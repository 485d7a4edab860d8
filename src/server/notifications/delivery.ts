import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { claimPendingEmails, markEmail, tenantNames, type DeliveryOutcome } from './repo';
import { startPolling, type PollingLoop } from './polling';
import { SendFailure, type MailTransport } from './transports';

// Sends what the outbox holds. Mail is queued in the same transaction as the change that
// causes it (notifications/email.ts); this loop is the only thing that sends it, from the
// mailer process (scripts/mailer.ts) or, locally, inside npm start.

/** Attempts before an email is given up and marked failed (it stays visible in the outbox). */
export const MAX_ATTEMPTS = 6;

/** 1, 2, 4, 8, 16 minutes… capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** "Name <address>" from MAIL_FROM, with the community's name in front. */
export function fromHeader(mailFrom: string, tenantName: string | undefined): string {
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  if (!tenantName) return mailFrom;
  const name = tenantName.replace(/["\\\r\n]/g, '');
  return `"${name}" <${address}>`;
}

export type DeliveryReport = { sent: number; retried: number; failed: number };

export type DeliveryOptions = { db: Kysely<Database>; transport: MailTransport; mailFrom: string; batch?: number; leaseMs?: number; tenantIds?: string[]; now?: () => Date };

export async function deliverPending(opts: DeliveryOptions): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const now = opts.now ?? (() => new Date());
  const claimed = await claimPendingEmails(opts.db, opts.batch ?? 20, opts.leaseMs, opts.tenantIds);
  const names = await tenantNames(opts.db, claimed.map((m) => m.tenant_id));
  for (const m of claimed) {
    let outcome: DeliveryOutcome;
    try {
      const r = await opts.transport.send({ id: m.id, from: fromHeader(opts.mailFrom, names.get(m.tenant_id)), to: m.to_address, subject: m.subject, text: m.body_text, html: m.body_html ?? undefined, headers: m.headers });
      outcome = { sent: true, providerMessageId: r.providerMessageId };
      report.sent++;
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const permanent = e instanceof SendFailure && e.permanent;
      if (permanent || m.attempts >= MAX_ATTEMPTS) {
        outcome = { sent: false, error, final: true };
        report.failed++;
      } else {
        outcome = { sent: false, error, final: false, retryAt: new Date(now().getTime() + retryDelayMs(m.attempts)) };
        report.retried++;
      }
    }
    await markEmail(opts.db, m.tenant_id, m.id, outcome, opts.transport.name);
  }
  return report;
}

export type MailDelivery = PollingLoop;

/** Polls the outbox every `intervalMs`; stop() waits for the batch in flight. */
export function startMailDelivery(opts: DeliveryOptions & { intervalMs?: number; onRound?: () => void; log: (level: 'info' | 'warn', msg: string, fields?: Record<string, unknown>) => void }): MailDelivery {
  return startPolling(
    async () => {
      const r = await deliverPending(opts);
      opts.onRound?.();
      if (r.sent || r.retried || r.failed) opts.log(r.failed || r.retried ? 'warn' : 'info', 'mail delivered', { transport: opts.transport.name, ...r });
    },
    {
      intervalMs: opts.intervalMs ?? 1500,
      onError: (e) => opts.log('warn', 'mail delivery paused: the database is unreachable', { error: e instanceof Error ? e.message : String(e) }),
      onStop: () => opts.transport.close?.(),
    },
  );
}
