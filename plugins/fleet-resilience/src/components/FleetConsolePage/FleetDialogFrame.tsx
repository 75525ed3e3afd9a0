import type { ReactNode } from 'react';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';

/**
 * The frame of a fleet console dialog: wide (its tables list clusters),
 * titled for screen readers by `titleId`, its content, then `actions`.
 */
export function FleetDialogFrame(props: {
  open: boolean;
  onClose: () => void;
  titleId: string;
  title: string;
  children: ReactNode;
  actions: ReactNode;
}) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      aria-labelledby={props.titleId}
      fullWidth
      maxWidth="md"
    >
      <DialogTitle id={props.titleId}>{props.title}</DialogTitle>
      <DialogContent>{props.children}</DialogContent>
      {props.actions}
    </Dialog>
  );
}
