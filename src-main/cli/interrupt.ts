/**
 * Ctrl-C for a command that drives durable work (caption, translate): everything is committed
 * before its side effect, so stopping loses nothing. The first Ctrl-C says how to go on (`message`),
 * closes the library cleanly, releases the runner lock and ends (130); a second ends at once.
 * `finish()`, in the command's `finally`, stops listening and closes and releases unless an
 * interrupt is already doing so.
 */
export function closeOnInterrupt(app: { close(): Promise<void> }, stderr: NodeJS.WritableStream, message: string): { holdLock(release: () => void): void; finish(): Promise<void> } {
  let release = (): void => undefined;
  let stopping = false;
  const onInterrupt = (): void => {
    if (stopping) process.exit(130);
    stopping = true;
    stderr.write(`\n${message}\n`);
    void app.close().finally(() => {
      release();
      process.exit(130);
    });
  };
  process.on('SIGINT', onInterrupt);
  return {
    holdLock: (r) => {
      release = r;
    },
    finish: async () => {
      process.off('SIGINT', onInterrupt);
      if (stopping) return;
      await app.close();
      release();
    },
  };
}
