import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { environment, ledgerEntry } from '../../__fixtures__/data';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { DeploymentControls } from './DeploymentControls';
import { EnvironmentControls } from './EnvironmentControls';

/** Opens the dialog of `label` and confirms it, with a comment if given. */
async function decide(label: 'Approve' | 'Reject', comment?: string) {
  await userEvent.click(await screen.findByRole('button', { name: label }));
  const dialog = screen.getByRole('dialog');
  if (comment) {
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /comment/i }),
      comment,
    );
  }
  await userEvent.click(within(dialog).getByRole('button', { name: label }));
  await within(dialog).findByText('Decided');
}

describe('approving from the portal', () => {
  const decided = () =>
    fakeApi({
      performAction: jest
        .fn()
        .mockResolvedValue({ message: 'Decided', ledgerEntry }),
    });

  it('approves the execution of the history entry it is shown on', async () => {
    const api = decided();
    await renderWithEntity(
      <DeploymentControls
        deployment={{
          id: 'pipeline:exec-7',
          kind: 'pipeline',
          environment: 'prod',
          status: 'WAITING',
          pipelineName: 'payments-api-prod',
        }}
      />,
      { api },
    );
    await decide('Approve');
    expect(api.performAction).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'payments-api' }),
      {
        action: 'approve',
        environment: 'prod',
        pipelineExecutionId: 'exec-7',
        decision: 'Approved',
      },
      { idempotencyKey: expect.any(String) },
    );
  });

  it('rejects the execution the environment says is waiting', async () => {
    const api = decided();
    await renderWithEntity(
      <EnvironmentControls
        environment={environment('prod', {
          waitingForAction: true,
          pipeline: { name: 'payments-api-prod', waitingExecutionId: 'exec-9' },
        })}
      />,
      { api },
    );
    await decide('Reject', 'canary error rate too high');
    expect(api.performAction).toHaveBeenCalledWith(
      expect.anything(),
      {
        action: 'approve',
        environment: 'prod',
        pipelineExecutionId: 'exec-9',
        decision: 'Rejected',
        comment: 'canary error rate too high',
      },
      { idempotencyKey: expect.any(String) },
    );
  });

  it('offers no decision when no execution waits', async () => {
    const api = decided();
    await renderWithEntity(
      <EnvironmentControls
        environment={environment('prod', {
          waitingForAction: true,
          pipeline: { name: 'payments-api-prod' },
        })}
      />,
      { api },
    );
    const approve = await screen.findByRole('button', { name: 'Approve' });
    await waitFor(() =>
      expect(approve).toHaveAccessibleDescription(
        'No manual approval is waiting in prod.',
      ),
    );
    expect(approve).toBeDisabled();
  });
});
