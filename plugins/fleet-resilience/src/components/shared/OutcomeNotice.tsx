import { useEffect, useRef } from 'react';
import Alert from '@material-ui/lab/Alert';

/**
 * What a finished action did. It takes the keyboard focus when it appears:
 * the button that started the action is often gone or disabled by then, and
 * the focus would otherwise fall to the page.
 */
export function OutcomeNotice(props: { message: string; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [props.message]);
  return (
    <Alert ref={ref} tabIndex={-1} severity="success" onClose={props.onClose}>
      {props.message}
    </Alert>
  );
}
