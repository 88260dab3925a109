import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  available,
  endedDeploymentOffers,
  environment,
  idleEnvironmentOffers,
  ledgerEntry,
  summary,
  unavailable,
  waitingDeploymentOffers,
} from '../../__fixtures__/data';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { EnvironmentControls } from './EnvironmentControls';

const buttonNames = () => screen.getAllByRole('button').map(b => b.textContent);

/** What the backend sends for a CodeDeploy deployment in its termination wait. */
const terminationWait = summary({
  id: 'codedeploy:d-TERM1',
  environment: 'staging',
  status: 'IN_PROGRESS',
  awsStatus: 'InProgress',
  endedAt: undefined,
  durationMs: undefined,
  offers: [
    unavailable(
      'continue',
      'Deployment d-TERM1 is not waiting for traffic rerouting: it is InProgress, waiting to terminate the original task set',
      { deploymentId: 'codedeploy:d-TERM1' },
    ),
    available('finish-early', { deploymentId: 'codedeploy:d-TERM1' }),
    available('rollback', { deploymentId: 'codedeploy:d-TERM1' }),
  ],
});

describe('EnvironmentControls', () => {
  it('offers only what applies now, the main action first', async () => {
    await renderWithEntity(
      <EnvironmentControls
        environment={environment('prod', {
          waitingForAction: true,
          lastDeployment: summary({
            id: 'codedeploy:d-WAIT1',
            status: 'WAITING',
            awsStatus: 'Ready',
            offers: waitingDeploymentOffers('codedeploy:d-WAIT1'),
          }),
          offers: [
            unavailable('approve', 'No approval is waiting.'),
            unavailable('start-pipeline', 'payments-api-prod is running.'),
            unavailable('retry-stage', 'The latest execution did not fail.'),
          ],
        })}
      />,
      { api: fakeApi() },
    );
    const continueButton = await screen.findByRole('button', {
      name: 'Continue',
    });
    await waitFor(() => expect(continueButton).toBeEnabled());
    // Seven offers, two apply: two buttons, and nothing to explain.
    expect(buttonNames()).toEqual(['Continue', 'Roll back']);
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('says in one line why the main action is unavailable, without its button', async () => {
    await renderWithEntity(
      <EnvironmentControls
        environment={environment('prod', {
          lastDeployment: summary({
            id: 'codedeploy:d-OK1',
            offers: endedDeploymentOffers('codedeploy:d-OK1'),
          }),
          offers: [
            unavailable('approve', 'No approval is waiting.'),
            unavailable(
              'start-pipeline',
              'Pipeline payments-api-prod is already running: execution e-2 is InProgress',
            ),
          ],
        })}
      />,
      { api: fakeApi() },
    );
    expect(await screen.findByRole('note')).toHaveTextContent(
      'Start pipeline: Pipeline payments-api-prod is already running: execution e-2 is InProgress',
    );
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('promotes first from an idle environment, and leaves promotion out of the last one', async () => {
    const { unmount } = await renderWithEntity(
      <EnvironmentControls
        environment={environment('dev')}
        next={environment('staging')}
      />,
      { api: fakeApi() },
    );
    await screen.findByRole('button', { name: 'Promote to staging' });
    expect(buttonNames()).toEqual(['Promote to staging', 'Start pipeline']);
    unmount();

    await renderWithEntity(
      <EnvironmentControls
        environment={environment('prod', {
          offers: [
            available('promote', { from: 'prod' }),
            ...idleEnvironmentOffers('prod'),
          ],
        })}
      />,
      { api: fakeApi() },
    );
    await screen.findByRole('button', { name: 'Start pipeline' });
    expect(buttonNames()).toEqual(['Start pipeline']);
  });

  it('finishes early a CodeDeploy deployment in its termination wait (InProgress, not Baking)', async () => {
    const api = fakeApi({
      performAction: jest
        .fn()
        .mockResolvedValue({ message: 'Finished', ledgerEntry }),
    });
    await renderWithEntity(
      <EnvironmentControls
        environment={environment('staging', {
          deploymentInProgress: true,
          lastDeployment: terminationWait,
          offers: [
            unavailable(
              'start-pipeline',
              'Pipeline payments-api-staging is already running',
            ),
          ],
        })}
      />,
      { api },
    );
    const finish = await screen.findByRole('button', { name: 'Finish early' });
    await waitFor(() => expect(finish).toBeEnabled());
    expect(buttonNames()).toEqual(['Finish early', 'Roll back']);

    await userEvent.click(finish);
    const dialog = screen.getByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Terminate original' }),
    );
    expect(await within(dialog).findByText('Finished')).toBeInTheDocument();
    expect(api.performAction).toHaveBeenCalledWith(
      expect.anything(),
      {
        action: 'finish-early',
        environment: 'staging',
        deploymentId: 'codedeploy:d-TERM1',
      },
      { idempotencyKey: expect.any(String) },
    );
  });

  it('says the user may not take the main action when the policy denies it', async () => {
    await renderWithEntity(
      <EnvironmentControls
        environment={environment('prod', {
          waitingForAction: true,
          pipeline: { name: 'payments-api-prod', waitingExecutionId: 'exec-9' },
          offers: [available('approve', { pipelineExecutionId: 'exec-9' })],
        })}
      />,
      { api: fakeApi(), authorize: AuthorizeResult.DENY },
    );
    expect(await screen.findByRole('note')).toHaveTextContent(
      'You are not allowed to approve for this entity.',
    );
    // The approval applies now: its controls stay, disabled with the reason.
    const approve = screen.getByRole('button', { name: 'Approve' });
    expect(approve).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Reject' })).toBeDisabled();
  });

  it("offers an EXTERNAL environment's release from the environment before it, or says why not", async () => {
    const release = 'ecs:ecs-svc.4030618036066022020';
    await renderWithEntity(
      <EnvironmentControls
        environment={environment('prod', {
          lastDeployment: summary({
            id: release,
            status: 'IN_PROGRESS',
            offers: [available('abort-release', { deploymentId: release })],
          }),
          offers: [
            unavailable(
              'start-release',
              `A release is under way in prod: task set ${release} takes 10% of production traffic; promote or abort it first`,
              { from: 'staging' },
            ),
          ],
        })}
      />,
      { api: fakeApi() },
    );
    expect(await screen.findByRole('note')).toHaveTextContent(
      `Start release from staging: A release is under way in prod: task set ${release} takes 10% of production traffic; promote or abort it first`,
    );
    expect(buttonNames()).toEqual(['Abort release']);
  });
});
