// The job worker process: scheduled and queued background work on pg-boss (escrow deadlines,
// timeout refunds, chain deployments and transactions). Several may run: pg-boss hands each
// job to one of them, and singleton queues run one at a time across all.
// Usage: node --import tsx scripts/worker.ts   (the Docker image: `docker run <image> worker`)
import { ownerDatabaseUrl } from '../src/server/db/urls';
import { closePools } from '../src/server/db/pool';
import { startJobWorker } from '../src/server/jobs/worker';
import { heartbeat, onStopSignal, startRole } from './process-role';

const { config, log } = startRole('worker');
const jobs = await startJobWorker({ connectionString: ownerDatabaseUrl(config), log: (m) => log.info(m) });
log.info('ready: job worker started');
// pg-boss polls on its own timers; the heartbeat says this process's event loop is turning.
const beat = heartbeat('worker');
setInterval(beat, 15_000).unref();
onStopSignal(log, async () => {
  await jobs.stop();
  await closePools();
});
