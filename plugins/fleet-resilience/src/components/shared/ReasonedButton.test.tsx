import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReasonedButton } from './ReasonedButton';

describe('ReasonedButton', () => {
  it('is an ordinary button when there is no reason to disable it', async () => {
    const onClick = jest.fn();
    render(<ReasonedButton onClick={onClick}>Revert</ReasonedButton>);
    const button = screen.getByRole('button', { name: 'Revert' });
    expect(button).not.toHaveAttribute('aria-disabled');
    await userEvent.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('stays one focusable control that says why it is unavailable and ignores clicks', async () => {
    const onClick = jest.fn();
    const { container } = render(
      <ReasonedButton onClick={onClick} disabledReason="No permission">
        Revert
      </ReasonedButton>,
    );
    const button = screen.getByRole('button', {
      name: 'Revert',
      description: 'Unavailable: No permission',
    });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    // axe's nested-interactive: no control inside another.
    expect(container.querySelectorAll('button, [role="button"]')).toHaveLength(
      1,
    );
    await userEvent.tab();
    expect(button).toHaveFocus();
    await userEvent.click(button);
    await userEvent.keyboard('{Enter}');
    expect(onClick).not.toHaveBeenCalled();
  });
});
