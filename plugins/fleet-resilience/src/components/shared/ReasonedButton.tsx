import { ReactNode } from 'react';
import Button, { ButtonProps } from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';

/**
 * A button that is disabled, with the reason in a tooltip, when the user
 * may not use it (or it does not apply).
 */
export function ReasonedButton(
  props: ButtonProps & {
    /** Why the button is disabled; undefined when it is enabled. */
    disabledReason?: string;
    children: ReactNode;
  },
) {
  const { disabledReason, children, disabled, ...rest } = props;
  const isDisabled = Boolean(disabledReason) || disabled;
  if (!disabledReason) {
    return (
      <Button {...rest} disabled={isDisabled}>
        {children}
      </Button>
    );
  }
  // A disabled button fires no events: the wrapper carries the tooltip and
  // keyboard focus, and screen readers get the reason as its description.
  return (
    <Tooltip title={disabledReason}>
      <span
        role="button"
        aria-disabled="true"
        tabIndex={0}
        aria-label={`${
          typeof children === 'string' ? children : ''
        } (unavailable: ${disabledReason})`}
        style={{ display: 'inline-block' }}
      >
        {/* The wrapper is the control for assistive technology. */}
        <Button {...rest} disabled aria-hidden>
          {children}
        </Button>
      </span>
    </Tooltip>
  );
}
