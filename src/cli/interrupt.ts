// SIGINT / SIGTERM during a measurement: stop after cleanup, keep what was measured, exit 130 / 143.
export async function untilInterrupted<T>(log: (line: string) => void, work: (signal: AbortSignal) => Promise<T>): Promise<{ value: T; signalExit: number }> {
  const controller = new AbortController();
  let signalExit = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) return;
    signalExit = signal === 'SIGINT' ? 130 : 143;
    log(`\n${signal}: stopping after cleanup; finished samples are kept`);
    controller.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const value = await work(controller.signal);
    return { value, signalExit };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
