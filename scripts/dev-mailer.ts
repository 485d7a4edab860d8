import type { Kysely } from 'kysely';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../src/server/db/types';
import { claimPendingEmails, markEmail } from '../src/server/notifications/repo';

/**
 * The local mail adapter (dev inbox): delivers queued mail into DATA_DIR/mail/*.txt and
 * prints it, so a newcomer can read verification and reset codes without a mail server.
 */
export function startDevMailer(db: Kysely<Database>, say: (m: string) => void): () => void {
  const dir = path.resolve(process.env.DATA_DIR ?? './data', 'mail');
  mkdirSync(dir, { recursive: true });
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      for (const m of await claimPendingEmails(db, 20)) {
        const text = `To: ${m.to_address}\nSubject: ${m.subject}\nDate: ${m.created_at.toISOString()}\n\n${m.body_text}\n`;
        writeFileSync(path.join(dir, `${m.created_at.toISOString().replace(/[:.]/g, '-')}-${m.id}.txt`), text);
        say(`[dev inbox] ${m.to_address}: ${m.subject}\n${m.body_text.replace(/^/gm, '    ')}`);
        await markEmail(db, m.tenant_id, m.id, { sent: true });
      }
    } catch {
      // The database may be restarting; the next tick retries.
    } finally {
      busy = false;
    }
  }, 1500);
  timer.unref();
  return () => clearInterval(timer);
}
