import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  available,
  ledgerEntry,
  summary,
  unavailable,
} from '../../__fixtures__/data';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { DeploymentControls } from './DeploymentControls';
import { OfferControls } from './OfferControls';
import { INCOMPLETE_OFFER_REASON } from './offeredRequest';

const acting = () =>
  fakeApi({
    performAction: jest
      .fn()
      .mockResolvedValue({ message: 'Done', ledgerEntry }),
  });

async function confirm(label: string, confirmLabel: string) {
  await userEvent.click(await screen.findByRole('button', { name: label }));
  const dialog = screen.getByRole('dialog');
  await userEvent.click(
    within(dialog).getByRole('button', { name: confirmLabel }),
  );
  await within(dialog).findByText('Done');
}

describe('OfferControls', () => {
  it('shows one control per offer, enabled or disabled as the offers say', async () => {
    await renderWithEntity(
      <OfferControls
        environment="prod"
        offers={[
          available('continue', { deploymentId: 'ecs:arn-1' }),
          unavailable('rollback', 'A rollback is already running.', {
            deploymentId: 'ecs:arn-1',
          }),
          available('start-pipeline'),
        ]}
        pipelineName="payments-api-prod"
      />,
      { api: acting() },
    );

    const continueButton = await screen.findByRole('button', {
      name: 'Continue',
    });
    const rollback = screen.getByRole('button', { name: 'Roll back' });
    const start = screen.getByRole('button', { name: 'Start pipeline' });
    await waitFor(() => expect(continueButton).toBeEnabled());
    expect(start).toBeEnabled();
    expect(rollback).toBeDisabled();
    expect(rollback).toHaveAccessibleDescription(
      'A rollback is already running.',
    );
    // Nothing the backend does not offer.
    expect(screen.queryByRole('button', { name: 'Finish early' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.getAllByRole('button')).toHaveLength(3);
  });

  it('finishes early when the backend offers it, with the deployment it names', async () => {
    const api = acting();
    await renderWithEntity(
      <DeploymentControls
        deployment={summary({
          id: 'codedeploy:d-BAKE1',
          status: 'IN_PROGRESS',
          offers: [
            available('finish-early', { deploymentId: 'codedeploy:d-BAKE1' }),
          ],
        })}
      />,
      { api },
    );
    await confirm('Finish early', 'Terminate original');
    expect(api.performAction).toHaveBeenCalledWith(
      expect.anything(),
      {
        action: 'finish-early',
        environment: 'prod',
        deploymentId: 'codedeploy:d-BAKE1',
      },
      { idempotencyKey: expect.any(String) },
    );
  });

  it('retries the stage of the execution the offer names', async () => {
    const api = acting();
    await renderWithEntity(
      <OfferControls
        environment="staging"
        offers={[
          available('retry-stage', {
            pipelineExecutionId: 'exec-3',
            stageName: 'Deploy',
          }),
        ]}
      />,
      { api },
    );
    await confirm('Retry Deploy', 'Retry');
    expect(api.performAction).toHaveBeenCalledWith(
      expect.anything(),
      {
        action: 'retry-stage',
        environment: 'staging',
        stageName: 'Deploy',
        pipelineExecutionId: 'exec-3',
      },
      { idempotencyKey: expect.any(String) },
    );
  });

  it('refuses an offer that does not say what it would act on', async () => {
    const api = acting();
    await renderWithEntity(
      <OfferControls environment="prod" offers={[available('rollback')]} />,
      { api },
    );
    const rollback = await screen.findByRole('button', { name: 'Roll back' });
    await waitFor(() =>
      expect(rollback).toHaveAccessibleDescription(INCOMPLETE_OFFER_REASON),
    );
    expect(rollback).toBeDisabled();
  });

  it('leaves out the actions the page shows elsewhere', async () => {
    await renderWithEntity(
      <DeploymentControls
        deployment={summary({
          id: 'pipeline:exec-3',
          kind: 'pipeline',
          offers: [
            available('approve', { pipelineExecutionId: 'exec-3' }),
            available('retry-stage', {
              pipelineExecutionId: 'exec-3',
              stageName: 'Deploy',
            }),
          ],
        })}
        omit={['approve']}
      />,
      { api: acting() },
    );
    expect(
      await screen.findByRole('button', { name: 'Retry Deploy' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
  });

  it('shows nothing for a backend that sends no offers', async () => {
    await renderWithEntity(
      <DeploymentControls
        deployment={{ environment: 'prod', offers: undefined }}
      />,
      { api: acting() },
    );
    expect(screen.queryByRole('button')).toBeNull();
  });
});
