import { ReactNode, useId } from 'react';
import Button, { ButtonProps } from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';

/**
 * A button that is disabled, with the reason in a tooltip, when the user
 * may not use it (or it does not apply).
 *
 * A disabled `<button>` takes no focus and fires no events, so neither
 * keyboard users nor the tooltip would ever see the reason. Instead the one
 * button stays focusable, says `aria-disabled`, ignores clicks and carries
 * the reason as its description: one control, nothing nested inside another.
 */
export function ReasonedButton(
  props: ButtonProps & {
    /** Why the button is disabled; undefined when it is enabled. */
    disabledReason?: string;
    children: ReactNode;
  },
) {
  const { disabledReason, children, disabled, onClick, className, ...rest } =
    props;
  const reasonId = useId();
  if (!disabledReason) {
    return (
      <Button
        {...rest}
        className={className}
        onClick={onClick}
        disabled={disabled}
      >
        {children}
      </Button>
    );
  }
  return (
    <Tooltip title={disabledReason}>
      <Button
        {...rest}
        // Looks disabled, yet keeps pointer events (MUI's `Mui-disabled`
        // would drop them) so that hovering shows the reason.
        className={className}
        style={{ ...rest.style, opacity: 0.55, cursor: 'not-allowed' }}
        aria-disabled="true"
        aria-describedby={reasonId}
        disableRipple
        onClick={event => event.preventDefault()}
      >
        {children}
        <span id={reasonId} hidden>
          {`Unavailable: ${disabledReason}`}
        </span>
      </Button>
    </Tooltip>
  );
}
