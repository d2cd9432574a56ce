// The loop behind every background worker that drains a table in batches (the NATS relay, the webhook
// dispatcher): one batch at a time; again at once when the worker says more is waiting, otherwise
// after the pause it names; `stop()` wakes a sleeping loop and waits for the batch in flight.
export class PollingLoop {
  private stoppingFlag = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;

  /** `tick` runs one batch and answers how long to wait before the next (0: at once); it must not throw. */
  constructor(private readonly tick: () => Promise<number>) {}

  get stopping(): boolean {
    return this.stoppingFlag;
  }

  start(): void {
    if (this.loop) return;
    this.stoppingFlag = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stoppingFlag = true;
    this.wakeUp?.();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    while (!this.stoppingFlag) {
      const delay = await this.tick();
      if (this.stoppingFlag) break;
      if (delay > 0) await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
