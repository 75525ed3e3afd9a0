import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { MAX_SHIFT_COMMENT_LENGTH } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { FormProblems } from '../../lib/readinessForm';

/**
 * The required comment of a readiness fix, kept in the audit history: its
 * problem, or else how long it is against the limit.
 */
export function AuditCommentField(props: {
  id: string;
  value: string;
  onChange: (comment: string) => void;
  problems: FormProblems | undefined;
}) {
  const { id, value, problems } = props;
  return (
    <TextField
      fullWidth
      required
      margin="dense"
      id={id}
      label="Comment"
      value={value}
      onChange={e => props.onChange(e.target.value)}
      error={Boolean(problems?.comment)}
      helperText={
        problems?.comment ??
        `Why, for the audit history (${
          value.trim().length
        }/${MAX_SHIFT_COMMENT_LENGTH})`
      }
    />
  );
}

/** The problems of a form that no field of it owns; nothing if none. */
export function OtherProblemsAlert(props: {
  problems: FormProblems | undefined;
}) {
  const other = props.problems?.other ?? [];
  if (other.length === 0) return null;
  return <Alert severity="error">{other.join('; ')}</Alert>;
}
