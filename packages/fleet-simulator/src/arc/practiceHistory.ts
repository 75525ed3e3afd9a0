/**
 * Practice runs that ended before the simulation started, from the fleet
 * file (`zonalShift.practiceRunHistory`), so a fresh simulator already has
 * outcomes to show. They are plain history: no events, no cordons.
 */
import { PRACTICE_RUN_DURATION_MS, type ShiftRecord } from './records';
import { SCHEDULED_RUN_COMMENT } from './practiceSchedule';
import type { ArcState } from './state';
import type { ArcFleetView, ArcResourceSettings } from './types';

const DAY_MS = 24 * 3_600_000;
/** How long an ended run lasted: 30 minutes, or until its alarm ended it. */
const LASTED_MS = {
  SUCCEEDED: PRACTICE_RUN_DURATION_MS,
  FAILED: 12 * 60_000,
  INTERRUPTED: 5 * 60_000,
};

export function seedPracticeRunHistory(
  state: ArcState,
  fleet: ArcFleetView,
  settings: Map<string, ArcResourceSettings> | undefined,
  newId: () => string,
) {
  const now = state.now();
  for (const [arn, setting] of settings ?? []) {
    const resource = fleet.getResource(arn);
    const history = [...(setting.practiceRunHistory ?? [])].sort(
      (a, b) => b.daysAgo - a.daysAgo,
    );
    if (!resource || resource.zoneIds.length === 0) continue;
    history.forEach((entry, index) => {
      const startTime = now - entry.daysAgo * DAY_MS;
      const endTime = startTime + LASTED_MS[entry.outcome];
      const shift: ShiftRecord = {
        zonalShiftId: newId(),
        resourceIdentifier: arn,
        accountId: resource.accountId,
        region: resource.region,
        awayFrom: resource.zoneIds[index % resource.zoneIds.length],
        comment: SCHEDULED_RUN_COMMENT,
        shiftType: 'PRACTICE_RUN',
        startTime,
        expiryTime: startTime + PRACTICE_RUN_DURATION_MS,
        status: entry.outcome === 'SUCCEEDED' ? 'EXPIRED' : 'CANCELED',
        endTime,
        practiceRunOutcome: entry.outcome,
      };
      state.recordPastShift(shift);
    });
  }
}
