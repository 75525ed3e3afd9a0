import Chip from '@material-ui/core/Chip';
import type { SurvivabilityVerdict } from '@fleet-resilience/plugin-fleet-resilience-common';

const LABELS: Record<SurvivabilityVerdict, string> = {
  survives: 'Survives losing an AZ',
  'at-risk': 'At risk if an AZ is lost',
  unknown: 'N-1 unknown',
};

const COLOURS: Record<SurvivabilityVerdict, string> = {
  survives: '#1b7837',
  'at-risk': '#a50026',
  unknown: '#616161',
};

export function verdictLabel(verdict: SurvivabilityVerdict): string {
  return LABELS[verdict];
}

/** The N-1 verdict as a coloured chip with words (not colour alone). */
export function VerdictChip(props: {
  verdict: SurvivabilityVerdict;
  title?: string;
}) {
  return (
    <Chip
      size="small"
      label={LABELS[props.verdict]}
      title={props.title}
      style={{ backgroundColor: COLOURS[props.verdict], color: '#ffffff' }}
    />
  );
}
