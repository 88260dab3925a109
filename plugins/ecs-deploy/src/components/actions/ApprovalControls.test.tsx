import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  available,
  environment,
  ledgerEntry,
  summary,
  unavailable,
} from '../../__fixtures__/data';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { DeploymentControls } from './DeploymentControls';
import { EnvironmentControls } from './EnvironmentControls';
import { OfferControls } from './OfferControls';

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

  it('approves the execution the offer on a history entry names', async () => {
    const api = decided();
    await renderWithEntity(
      <DeploymentControls
        deployment={summary({
          id: 'pipeline:exec-7',
          kind: 'pipeline',
          status: 'WAITING',
          pipelineName: 'payments-api-prod',
          offers: [available('approve', { pipelineExecutionId: 'exec-7' })],
        })}
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

  it('rejects the execution the environment offers to decide', async () => {
    const api = decided();
    await renderWithEntity(
      <EnvironmentControls
        environment={environment('prod', {
          waitingForAction: true,
          pipeline: { name: 'payments-api-prod', waitingExecutionId: 'exec-1' },
          offers: [available('approve', { pipelineExecutionId: 'exec-9' })],
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

  it("disables both decisions with the backend's reason when none applies", async () => {
    await renderWithEntity(
      <OfferControls
        environment="prod"
        pipelineName="payments-api-prod"
        offers={[
          unavailable('approve', 'The approval of exec-9 has expired.', {
            pipelineExecutionId: 'exec-9',
          }),
        ]}
      />,
      { api: decided() },
    );
    for (const name of ['Approve', 'Reject']) {
      const button = await screen.findByRole('button', { name });
      await waitFor(() =>
        expect(button).toHaveAccessibleDescription(
          'The approval of exec-9 has expired.',
        ),
      );
      expect(button).toBeDisabled();
    }
  });
});
