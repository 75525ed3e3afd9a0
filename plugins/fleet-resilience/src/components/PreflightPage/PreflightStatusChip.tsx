import Chip from '@material-ui/core/Chip';
import type { PreflightStatus } from '@fleet-resilience/plugin-fleet-resilience-common';

/**
 * One colour per status, each with white text at 4.5:1 or more (checked in
 * the tests); the status is always also written, never colour alone.
 */
export const PREFLIGHT_STATUS_COLOURS: Readonly<
  Record<PreflightStatus, string>
> = {
  fail: '#a50026',
  warn: '#9a4d00',
  skipped: '#616161',
  pass: '#1b7837',
};

export const PREFLIGHT_STATUS_LABELS: Readonly<
  Record<PreflightStatus, string>
> = {
  fail: 'Failed',
  warn: 'Warning',
  skipped: 'Skipped',
  pass: 'Passed',
};

/**
 * A status as a coloured chip, with its word or a given label; `muted`
 * (e.g. for a count of 0) draws it outlined, without the status colour.
 */
export function PreflightStatusChip(props: {
  status: PreflightStatus;
  label?: string;
  muted?: boolean;
}) {
  if (props.muted) {
    return (
      <Chip
        size="small"
        variant="outlined"
        data-status={props.status}
        label={props.label ?? PREFLIGHT_STATUS_LABELS[props.status]}
      />
    );
  }
  return (
    <Chip
      size="small"
      data-status={props.status}
      label={props.label ?? PREFLIGHT_STATUS_LABELS[props.status]}
      style={{
        backgroundColor: PREFLIGHT_STATUS_COLOURS[props.status],
        color: '#ffffff',
        fontWeight: 600,
      }}
    />
  );
}
