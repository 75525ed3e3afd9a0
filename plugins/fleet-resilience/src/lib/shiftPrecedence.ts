/**
 * What starting a customer zonal shift does to a shift ARC already applies.
 * ARC applies one shift per resource: a customer's shift beats an autoshift,
 * which beats a practice run. So a manual shift of another AZ during an
 * autoshift sends traffic back to the AZ AWS shifted away from. Pure.
 */
import {
  findZone,
  type FleetClusterDetail,
  type Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { zoneLabel } from './format';

export interface PrecedenceNote {
  severity: 'warning' | 'info';
  text: string;
}

const KIND_TEXT = {
  autoshift: 'a zonal autoshift',
  'practice-run': 'a practice run',
} as const;

/** The note to show before a shift away from `awayFrom`, if any applies. */
export function precedenceNote(
  detail: Pick<FleetClusterDetail, 'summary' | 'autoshifts'>,
  awayFrom: string,
): PrecedenceNote | undefined {
  const { summary } = detail;
  const label = (id: string) => {
    const zone: Zone | undefined = findZone(summary.zones, id);
    return zone ? zoneLabel(zone) : id;
  };
  let kind: keyof typeof KIND_TEXT | undefined;
  let current: string | undefined;
  if (
    summary.shiftState === 'autoshift' ||
    summary.shiftState === 'practice-run'
  ) {
    kind = summary.shiftState;
    current = summary.shiftAwayFrom?.id ?? summary.activeShift?.awayFrom;
  } else {
    // ARC lists an autoshift for the account and region; the summary may not
    // have caught up with it yet.
    const autoshift = detail.autoshifts.find(a => a.status === 'ACTIVE');
    if (autoshift && summary.autoshiftStatus === 'ENABLED') {
      kind = 'autoshift';
      current = autoshift.awayFrom;
    }
  }
  if (!kind || !current) return undefined;
  const what = KIND_TEXT[kind];
  if (current === awayFrom) {
    return {
      severity: 'info',
      text: `ARC already keeps traffic away from ${label(
        current,
      )} with ${what}. Your shift takes precedence and keeps traffic away from it until your shift ends, even if the ${
        kind === 'autoshift' ? 'autoshift' : 'practice run'
      } ends first.`,
    };
  }
  return {
    severity: 'warning',
    text: `ARC is applying ${what} away from ${label(
      current,
    )}. A zonal shift you start takes precedence: ARC then shifts traffic away from ${label(
      awayFrom,
    )} instead, and traffic returns to ${label(
      current,
    )} while your shift lasts.`,
  };
}
