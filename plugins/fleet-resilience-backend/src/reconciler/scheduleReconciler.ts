/**
 * The reconciler as one global scheduled task, so exactly one replica holds
 * it fleet-wide on a shared database.
 *
 * The Backstage scheduler (backend-defaults) checks for due work every 5 s, or
 * at the task's own frequency when that is shorter; a run is locked in the
 * database until it returns or its timeout passes (the janitor clears expired
 * locks once a minute). So the task is due every second and each run *holds*
 * the reconciler, polling ARC every few seconds, for half its timeout, then
 * returns: the lock is released and claimed again (by this replica or
 * another) within about a second. If the holder dies, its lock expires with
 * the timeout and another replica takes over then (plus up to the janitor's
 * minute). A graceful stop aborts the run, which releases the lock at once.
 */
import type { SchedulerService } from '@backstage/backend-plugin-api';
import type { Reconciler } from './Reconciler';

export const RECONCILE_TASK_ID = 'fleet-resilience:reconcile';

export async function scheduleReconciler(options: {
  scheduler: SchedulerService;
  reconciler: Pick<Reconciler, 'run'>;
  leaseMs: number;
}): Promise<void> {
  const { scheduler, reconciler, leaseMs } = options;
  await scheduler.scheduleTask({
    id: RECONCILE_TASK_ID,
    scope: 'global',
    frequency: { seconds: 1 },
    timeout: { milliseconds: leaseMs },
    fn: signal => reconciler.run(signal, holdDurationMs(leaseMs)),
  });
}

/** How long one run holds the reconciler: half the lease, leaving room for passes under way. */
export function holdDurationMs(leaseMs: number): number {
  return Math.floor(leaseMs / 2);
}
