/**
 * A sleep that ends early on `wake()` (a kick or an ARC event for the holder)
 * or when its signal aborts. One sleeper at a time: `wake` ends the latest.
 */
export class WakeableSleep {
  #wake?: () => void;

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise(resolve => {
      let timer: ReturnType<typeof setTimeout> | undefined = undefined;
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        if (this.#wake === done) this.#wake = undefined;
        resolve();
      };
      timer = setTimeout(done, Math.max(0, ms));
      signal.addEventListener('abort', done);
      this.#wake = done;
    });
  }

  /** Ends the sleep under way, if any. */
  wake(): void {
    this.#wake?.();
  }

  /** Forgets the sleep under way (the run that slept is over). */
  reset(): void {
    this.#wake = undefined;
  }
}
