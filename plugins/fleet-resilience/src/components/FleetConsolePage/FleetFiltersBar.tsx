import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  SHIFT_STATES,
  SURVIVABILITY_VERDICTS,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { EMPTY_FILTERS, FleetFilters } from '../../lib/fleetFilters';
import { shiftStateText } from '../ZonalShiftCard';
import { verdictLabel } from '../shared/VerdictChip';

/** Search and filters of the fleet table; text fields take comma-separated values. */
export function FleetFiltersBar(props: {
  filters: FleetFilters;
  onChange: (filters: FleetFilters) => void;
}) {
  const { filters, onChange } = props;
  const set =
    (field: keyof FleetFilters) =>
    (event: React.ChangeEvent<HTMLInputElement>) =>
      onChange({ ...filters, [field]: event.target.value });
  const text = (
    field: keyof FleetFilters,
    label: string,
    placeholder: string,
  ) => (
    <TextField
      id={`fleet-filter-${field}`}
      label={label}
      placeholder={placeholder}
      value={filters[field]}
      onChange={set(field)}
      size="small"
      variant="outlined"
    />
  );
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 12 }}
      mb={2}
      role="search"
    >
      <TextField
        id="fleet-filter-search"
        label="Search cluster names"
        value={filters.search}
        onChange={set('search')}
        size="small"
        variant="outlined"
        type="search"
      />
      {text('account', 'Account', '111122223333')}
      {text('region', 'Region', 'us-east-1')}
      {text('zone', 'AZ', 'use1-az2 or us-east-1b')}
      {text('version', 'Version', '1.33')}
      <TextField
        select
        id="fleet-filter-shiftState"
        label="Shift state"
        value={filters.shiftState}
        onChange={set('shiftState')}
        size="small"
        variant="outlined"
        style={{ minWidth: 180 }}
      >
        <MenuItem value="">Any</MenuItem>
        {SHIFT_STATES.map(state => (
          <MenuItem key={state} value={state}>
            {shiftStateText(state)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        id="fleet-filter-verdict"
        label="N-1 verdict"
        value={filters.verdict}
        onChange={set('verdict')}
        size="small"
        variant="outlined"
        style={{ minWidth: 180 }}
      >
        <MenuItem value="">Any</MenuItem>
        {SURVIVABILITY_VERDICTS.map(verdict => (
          <MenuItem key={verdict} value={verdict}>
            {verdictLabel(verdict)}
          </MenuItem>
        ))}
      </TextField>
      <Button onClick={() => onChange(EMPTY_FILTERS)}>Clear filters</Button>
    </Box>
  );
}
