import Chip from '@material-ui/core/Chip';
import type {
  SurvivabilityVerdict,
  Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';

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

// Grey, not green: a verdict from data that may no longer be true is no
// reason for confidence.
const STALE_COLOUR = '#616161';

export function verdictLabel(verdict: SurvivabilityVerdict): string {
  return LABELS[verdict];
}

/**
 * The chip's words. With `zone` the verdict is about losing that one AZ
 * (e.g. in the fleet dry run), not any AZ; `stale` says the data behind it
 * is old.
 */
export function verdictChipLabel(
  verdict: SurvivabilityVerdict,
  options: { zone?: Zone; stale?: boolean } = {},
): string {
  const { zone, stale } = options;
  let label = LABELS[verdict];
  if (zone) {
    label = {
      survives: `Survives losing ${zone.id}`,
      'at-risk': `At risk without ${zone.id}`,
      unknown: `Unknown without ${zone.id}`,
    }[verdict];
  }
  return stale ? `${label} (stale data)` : label;
}

/** The N-1 verdict as a coloured chip with words (not colour alone). */
export function VerdictChip(props: {
  verdict: SurvivabilityVerdict;
  title?: string;
  zone?: Zone;
  stale?: boolean;
}) {
  return (
    <Chip
      size="small"
      label={verdictChipLabel(props.verdict, props)}
      title={props.title}
      style={{
        backgroundColor: props.stale ? STALE_COLOUR : COLOURS[props.verdict],
        color: '#ffffff',
        // Long labels wrap between words instead of overflowing the cell.
        maxWidth: '100%',
        height: 'auto',
        whiteSpace: 'normal',
      }}
    />
  );
}
