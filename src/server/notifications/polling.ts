// The delivery loops' timer: one round every `intervalMs`, never two at once; a failed round
// is reported and the next one tries again; stop() waits for the round in flight.

export type PollingLoop = { stop: () => Promise<void> };

export function startPolling(round: () => Promise<void>, opts: { intervalMs: number; onError: (e: unknown) => void; onStop?: () => void }): PollingLoop {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = round()
      .catch(opts.onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, opts.intervalMs);
  timer.unref();
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      opts.onStop?.();
    },
  };
}
