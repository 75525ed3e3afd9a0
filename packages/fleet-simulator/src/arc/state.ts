import type { CallerScope } from '../aws/common/caller';
import type { SimClock } from '../clock';
import {
  emitArcEvents,
  END_EVENT,
  START_EVENT,
  targetOf,
  type EventTarget,
} from './eventBridge';
import {
  PRECEDENCE,
  type AppliedShift,
  type AutoshiftRecord,
  type ResourceArcConfig,
  type ShiftRecord,
} from './records';
import type {
  ArcEvent,
  ArcEventDetailType,
  ArcFleetView,
  ArcManagedResource,
  ArcResourceSettings,
} from './types';

export interface ArcStateOptions {
  clock: SimClock;
  fleet: ArcFleetView;
  settings?: Map<string, ArcResourceSettings>;
  emit: (event: ArcEvent) => void;
}

/**
 * Every shift, autoshift and per-resource configuration ARC holds, and the
 * transitions between them. Callers validate first and mutate only through
 * these methods, so a refused request never leaves a partial change; each
 * transition emits its event and tells the fleet when the applied zone moves.
 */
export class ArcState {
  private readonly shifts: ShiftRecord[] = [];
  private readonly shiftsById = new Map<string, ShiftRecord>();
  private readonly active = new Set<ShiftRecord>();
  private readonly autoshifts: AutoshiftRecord[] = [];
  private readonly configs = new Map<string, ResourceArcConfig>();
  /** The away zone last reported to the fleet, per ARN. */
  private readonly reported = new Map<string, string | undefined>();
  private autoshiftSeq = 0;

  constructor(private readonly options: ArcStateOptions) {
    for (const [arn, settings] of options.settings ?? []) {
      this.configs.set(arn, {
        zonalAutoshiftStatus: settings.zonalAutoshiftStatus ?? 'DISABLED',
        ...(settings.practiceRunConfiguration
          ? { practiceRunConfiguration: settings.practiceRunConfiguration }
          : {}),
      });
    }
  }

  now(): number {
    return this.options.clock.now();
  }

  /** EKS registers a cluster with ARC only while zonal shift is enabled on it. */
  registered(arn: string): ArcManagedResource | undefined {
    const resource = this.options.fleet.getResource(arn);
    return resource?.zonalShiftEnabled ? resource : undefined;
  }

  registeredIn(scope: CallerScope): ArcManagedResource[] {
    return this.options.fleet
      .listResources()
      .filter(resource => resource.zonalShiftEnabled && scope.holds(resource));
  }

  /** The accounts a caller can act in, in fleet order. */
  accountIds(): string[] {
    const { fleet } = this.options;
    return (
      fleet.accountIds?.() ?? [
        ...new Set(fleet.listResources().map(resource => resource.accountId)),
      ]
    );
  }

  /** Every resource's configuration, by ARN. */
  configEntries(): Array<[string, ResourceArcConfig]> {
    return [...this.configs];
  }

  registeredInZone(zoneId: string): ArcManagedResource[] {
    return this.options.fleet
      .listResources()
      .filter(
        resource =>
          resource.zonalShiftEnabled && resource.zoneIds.includes(zoneId),
      );
  }

  config(arn: string): ResourceArcConfig {
    return this.configs.get(arn) ?? { zonalAutoshiftStatus: 'DISABLED' };
  }

  setConfig(arn: string, config: ResourceArcConfig) {
    this.configs.set(arn, config);
  }

  shift(zonalShiftId: string): ShiftRecord | undefined {
    return this.shiftsById.get(zonalShiftId);
  }

  /** Every shift ever started, oldest first (history included). */
  allShifts(): readonly ShiftRecord[] {
    return this.shifts;
  }

  allAutoshifts(): readonly AutoshiftRecord[] {
    return this.autoshifts;
  }

  allActiveShifts(): ShiftRecord[] {
    return [...this.active];
  }

  activeShifts(arn: string): ShiftRecord[] {
    return [...this.active].filter(shift => shift.resourceIdentifier === arn);
  }

  activeAutoshifts(arn: string): AutoshiftRecord[] {
    return this.autoshifts.filter(
      a => a.status === 'ACTIVE' && a.resources.has(arn),
    );
  }

  activeAutoshiftAwayFrom(zoneId: string): AutoshiftRecord | undefined {
    return this.autoshifts.find(
      a => a.status === 'ACTIVE' && a.awayFrom === zoneId,
    );
  }

  /** The one shift in effect: highest precedence, then the earliest started. */
  applied(arn: string): AppliedShift | undefined {
    const candidates: Array<{
      rank: number;
      start: number;
      applied: AppliedShift;
    }> = [
      ...this.activeShifts(arn).map(shift => ({
        rank: PRECEDENCE[shift.shiftType],
        start: shift.startTime,
        applied: { kind: 'shift' as const, shift },
      })),
      ...this.activeAutoshifts(arn).map(autoshift => ({
        rank: PRECEDENCE.ZONAL_AUTOSHIFT,
        start: autoshift.startTime,
        applied: { kind: 'autoshift' as const, autoshift },
      })),
    ];
    candidates.sort((a, b) => b.rank - a.rank || a.start - b.start);
    return candidates[0]?.applied;
  }

  /**
   * An active shift or autoshift on the resource that a new shift of
   * precedence `rank` cannot start against (AWS: it "fails to start").
   */
  blocker(arn: string, rank: number): AppliedShift | undefined {
    const shift = this.activeShifts(arn).find(
      s => PRECEDENCE[s.shiftType] >= rank,
    );
    if (shift) return { kind: 'shift', shift };
    const autoshift = this.activeAutoshifts(arn)[0];
    if (autoshift && PRECEDENCE.ZONAL_AUTOSHIFT >= rank)
      return { kind: 'autoshift', autoshift };
    return undefined;
  }

  appliedAwayFrom(arn: string): string | undefined {
    const applied = this.applied(arn);
    if (!applied) return undefined;
    return applied.kind === 'shift'
      ? applied.shift.awayFrom
      : applied.autoshift.awayFrom;
  }

  /** Ends every shift whose expiry time has passed, in time order. */
  settle() {
    const now = this.now();
    const due = [...this.active]
      .filter(shift => shift.expiryTime <= now)
      .sort((a, b) => a.expiryTime - b.expiryTime);
    for (const shift of due) this.end(shift, 'EXPIRED', shift.expiryTime);
    for (const shift of due) this.report(shift.resourceIdentifier);
  }

  /** Starts a shift of `resource`, in its account and region, from now. */
  startShift(
    resource: ArcManagedResource,
    fields: Pick<
      ShiftRecord,
      'zonalShiftId' | 'awayFrom' | 'comment' | 'shiftType' | 'expiryTime'
    >,
  ): ShiftRecord {
    const shift: ShiftRecord = {
      ...fields,
      resourceIdentifier: resource.arn,
      accountId: resource.accountId,
      region: resource.region,
      startTime: this.now(),
      status: 'ACTIVE',
      ...(fields.shiftType === 'PRACTICE_RUN'
        ? { practiceRunOutcome: 'PENDING' as const }
        : {}),
    };
    this.preemptBelow(shift.resourceIdentifier, PRECEDENCE[shift.shiftType]);
    this.shifts.push(shift);
    this.shiftsById.set(shift.zonalShiftId, shift);
    this.active.add(shift);
    this.emit(
      START_EVENT[shift.shiftType],
      [shift],
      shift.awayFrom,
      shift.comment,
      shift.startTime,
    );
    this.report(shift.resourceIdentifier);
    return shift;
  }

  updateShift(
    shift: ShiftRecord,
    changes: { comment?: string; expiryTime?: number },
  ) {
    if (changes.comment !== undefined) shift.comment = changes.comment;
    if (changes.expiryTime !== undefined) shift.expiryTime = changes.expiryTime;
    this.emit(
      'Manual Shift Updated',
      [shift],
      shift.awayFrom,
      shift.comment,
      this.now(),
    );
  }

  cancelShift(shift: ShiftRecord) {
    this.end(shift, 'CANCELED', this.now());
    this.report(shift.resourceIdentifier);
  }

  /** Ends a running practice run before its 30 minutes with `outcome` (an alarm ended it). */
  endPracticeRun(shift: ShiftRecord, outcome: 'FAILED' | 'INTERRUPTED') {
    this.end(shift, 'CANCELED', this.now(), outcome);
    this.report(shift.resourceIdentifier);
  }

  /** A practice run that ended before the simulation started (fleet file seeds): no events. */
  recordPastShift(shift: ShiftRecord) {
    this.shifts.push(shift);
    this.shiftsById.set(shift.zonalShiftId, shift);
  }

  startAutoshift(
    awayFrom: string,
    region: string,
    resources: ArcManagedResource[],
  ) {
    const autoshift: AutoshiftRecord = {
      seq: ++this.autoshiftSeq,
      awayFrom,
      region,
      accountIds: new Set(resources.map(resource => resource.accountId)),
      startTime: this.now(),
      status: 'ACTIVE',
      resources: new Set(resources.map(resource => resource.arn)),
    };
    for (const resource of resources)
      this.preemptBelow(resource.arn, PRECEDENCE.ZONAL_AUTOSHIFT);
    this.autoshifts.push(autoshift);
    this.emit(
      'Autoshift In Progress',
      resources.map(targetOf),
      awayFrom,
      `AWS started an autoshift away from ${awayFrom}`,
      autoshift.startTime,
    );
    for (const resource of resources) this.report(resource.arn);
    return autoshift;
  }

  completeAutoshift(autoshift: AutoshiftRecord) {
    autoshift.status = 'COMPLETED';
    autoshift.endTime = this.now();
    const arns = [...autoshift.resources];
    this.emitAutoshiftCompleted(autoshift, arns);
    for (const arn of arns) this.report(arn);
  }

  /** Disabling autoshift for a resource ends the autoshifts in progress for it. */
  leaveAutoshifts(arn: string) {
    for (const autoshift of this.activeAutoshifts(arn)) {
      autoshift.resources.delete(arn);
      this.emitAutoshiftCompleted(autoshift, [arn]);
    }
    this.report(arn);
  }

  private emitAutoshiftCompleted(autoshift: AutoshiftRecord, arns: string[]) {
    const targets = arns
      .map(arn => this.options.fleet.getResource(arn))
      .filter(
        (resource): resource is ArcManagedResource => resource !== undefined,
      )
      .map(targetOf);
    this.emit(
      'Autoshift Completed',
      targets,
      autoshift.awayFrom,
      `AWS ended the autoshift away from ${autoshift.awayFrom}`,
      this.now(),
    );
  }

  /**
   * A starting shift cancels the experiments and practice runs it outranks
   * (AWS: the practice run ends INTERRUPTED); customer shifts and autoshifts
   * are never canceled by another shift, they only stop being applied.
   */
  private preemptBelow(arn: string, rank: number) {
    for (const shift of this.activeShifts(arn)) {
      if (
        shift.shiftType !== 'ZONAL_SHIFT' &&
        PRECEDENCE[shift.shiftType] < rank
      ) {
        this.end(shift, 'CANCELED', this.now());
      }
    }
  }

  private end(
    shift: ShiftRecord,
    status: 'EXPIRED' | 'CANCELED',
    at: number,
    outcome?: 'FAILED' | 'INTERRUPTED',
  ) {
    shift.status = status;
    shift.endTime = at;
    this.active.delete(shift);
    if (shift.shiftType === 'PRACTICE_RUN') {
      shift.practiceRunOutcome =
        outcome ?? (status === 'EXPIRED' ? 'SUCCEEDED' : 'INTERRUPTED');
    }
    const type =
      shift.practiceRunOutcome === 'FAILED'
        ? 'Practice Run Failed'
        : END_EVENT[shift.shiftType][status];
    if (type) this.emit(type, [shift], shift.awayFrom, shift.comment, at);
  }

  /** Tells the fleet when the zone applied to a resource changed. */
  private report(arn: string) {
    const awayFrom = this.appliedAwayFrom(arn);
    if (this.reported.get(arn) === awayFrom) return;
    this.reported.set(arn, awayFrom);
    this.options.fleet.onAppliedZoneChanged(arn, awayFrom);
  }

  /** Sends the events of a transition through the options' `emit` (see emitArcEvents). */
  private emit(
    type: ArcEventDetailType,
    targets: Array<EventTarget | ShiftRecord>,
    awayFrom: string,
    notes: string,
    at: number,
  ) {
    emitArcEvents(
      event => this.options.emit(event),
      type,
      targets,
      awayFrom,
      notes,
      at,
    );
  }
}
