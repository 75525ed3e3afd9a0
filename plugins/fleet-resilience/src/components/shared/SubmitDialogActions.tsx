import type { ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import DialogActions from '@material-ui/core/DialogActions';

/**
 * A one-step dialog's buttons: a way out (Cancel) and the submit button,
 * which spins while the request runs. Neither can be pressed meanwhile.
 */
export function SubmitDialogActions(props: {
  running: boolean;
  onCancel: () => void;
  onSubmit: () => void;
  /** The submit button's label, e.g. `Extend` or `Retry`. */
  children: ReactNode;
  cancelLabel?: string;
  /** `secondary` for an action that changes traffic. */
  color?: 'primary' | 'secondary';
  /** The submit button is disabled for another reason too. */
  disabled?: boolean;
}) {
  return (
    <DialogActions>
      <Button onClick={props.onCancel} disabled={props.running}>
        {props.cancelLabel ?? 'Cancel'}
      </Button>
      <Button
        color={props.color ?? 'primary'}
        variant="contained"
        onClick={props.onSubmit}
        disabled={props.running || props.disabled}
        startIcon={props.running ? <CircularProgress size={16} /> : undefined}
      >
        {props.children}
      </Button>
    </DialogActions>
  );
}
