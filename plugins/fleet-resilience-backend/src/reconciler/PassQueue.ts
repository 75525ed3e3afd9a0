/**
 * The reconciler's queue of cluster passes: at most `concurrency` at once and
 * one at a time per cluster, kicked clusters first. A cluster looked at again
 * while its pass runs is looked at again (`reevaluate`) once that pass ends.
 */
export class PassQueue {
  readonly #concurrency: number;
  readonly #pass: (arn: string) => Promise<void>;
  readonly #reevaluate: (arn: string, kicked: boolean) => void;
  readonly #queue: string[] = [];
  readonly #queued = new Set<string>();
  readonly #rerunKicked = new Set<string>();
  readonly #running = new Map<string, Promise<void>>();
  readonly #rerun = new Set<string>();
  readonly #idleWaiters: Array<() => void> = [];

  constructor(options: {
    concurrency: number;
    pass: (arn: string) => Promise<void>;
    reevaluate: (arn: string, kicked: boolean) => void;
  }) {
    this.#concurrency = options.concurrency;
    this.#pass = options.pass;
    this.#reevaluate = options.reevaluate;
  }

  /**
   * True when the cluster's pass is under way: it is then looked at again
   * once the pass ends (as kicked if any of the looks was).
   */
  deferIfRunning(arn: string, kicked: boolean): boolean {
    if (!this.#running.has(arn)) return false;
    this.#rerun.add(arn);
    if (kicked) this.#rerunKicked.add(arn);
    return true;
  }

  /** Queues a pass: a kicked cluster goes first, another keeps its place. */
  enqueue(arn: string, kicked: boolean): void {
    if (kicked) {
      const at = this.#queue.indexOf(arn);
      if (at >= 0) this.#queue.splice(at, 1);
      this.#queue.unshift(arn);
      this.#queued.add(arn);
    } else if (!this.#queued.has(arn)) {
      this.#queue.push(arn);
      this.#queued.add(arn);
    }
    this.#pump();
  }

  /** The passes under way. */
  running(): Array<Promise<void>> {
    return [...this.#running.values()];
  }

  /** Resolves once no pass is queued or running. */
  whenIdle(): Promise<void> {
    if (this.#queue.length === 0 && this.#running.size === 0) {
      return Promise.resolve();
    }
    return new Promise(resolve => this.#idleWaiters.push(resolve));
  }

  /** Forgets what is queued (the passes under way run to their end). */
  clear(): void {
    this.#queue.length = 0;
    this.#queued.clear();
    this.#rerunKicked.clear();
    this.#rerun.clear();
  }

  #pump(): void {
    while (this.#running.size < this.#concurrency && this.#queue.length > 0) {
      const arn = this.#queue.shift()!;
      this.#queued.delete(arn);
      const job = this.#pass(arn).finally(() => {
        this.#running.delete(arn);
        if (this.#rerun.delete(arn)) {
          this.#reevaluate(arn, this.#rerunKicked.delete(arn));
        }
        this.#pump();
        if (this.#queue.length === 0 && this.#running.size === 0) {
          this.#idleWaiters.splice(0).forEach(resolve => resolve());
        }
      });
      this.#running.set(arn, job);
    }
  }
}
