import { useTheme } from '@material-ui/core/styles';
import { formatPercent } from '../../lib/format';

export interface CapacityBarProps {
  /** `CPU` or `Memory`. */
  label: string;
  allocatable: number;
  /** Allocatable of the schedulable nodes; the rest is cordoned or NotReady. */
  schedulable: number;
  requested: number;
  /** The largest allocatable among the bars drawn together, for a shared scale. */
  scaleMax: number;
  format: (value: number) => string;
}

const WIDTH = 300;
const HEIGHT = 14;

/** The numbers of a bar in one sentence: the chart's text alternative. */
export function capacityBarText(props: CapacityBarProps): string {
  const { label, allocatable, schedulable, requested, format } = props;
  const used =
    allocatable > 0 ? ` (${formatPercent(requested / allocatable)})` : '';
  const cordoned = allocatable - schedulable;
  return `${label}: ${format(requested)} requested of ${format(
    allocatable,
  )} allocatable${used}${
    cordoned > 0 ? `, ${format(cordoned)} of it cordoned or not ready` : ''
  }`;
}

/**
 * One horizontal bar: allocatable capacity (schedulable part solid, cordoned
 * part hatched) with the requests drawn over it; a red end marks requests
 * above allocatable.
 */
export function CapacityBar(props: CapacityBarProps) {
  const theme = useTheme();
  const { allocatable, schedulable, requested, scaleMax } = props;
  const scale = scaleMax > 0 ? WIDTH / scaleMax : 0;
  const schedulableWidth = Math.max(0, schedulable * scale);
  const allocatableWidth = Math.max(0, allocatable * scale);
  const requestedWidth = Math.min(requested, allocatable) * scale;
  const over = requested > allocatable;
  const text = capacityBarText(props);
  const patternId = `cordoned-${props.label.replace(/\W/g, '')}`;

  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <span style={{ width: 60, fontSize: '0.8rem' }}>{props.label}</span>
      <svg
        role="img"
        aria-label={text}
        width="100%"
        height={HEIGHT}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        style={{ maxWidth: WIDTH, flex: '1 1 auto' }}
      >
        <title>{text}</title>
        <defs>
          <pattern
            id={patternId}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" fill={theme.palette.grey[300]} />
            <line
              x1="0"
              y1="0"
              x2="0"
              y2="6"
              stroke={theme.palette.grey[600]}
              strokeWidth="3"
            />
          </pattern>
        </defs>
        <rect
          x={0}
          y={0}
          width={WIDTH}
          height={HEIGHT}
          fill={theme.palette.action.hover}
        />
        <rect
          x={0}
          y={0}
          width={schedulableWidth}
          height={HEIGHT}
          fill={theme.palette.primary.light}
          opacity={0.45}
        />
        <rect
          data-testid="cordoned-segment"
          x={schedulableWidth}
          y={0}
          width={Math.max(0, allocatableWidth - schedulableWidth)}
          height={HEIGHT}
          fill={`url(#${patternId})`}
        />
        <rect
          x={0}
          y={3}
          width={requestedWidth}
          height={HEIGHT - 6}
          fill={theme.palette.primary.dark}
        />
        {over && (
          <rect
            x={Math.max(0, allocatableWidth - 4)}
            y={0}
            width={4}
            height={HEIGHT}
            fill={theme.palette.error.main}
          />
        )}
      </svg>
      <span style={{ fontSize: '0.8rem', whiteSpace: 'nowrap' }} aria-hidden>
        {props.format(requested)} / {props.format(allocatable)}
      </span>
    </div>
  );
}
