import { useState } from 'react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PracticeRunConfiguration } from '@fleet-resilience/plugin-fleet-resilience-common';
import { renderWithClient } from '../../__testUtils__/render';
import { ReadinessFixDialog } from './ReadinessFixDialog';

const ARN = 'arn:aws:eks:eu-west-1:111122223333:cluster/payments-dr-euw1';
const ALARM = 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:payments-5xx';
const configuration = (): PracticeRunConfiguration => ({
  outcomeAlarms: [{ type: 'CLOUDWATCH', alarmIdentifier: ALARM }],
});

/** The card as it polls: each reload hands the open dialog a new configuration object. */
function PollingCard() {
  const [config, setConfig] = useState(configuration);
  return (
    <>
      <button type="button" onClick={() => setConfig(configuration())}>
        reload
      </button>
      <ReadinessFixDialog
        fix="configure-practice-runs"
        clusterArn={ARN}
        clusterName="payments-dr-euw1"
        configuration={config}
        onClose={() => {}}
        onDone={() => {}}
      />
    </>
  );
}

describe('ReadinessFixDialog', () => {
  it("keeps what the user typed when the card reloads ARC's configuration while it is open", async () => {
    const user = userEvent.setup({ delay: null });
    await renderWithClient(<PollingCard />);
    const alarms = within(screen.getByRole('dialog')).getByLabelText(
      /Outcome alarms/,
    );
    expect(alarms).toHaveValue(ALARM);
    await user.clear(alarms);
    await user.type(alarms, 'not-an-alarm');
    // The card polls: the same configuration arrives as a new object.
    await user.click(
      screen.getByRole('button', { name: 'reload', hidden: true }),
    );
    expect(
      within(screen.getByRole('dialog')).getByLabelText(/Outcome alarms/),
    ).toHaveValue('not-an-alarm');
  });
});
