/**
 * Holds this replica's latest preflight report and runs one preflight at a
 * time: a run asked for while one is in progress joins it. The report is in
 * memory only; with several replicas each reports what it saw itself (which
 * is the point: each replica needs the network paths and credentials).
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  PreflightCheck,
  PreflightReport,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { probeErrorOf } from '../domain/preflightFailures';
import { summarize } from '../domain/preflightKubernetes';

/** Runs the checks, reporting progress as it goes. */
export type PreflightRun = (
  onProgress: (
    checks: readonly PreflightCheck[],
    done: number,
    total: number,
  ) => void,
) => Promise<PreflightCheck[]>;

export class PreflightService {
  #report: PreflightReport = {
    state: 'never-run',
    summary: summarize([]),
    checks: [],
  };
  #running: Promise<PreflightReport> | undefined;
  readonly #run: PreflightRun;
  readonly #logger: LoggerService;
  readonly #now: () => Date;

  constructor(options: {
    run: PreflightRun;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.#run = options.run;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
  }

  /** The latest report: the one in progress (with the checks so far), else the last finished. */
  report(): PreflightReport {
    return this.#report;
  }

  /** Starts a run, or joins the one in progress; resolves to its finished report. */
  start(): { started: boolean; done: Promise<PreflightReport> } {
    if (this.#running) {
      return { started: false, done: this.#running };
    }
    const running = this.#execute();
    this.#running = running;
    running
      .finally(() => {
        if (this.#running === running) this.#running = undefined;
      })
      .catch(() => undefined);
    return { started: true, done: running };
  }

  async #execute(): Promise<PreflightReport> {
    const startedAt = this.#now().toISOString();
    const previous = this.#report;
    this.#report = {
      state: 'running',
      startedAt,
      progress: { done: 0, total: 0 },
      summary: summarize([]),
      checks: [],
    };
    let checks: PreflightCheck[];
    try {
      checks = await this.#run((sofar, done, total) => {
        this.#report = {
          state: 'running',
          startedAt,
          progress: { done, total },
          summary: summarize(sofar),
          checks: [...sofar],
        };
      });
    } catch (error) {
      // The run itself broke (not one probe: those become checks).
      const problem = probeErrorOf(error);
      this.#logger.warn(
        `Fleet Resilience preflight could not run: ${problem.message}`,
      );
      checks = [
        {
          id: 'preflight',
          title: 'Preflight runs',
          scope: {},
          status: 'fail',
          detail: `The preflight could not run: ${problem.message}`,
        },
      ];
    }
    const report: PreflightReport = {
      state: 'done',
      startedAt,
      finishedAt: this.#now().toISOString(),
      summary: summarize(checks),
      checks,
    };
    this.#report = report;
    const { summary } = report;
    this.#logger.info(
      `Fleet Resilience preflight: ${summary.pass} pass, ${
        summary.warn
      } warn, ${summary.fail} fail, ${summary.skipped} skipped${
        previous.state === 'never-run' ? ' (first run since start-up)' : ''
      }`,
    );
    return report;
  }
}
