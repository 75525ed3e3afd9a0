import { useApi } from '@backstage/core-plugin-api';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import type { ShiftActionResponse } from '@fleet-resilience/plugin-fleet-resilience-common';
import { fleetResilienceApiRef } from '../../api';
import { useSubmission } from '../../hooks/useSubmission';
import { ShiftErrorAlert } from '../shared/ShiftErrorAlert';
import { SubmitDialogActions } from '../shared/SubmitDialogActions';

/** Cancels a zonal shift: traffic returns to the AZ. */
export function RevertShiftDialog(props: {
  open: boolean;
  clusterArn: string;
  clusterName: string;
  /** The shift's ID, and the AZ it keeps traffic from (ID or label). */
  shift: { zonalShiftId: string; awayFrom: string };
  onClose: () => void;
  onReverted: (response: ShiftActionResponse) => void;
}) {
  const { open, clusterArn, clusterName, shift, onClose, onReverted } = props;
  const api = useApi(fleetResilienceApiRef);
  const submission = useSubmission<ShiftActionResponse>();
  const close = () => {
    if (submission.running) return;
    submission.reset();
    onClose();
  };
  const submit = async () => {
    const response = await submission.run(key =>
      api.cancelShift(clusterArn, shift.zonalShiftId, key),
    );
    if (response) {
      submission.reset();
      onReverted(response);
    }
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      aria-labelledby="revert-shift-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="revert-shift-title">Revert the zonal shift</DialogTitle>
      <DialogContent>
        <DialogContentText>
          Traffic of {clusterName} returns to {shift.awayFrom}. The reconciler
          restores the NodePools it changed, exactly as they were.
        </DialogContentText>
        {submission.error !== undefined && (
          <ShiftErrorAlert
            error={submission.error}
            title="ARC did not revert the shift"
          />
        )}
      </DialogContent>
      <SubmitDialogActions
        running={submission.running}
        onCancel={close}
        onSubmit={submit}
        cancelLabel="Keep the shift"
        color="secondary"
      >
        {submission.error !== undefined ? 'Retry revert' : 'Revert'}
      </SubmitDialogActions>
    </Dialog>
  );
}
