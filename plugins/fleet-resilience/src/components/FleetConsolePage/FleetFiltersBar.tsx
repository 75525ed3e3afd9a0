import { memo, useEffect, useRef, useState } from 'react';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  READINESS_CHECK_IDS,
  READINESS_VERDICTS,
  SHIFT_STATES,
  SURVIVABILITY_VERDICTS,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import useDebounce from 'react-use/esm/useDebounce';
import { EMPTY_FILTERS, FleetFilters } from '../../lib/fleetFilters';
import { shiftStateText } from '../ZonalShiftCard';
import { verdictLabel } from '../shared/VerdictChip';
import { CHECK_TEXT, READINESS_VERDICT_TEXT } from '../../lib/readiness';

/** Typing pauses this long before the list is fetched again. */
export const FILTER_DEBOUNCE_MS = 300;

/** The fields chosen from a list: applied at once. */
type ChosenField = 'shiftState' | 'verdict' | 'readiness' | 'check';

/** The fields typed into: applied after a pause, not per keystroke. */
type TypedField =
  | 'search'
  | 'account'
  | 'region'
  | 'zone'
  | 'version'
  | 'owner';

function sameFilters(a: FleetFilters, b: FleetFilters): boolean {
  return (Object.keys(a) as Array<keyof FleetFilters>).every(
    key => a[key] === b[key],
  );
}

/**
 * Search and filters of the fleet table; text fields take comma-separated
 * values. What is typed stays in this component's own state, so a keystroke
 * re-renders only the fields: `onChange` gets the filters once typing pauses
 * for {@link FILTER_DEBOUNCE_MS}, and at once for a select or "Clear filters".
 */
export const FleetFiltersBar = memo(function FleetFiltersBarUnmemoised(props: {
  /**
   * The filters in effect (the list's query): the fields start from them,
   * and only a change of them is passed on. When they change from outside
   * (a link of the readiness summary), the fields take them.
   */
  filters: FleetFilters;
  onChange: (filters: FleetFilters) => void;
}) {
  const { onChange } = props;
  const [draft, setDraft] = useState<FleetFilters>(props.filters);
  const applied = useRef(props.filters);
  applied.current = props.filters;

  // The filters this bar passed on last: any others came from outside.
  const emitted = useRef(props.filters);
  useEffect(() => {
    if (props.filters !== emitted.current) {
      emitted.current = props.filters;
      setDraft(props.filters);
    }
  }, [props.filters]);

  const apply = (next: FleetFilters) => {
    if (!sameFilters(next, applied.current)) {
      emitted.current = next;
      onChange(next);
    }
  };
  useDebounce(() => apply(draft), FILTER_DEBOUNCE_MS, [draft]);

  const typed =
    (field: TypedField) => (event: React.ChangeEvent<HTMLInputElement>) => {
      const { value } = event.target;
      setDraft(current => ({ ...current, [field]: value }));
    };
  const chosen =
    (field: ChosenField) => (event: React.ChangeEvent<HTMLInputElement>) => {
      const next = { ...draft, [field]: event.target.value };
      setDraft(next);
      apply(next);
    };
  const clear = () => {
    setDraft(EMPTY_FILTERS);
    apply(EMPTY_FILTERS);
  };
  const filters = draft;
  const text = (field: TypedField, label: string, placeholder: string) => (
    <TextField
      id={`fleet-filter-${field}`}
      label={label}
      placeholder={placeholder}
      value={filters[field]}
      onChange={typed(field)}
      size="small"
      variant="outlined"
    />
  );
  const select = <T extends string>(
    field: ChosenField,
    label: string,
    minWidth: number,
    options: readonly T[],
    optionText: (option: T) => string,
  ) => (
    <TextField
      select
      id={`fleet-filter-${field}`}
      label={label}
      value={filters[field]}
      onChange={chosen(field)}
      size="small"
      variant="outlined"
      style={{ minWidth }}
    >
      <MenuItem value="">Any</MenuItem>
      {options.map(option => (
        <MenuItem key={option} value={option}>
          {optionText(option)}
        </MenuItem>
      ))}
    </TextField>
  );
  return (
    // On the card's white, not the page's grey: the fields' labels need the
    // white to reach 4.5:1.
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 12 }}
      mb={2}
      p={1.5}
      component={Paper}
      role="search"
    >
      <TextField
        id="fleet-filter-search"
        label="Search cluster names"
        value={filters.search}
        onChange={typed('search')}
        size="small"
        variant="outlined"
        type="search"
      />
      {text('account', 'Account', '111122223333')}
      {text('region', 'Region', 'us-east-1')}
      {text('zone', 'AZ', 'use1-az2 or us-east-1b')}
      {text('version', 'Version', '1.33')}
      {text('owner', 'Owner', 'payments-team')}
      {select('shiftState', 'Shift state', 180, SHIFT_STATES, shiftStateText)}
      {select(
        'verdict',
        'N-1 verdict',
        180,
        SURVIVABILITY_VERDICTS,
        verdictLabel,
      )}
      {select(
        'readiness',
        'Readiness',
        160,
        READINESS_VERDICTS,
        verdict => READINESS_VERDICT_TEXT[verdict],
      )}
      {select(
        'check',
        'Failing check',
        200,
        READINESS_CHECK_IDS,
        check => CHECK_TEXT[check],
      )}
      <Button onClick={clear}>Clear filters</Button>
    </Box>
  );
});
