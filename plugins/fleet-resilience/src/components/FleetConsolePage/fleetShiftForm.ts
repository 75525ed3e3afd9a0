import {
  validateUpdateShift,
  type ValidationProblem,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { isAzId } from '../../lib/fleetFilters';

/** What the fleet shift dialog asks for. */
export interface FleetShiftForm {
  awayFrom: string;
  expiresIn: string;
  comment: string;
}

/** The form checked with the backend's rules: an AZ ID, a duration, a comment. */
export function validateFleetShiftForm(
  form: FleetShiftForm,
):
  | { ok: true; value: FleetShiftForm }
  | { ok: false; problems: ValidationProblem[] } {
  const problems: ValidationProblem[] = [];
  const awayFrom = form.awayFrom.trim();
  if (!isAzId(awayFrom)) {
    problems.push({
      field: 'awayFrom',
      message:
        'Enter an AZ ID such as use1-az2 (names like us-east-1b differ per account)',
    });
  }
  // expiresIn and comment follow the single-cluster rules exactly.
  const rest = validateUpdateShift({
    expiresIn: form.expiresIn,
    comment: form.comment,
  });
  if (!rest.ok) {
    problems.push(...rest.problems);
  } else if (
    problems.length === 0 &&
    rest.value.expiresIn &&
    rest.value.comment
  ) {
    return {
      ok: true,
      value: {
        awayFrom,
        expiresIn: rest.value.expiresIn,
        comment: rest.value.comment,
      },
    };
  }
  return { ok: false, problems };
}
