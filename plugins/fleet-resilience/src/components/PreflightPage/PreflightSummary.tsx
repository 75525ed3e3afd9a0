import Box from '@material-ui/core/Box';
import { useTheme } from '@material-ui/core/styles';
import type { PreflightStatus } from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  countsText,
  PREFLIGHT_STATUS_ORDER,
  statusCountLabel,
} from '../../lib/preflight';
import {
  PREFLIGHT_STATUS_COLOURS,
  PreflightStatusChip,
} from './PreflightStatusChip';

const WIDTH = 400;
const HEIGHT = 16;
const GAP = 2;

/**
 * The counts per status drawn as one stacked bar (failures first, each
 * segment as wide as its share of the checks) and written as chips.
 */
export function PreflightSummary(props: {
  summary: Record<PreflightStatus, number>;
}) {
  const theme = useTheme();
  const { summary } = props;
  const total = PREFLIGHT_STATUS_ORDER.reduce((n, s) => n + summary[s], 0);
  const text = `Preflight checks: ${countsText(summary)}`;
  let x = 0;
  const segments = PREFLIGHT_STATUS_ORDER.filter(s => summary[s] > 0).map(
    status => {
      const width = total > 0 ? (summary[status] / total) * WIDTH : 0;
      const segment = { status, x, width };
      x += width;
      return segment;
    },
  );
  return (
    <Box mb={2}>
      <svg
        role="img"
        aria-label={text}
        width="100%"
        height={HEIGHT}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        style={{ maxWidth: WIDTH, display: 'block' }}
      >
        <title>{text}</title>
        <rect width={WIDTH} height={HEIGHT} fill={theme.palette.action.hover} />
        {segments.map(segment => (
          <rect
            key={segment.status}
            data-status={segment.status}
            x={segment.x}
            width={Math.max(0, segment.width - GAP)}
            height={HEIGHT}
            fill={PREFLIGHT_STATUS_COLOURS[segment.status]}
          />
        ))}
      </svg>
      <Box mt={1} display="flex" flexWrap="wrap" style={{ gap: 8 }}>
        {PREFLIGHT_STATUS_ORDER.map(status => (
          <PreflightStatusChip
            key={status}
            status={status}
            label={statusCountLabel(status, summary[status])}
            muted={summary[status] === 0}
          />
        ))}
      </Box>
    </Box>
  );
}
