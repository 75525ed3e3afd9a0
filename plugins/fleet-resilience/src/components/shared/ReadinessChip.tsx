import Chip from '@material-ui/core/Chip';
import type { ReadinessVerdict } from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  READINESS_VERDICT_COLOUR,
  READINESS_VERDICT_TEXT,
} from '../../lib/readiness';

/** The chip's words: the verdict, and the score when there is one. */
export function readinessChipLabel(
  verdict: ReadinessVerdict,
  score?: number,
): string {
  const text = READINESS_VERDICT_TEXT[verdict];
  return score === undefined ? text : `${text} · ${score}/100`;
}

/** A cluster's readiness verdict as a coloured chip with words (not colour alone). */
export function ReadinessChip(props: {
  verdict: ReadinessVerdict;
  score?: number;
  title?: string;
}) {
  return (
    <Chip
      size="small"
      label={readinessChipLabel(props.verdict, props.score)}
      title={props.title}
      style={{
        backgroundColor: READINESS_VERDICT_COLOUR[props.verdict],
        color: '#ffffff',
        maxWidth: '100%',
        height: 'auto',
        whiteSpace: 'normal',
      }}
    />
  );
}
