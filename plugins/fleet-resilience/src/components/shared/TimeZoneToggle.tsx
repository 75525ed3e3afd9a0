import { makeStyles } from '@material-ui/core/styles';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { useTimeFormat } from '../../hooks/useTimeFormat';
import { browserTimeZone } from '../../lib/format';

export const TIME_ZONE_TOGGLE_LABEL = 'Time zone of the times shown';

// MUI's toggle draws unselected text at 38% opacity (about 2.5:1): full text
// colour instead, and the selected one in the primary colour with its
// contrast text.
const useStyles = makeStyles(theme => ({
  button: {
    color: theme.palette.text.primary,
    padding: theme.spacing(0.25, 1),
    textTransform: 'none',
    lineHeight: 1.5,
    '&$selected, &$selected:hover': {
      color: theme.palette.primary.contrastText,
      backgroundColor: theme.palette.primary.main,
    },
  },
  selected: {},
}));

/** Switches every time shown between UTC and the user's zone; remembered. */
export function TimeZoneToggle() {
  const classes = useStyles();
  const { zone, setZone } = useTimeFormat();
  const localZone = browserTimeZone();
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={zone}
      onChange={(_event, value) => {
        // A click on the selected button deselects it: keep a zone chosen.
        if (value === 'UTC' || value === 'local') setZone(value);
      }}
      aria-label={TIME_ZONE_TOGGLE_LABEL}
    >
      <ToggleButton
        value="UTC"
        classes={{ root: classes.button, selected: classes.selected }}
        title="Show times in UTC"
      >
        UTC
      </ToggleButton>
      <ToggleButton
        value="local"
        classes={{ root: classes.button, selected: classes.selected }}
        title={`Show times in your time zone${
          localZone ? ` (${localZone})` : ''
        }`}
      >
        Local
      </ToggleButton>
    </ToggleButtonGroup>
  );
}
