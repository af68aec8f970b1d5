// Coalesces concurrent durable writes: requests that arrive while a write is running share the next one.
// A caller's promise resolves only after a write that started after its request has finished,
// so nothing is acknowledged before it is on disk, and N concurrent commits cost about two writes.
export type GroupCommit = { request(): Promise<void>; idle(): Promise<void> };

export function groupCommit(write: () => Promise<void>): GroupCommit {
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;

  const start = (): Promise<void> => {
    const p = write().finally(() => {
      if (running === p) running = null;
    });
    running = p;
    return p;
  };

  return {
    request() {
      if (!running) return start();
      if (!queued) {
        queued = running
          .catch(() => undefined)
          .then(() => {
            queued = null;
            return start();
          });
      }
      return queued;
    },
    async idle() {
      while (running || queued) await (queued ?? running)?.catch(() => undefined);
    },
  };
}
