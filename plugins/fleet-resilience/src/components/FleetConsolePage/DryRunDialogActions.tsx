import type { ReactNode, Ref } from 'react';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import DialogActions from '@material-ui/core/DialogActions';
import { ReasonedButton } from '../shared/ReasonedButton';

/**
 * The buttons of a fleet dialog that goes form → dry run → review → done:
 * Cancel and Dry run on the form, Back and the real run on the review,
 * Close once done. No button leaves a step while its run is going.
 */
export function DryRunDialogActions(props: {
  step: 'form' | 'review' | 'done';
  dryRunning: boolean;
  realRunning: boolean;
  onCancel: () => void;
  onDryRun: () => void;
  onBack: () => void;
  onRun: () => void;
  /** Why the real run may not go yet; undefined when it may. */
  runBlocked: string | undefined;
  /** The real run's label, e.g. `Shift 3 clusters` (`Retry` after an error). */
  runLabel: ReactNode;
  closeButtonRef?: Ref<HTMLButtonElement>;
}) {
  const { step, dryRunning, realRunning } = props;
  return (
    <DialogActions>
      {step === 'form' && (
        <>
          <Button onClick={props.onCancel} disabled={dryRunning}>
            Cancel
          </Button>
          <Button
            color="primary"
            variant="contained"
            onClick={props.onDryRun}
            disabled={dryRunning}
            startIcon={dryRunning ? <CircularProgress size={16} /> : undefined}
          >
            Dry run
          </Button>
        </>
      )}
      {step === 'review' && (
        <>
          <Button onClick={props.onBack} disabled={realRunning}>
            Back
          </Button>
          <ReasonedButton
            color="secondary"
            variant="contained"
            onClick={props.onRun}
            disabled={realRunning}
            disabledReason={props.runBlocked}
          >
            {props.runLabel}
          </ReasonedButton>
        </>
      )}
      {step === 'done' && (
        <Button
          ref={props.closeButtonRef}
          color="primary"
          variant="contained"
          onClick={props.onCancel}
        >
          Close
        </Button>
      )}
    </DialogActions>
  );
}

/** `<verb> N cluster(s)`, or `Retry` once the real run has failed. */
export function realRunLabel(
  verb: string,
  clusters: number,
  failed: boolean,
): string {
  if (failed) return 'Retry';
  return `${verb} ${clusters} cluster${clusters === 1 ? '' : 's'}`;
}
