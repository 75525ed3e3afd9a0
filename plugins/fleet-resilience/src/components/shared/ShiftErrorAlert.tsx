import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { describeShiftError } from '../../lib/shiftErrors';

/** A failed shift action: what the backend said and what ARC's reason means. */
export function ShiftErrorAlert(props: { error: unknown; title?: string }) {
  const described = describeShiftError(props.error);
  return (
    <Alert severity="error" role="alert">
      <AlertTitle>
        {props.title ?? 'The action failed'}
        {described.reason ? ` (${described.reason})` : ''}
      </AlertTitle>
      {described.explanation && <div>{described.explanation}</div>}
      <div>{described.message}</div>
    </Alert>
  );
}
