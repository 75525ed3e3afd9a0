// Both actions of the shift group in the history and the audit log.
import { check } from './common.mjs';

export async function historySteps({ page, step, api, cluster }) {
  await step('both actions in the history', async () => {
    // The history is a table (ARC's shifts and the portal's audited
    // actions, newest first) with an Outcome column.
    const history = page
      .getByRole('table')
      .filter({ has: page.getByRole('columnheader', { name: 'Outcome' }) })
      .first();
    await history.waitFor({ timeout: 30_000 });
    const row = text =>
      history.getByRole('row').filter({ hasText: text }).first();
    await row(/Revert shift/)
      .getByText('success')
      .waitFor({ timeout: 30_000 });
    // The extension reads as one, with the time it added.
    await row(/Extend shift by 1 h/)
      .getByText('success')
      .waitFor();
    await row(/Start shift away from/)
      .filter({ hasText: 'e2e: drain the AZ' })
      .getByText('success')
      .waitFor();
    await row(/Zonal shift away from/)
      .getByText('canceled')
      .waitFor();
    const audit = await api.audit(cluster.arn);
    const actions = audit.items
      .filter(e => e.outcome === 'success')
      .map(e => e.action);
    check(
      actions.includes('shift.start') &&
        actions.includes('shift.update') &&
        actions.includes('shift.cancel'),
      `the audit log has ${JSON.stringify(
        actions,
      )}, not shift.start, shift.update and shift.cancel`,
    );
  });
}
