/**
 * A cluster's active pods folded page by page as the list arrives: what
 * capacity needs (requests per node, phase counts) and what the readiness
 * facts need (per-workload counts), so a read keeps no pod past its page.
 */
import {
  addPodRequests,
  emptyPodRequestSums,
  type PodRequestSums,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { InventoryProblem } from '../sources/types';
import { capacityPodFrom } from './podRequests';
import { WorkloadPodTally } from './readinessFacts';

export class PodPageFold {
  /** Requests per node name; nodes are matched to AZs when capacity is computed. */
  readonly requests: PodRequestSums = emptyPodRequestSums();
  /** Per-workload counts; ready pods per node name until the nodes are known. */
  readonly workloads = new WorkloadPodTally();
  /** Pods that do not validate: left out of the sums, as before of the list. */
  readonly problems: InventoryProblem[] = [];

  /** Folds one page; the page can be dropped afterwards. */
  add(page: readonly unknown[]): void {
    for (const pod of page) {
      const result = capacityPodFrom(pod);
      if (result.ok) addPodRequests(this.requests, result.value);
      else this.problems.push(result.problem);
      // The readiness facts count what they can read of any pod, as before.
      this.workloads.add(pod);
    }
  }
}
