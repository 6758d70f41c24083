// How many streamed exports this process is sending. Each holds an export connection and a snapshot
// for as long as its client reads, so past the cap a request is refused at once (503 BUSY) rather than
// queued behind downloads of unknown length. Kept on globalThis so dev reloads share the count.
const globalForStreams = globalThis as unknown as { preflabExportStreams?: { sending: number } };

/** A slot if fewer than `max` are taken: the function that gives it back (once, however often called); else null. */
export function takeStreamSlot(max: number): (() => void) | null {
  const streams = (globalForStreams.preflabExportStreams ??= { sending: 0 });
  if (streams.sending >= max) return null;
  streams.sending++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    streams.sending--;
  };
}

export function streamsSending(): number {
  return globalForStreams.preflabExportStreams?.sending ?? 0;
}
