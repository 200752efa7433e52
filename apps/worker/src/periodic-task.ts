/**
 * Runs `run` every `intervalMs`, one run at a time; a run that returns true (more work waiting) is followed at
 * once by the next. `stop()` waits for the run in progress, so shutdown never cuts one in half.
 */
export class PeriodicTask {
  private stopped = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly intervalMs: number,
    private readonly run: () => Promise<boolean>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.loop ??= this.runLoop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  private async runLoop(): Promise<void> {
    while (!this.stopped) {
      let more = false;
      try {
        more = await this.run();
      } catch (error) {
        this.onError(error);
      }
      if (!more && !this.stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.intervalMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }
}
