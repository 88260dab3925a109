import { screen, waitFor, within } from '@testing-library/react';
import { ActionLedgerEntry } from '@ecs-deploy/plugin-ecs-deploy-common';
import userEvent from '@testing-library/user-event';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import {
  ecsDeploySignal,
  FakeSignalApi,
} from '../../__testUtils__/fakeSignals';
import { fakeApi, responseError } from '../../__testUtils__/fakeApi';
import {
  available,
  detailResponse,
  environment,
  environmentsResponse,
  ledgerEntry,
  stoppedTasksResponse,
  summary,
} from '../../__fixtures__/data';
import { EcsDeploymentsContent } from '../DeploymentsContent';

const detailUrl = '/?deployment=codedeploy%3Ad-FAIL1&environment=prod';

const retryDeploy = available('retry-stage', {
  pipelineExecutionId: 'exec-1',
  stageName: 'Deploy',
});

/** prod's environment offering to retry the failed stage of exec-1. */
const retryOffered = {
  ...environmentsResponse,
  environments: environmentsResponse.environments.map(env =>
    env.name === 'prod'
      ? { ...env, offers: [...env.offers, retryDeploy] }
      : env,
  ),
};

describe('DeploymentDetailView', () => {
  it('opens from the URL and shows the whole story of a deployment', async () => {
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(retryOffered),
      getDeployment: jest.fn().mockResolvedValue(detailResponse),
      getStoppedTasks: jest.fn().mockResolvedValue(stoppedTasksResponse),
    });
    await renderWithEntity(<EcsDeploymentsContent />, {
      api,
      initialRouteEntries: [detailUrl],
    });

    expect(
      await screen.findByText(
        'The health checks of the replacement task set failed.',
      ),
    ).toBeInTheDocument();
    expect(api.getDeployment).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'payments-api' }),
      { deploymentId: 'codedeploy:d-FAIL1', environment: 'prod' },
    );
    // rollback link and console deep link
    expect(
      screen.getByRole('link', { name: 'codedeploy:d-RB1' }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('deployment=codedeploy%3Ad-RB1'),
    );
    expect(
      await screen.findByRole('link', { name: /^Open in the AWS console/ }),
    ).toHaveAttribute(
      'href',
      'https://eu-west-1.console.aws.amazon.com/codesuite/codedeploy/deployments/d-FAIL1?region=eu-west-1',
    );
    // lifecycle hooks with timing and messages
    expect(screen.getByText('AfterAllowTestTraffic')).toBeInTheDocument();
    expect(
      screen.getByText('Hook validate-payments returned Failed'),
    ).toBeInTheDocument();
    expect(screen.getByText('1m 30s')).toBeInTheDocument();
    expect(
      screen.getByText('Deployment d-FAIL1 was rolled back by d-RB1'),
    ).toBeInTheDocument();
    // pipeline stages with a retry for the failed one
    const stages = screen.getByRole('list', { name: 'Pipeline stages' });
    expect(
      within(stages).getByText('Deployment d-FAIL1 failed'),
    ).toBeInTheDocument();
    expect(
      within(stages).getByRole('button', { name: 'Retry Deploy' }),
    ).toBeInTheDocument();
    // stopped tasks with exit codes
    expect(
      await screen.findByText('app: exit 137 (OutOfMemoryError)'),
    ).toBeInTheDocument();
    expect(screen.getByText('EssentialContainerExited')).toBeInTheDocument();
    // the deployment has ended: roll back is disabled, saying why
    const rollback = screen.getByRole('button', { name: 'Roll back' });
    expect(rollback).toBeDisabled();
    expect(rollback).toHaveAccessibleDescription(
      'The deployment has ended; start a new one to change what runs.',
    );
  });

  it("lists a release's steps taken in the portal, with who took them and the refused ones", async () => {
    const release = 'ecs:ecs-svc.4030618036066022020';
    const step = (
      action: ActionLedgerEntry['action'],
      status: ActionLedgerEntry['status'],
      extra: Partial<ActionLedgerEntry> = {},
    ): ActionLedgerEntry => ({
      ...ledgerEntry,
      id: `${action}-${status}`,
      environment: 'prod',
      action,
      status,
      deploymentId: release,
      ...extra,
    });
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
      getDeployment: jest.fn().mockResolvedValue({
        ...detailResponse,
        deployment: summary({
          id: release,
          environment: 'prod',
          status: 'SUCCEEDED',
          portalActions: [
            step('start-release', 'succeeded'),
            step('shift-traffic', 'failed', {
              actor: 'user:default/jane',
              errorMessage:
                'Production traffic on the release is 10% now, not 0%',
            }),
            step('promote-release', 'succeeded'),
          ],
        }),
      }),
      getStoppedTasks: jest.fn().mockResolvedValue(stoppedTasksResponse),
    });
    await renderWithEntity(<EcsDeploymentsContent />, {
      api,
      initialRouteEntries: [
        `/?deployment=${encodeURIComponent(release)}&environment=prod`,
      ],
    });
    const steps = await screen.findByRole('list', {
      name: 'Steps taken in the portal',
    });
    const items = within(steps).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      expect.stringMatching(/^prod: release started by guest/),
      expect.stringMatching(
        /^prod: traffic shifted by jane \(failed\).*Production traffic on the release is 10% now, not 0%/,
      ),
      expect.stringMatching(/^prod: release promoted by guest/),
    ]);
  });

  it('offers a retry only for a stage the backend offers it for', async () => {
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue({
        ...environmentsResponse,
        environments: [
          environment('prod', {
            // A retry of another execution's stage is not this one's.
            offers: [
              available('retry-stage', {
                pipelineExecutionId: 'exec-2',
                stageName: 'Deploy',
              }),
            ],
          }),
        ],
      }),
      getDeployment: jest.fn().mockResolvedValue(detailResponse),
    });
    await renderWithEntity(<EcsDeploymentsContent />, {
      api,
      initialRouteEntries: [detailUrl],
    });
    const stages = await screen.findByRole('list', { name: 'Pipeline stages' });
    expect(
      within(stages).getByText('Deployment d-FAIL1 failed'),
    ).toBeInTheDocument();
    expect(within(stages).queryByRole('button')).toBeNull();
  });

  it("shows a release's deployment with its lifecycle inside the run's detail", async () => {
    const execution = {
      ...detailResponse,
      lifecycleEvents: [],
      deployment: summary({
        id: 'pipeline:exec-1',
        kind: 'pipeline',
        pipelineName: 'payments-api-prod',
        links: { deploymentIds: ['codedeploy:d-FAIL1'] },
      }),
    };
    const getDeployment = jest.fn((_entity, { deploymentId }) =>
      Promise.resolve(
        deploymentId === 'pipeline:exec-1' ? execution : detailResponse,
      ),
    );
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
      getDeployment,
    });
    await renderWithEntity(<EcsDeploymentsContent />, {
      api,
      initialRouteEntries: ['/?deployment=pipeline%3Aexec-1&environment=prod'],
    });
    const inside = await screen.findByRole('region', {
      name: 'Deployment codedeploy:d-FAIL1',
    });
    expect(
      within(inside).getByRole('link', { name: 'CodeDeploy d-FAIL1' }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('deployment=codedeploy%3Ad-FAIL1'),
    );
    expect(
      await within(inside).findByText(detailResponse.lifecycleEvents[0].name),
    ).toBeInTheDocument();
    expect(getDeployment).toHaveBeenCalledWith(expect.anything(), {
      deploymentId: 'codedeploy:d-FAIL1',
      environment: 'prod',
    });
  });

  it("retries a pipeline execution's stage from the execution's own offer, beside the stage", async () => {
    const execution = {
      ...detailResponse,
      deployment: summary({
        id: 'pipeline:exec-1',
        kind: 'pipeline',
        status: 'FAILED',
        pipelineName: 'payments-api-prod',
        offers: [retryDeploy],
      }),
    };
    const performAction = jest
      .fn()
      .mockResolvedValue({ message: 'Retrying Deploy', ledgerEntry: {} });
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
      getDeployment: jest.fn().mockResolvedValue(execution),
      performAction,
    });
    await renderWithEntity(<EcsDeploymentsContent />, {
      api,
      initialRouteEntries: ['/?deployment=pipeline%3Aexec-1&environment=prod'],
    });
    const stages = await screen.findByRole('list', { name: 'Pipeline stages' });
    expect(
      screen.getAllByRole('button', { name: 'Retry Deploy' }),
    ).toHaveLength(1);
    await userEvent.click(
      within(stages).getByRole('button', { name: 'Retry Deploy' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await within(screen.getByRole('dialog')).findByText('Retrying Deploy'),
    ).toBeInTheDocument();
    expect(performAction).toHaveBeenCalledWith(
      expect.anything(),
      {
        action: 'retry-stage',
        environment: 'prod',
        stageName: 'Deploy',
        pipelineExecutionId: 'exec-1',
      },
      { idempotencyKey: expect.any(String) },
    );
    // The environment's state is read again too.
    await waitFor(() => expect(api.getEnvironments).toHaveBeenCalledTimes(2));
  });

  it("shows only the deployment's own stopped tasks when AWS links them", async () => {
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
      getDeployment: jest.fn().mockResolvedValue(detailResponse),
      getStoppedTasks: jest.fn().mockResolvedValue({
        environment: 'prod',
        items: [
          {
            ...stoppedTasksResponse.items[0],
            deploymentId: 'codedeploy:d-FAIL1',
          },
          {
            taskId: 'ffffffffffffffff',
            stopCode: 'ServiceSchedulerInitiated',
            deploymentId: 'codedeploy:d-OTHER',
            containers: [{ name: 'app', exitCode: 0 }],
          },
        ],
      }),
    });
    await renderWithEntity(<EcsDeploymentsContent />, {
      api,
      initialRouteEntries: [detailUrl],
    });
    expect(
      await screen.findByText('app: exit 137 (OutOfMemoryError)'),
    ).toBeInTheDocument();
    expect(screen.getByText('Started by this deployment')).toBeInTheDocument();
    expect(
      screen.queryByText('ServiceSchedulerInitiated'),
    ).not.toBeInTheDocument();
  });

  it('retries a failed stage through the API', async () => {
    const performAction = jest
      .fn()
      .mockResolvedValue({ message: 'Retrying Deploy', ledgerEntry: {} });
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(retryOffered),
      getDeployment: jest.fn().mockResolvedValue(detailResponse),
      performAction,
    });
    await renderWithEntity(<EcsDeploymentsContent />, {
      api,
      initialRouteEntries: [detailUrl],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Retry Deploy' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await within(screen.getByRole('dialog')).findByText('Retrying Deploy'),
    ).toBeInTheDocument();
    expect(performAction).toHaveBeenCalledWith(
      expect.anything(),
      {
        action: 'retry-stage',
        environment: 'prod',
        stageName: 'Deploy',
        pipelineExecutionId: 'exec-1',
      },
      { idempotencyKey: expect.any(String) },
    );
  });

  it('shows a progress bar while the deployment loads', async () => {
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
      getDeployment: jest.fn(() => new Promise(() => {})),
    });
    await renderWithEntity(<EcsDeploymentsContent />, {
      api,
      initialRouteEntries: [detailUrl],
    });
    expect(
      await screen.findByRole('progressbar', {
        name: 'Loading the deployment',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: '← All deployments' }),
    ).toBeInTheDocument();
  });

  it("shows the backend's error for a deployment it cannot read", async () => {
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
      getDeployment: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            400,
            "deploymentId: 'x' is not a deployment id from the history",
          ),
        ),
    });
    await renderWithEntity(<EcsDeploymentsContent />, {
      api,
      initialRouteEntries: [detailUrl],
    });
    expect(
      (await screen.findAllByText(/is not a deployment id from the history/))
        .length,
    ).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('reads the deployment again, fresh, on a signal about its environment only', async () => {
    const getDeployment = jest.fn().mockResolvedValue(detailResponse);
    const signals = new FakeSignalApi();
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
      getDeployment,
      getStoppedTasks: jest.fn().mockResolvedValue(stoppedTasksResponse),
    });
    await renderWithEntity(<EcsDeploymentsContent />, {
      api,
      signals,
      initialRouteEntries: [detailUrl],
    });
    await screen.findByText(
      'The health checks of the replacement task set failed.',
    );
    expect(getDeployment).toHaveBeenCalledTimes(1);

    signals.broadcast(ecsDeploySignal('staging'));
    await new Promise(r => setTimeout(r, 50));
    expect(getDeployment).toHaveBeenCalledTimes(1);
    signals.broadcast(ecsDeploySignal('prod', { status: 'ROLLED_BACK' }));
    await waitFor(() => expect(getDeployment).toHaveBeenCalledTimes(2));
    expect(getDeployment).toHaveBeenLastCalledWith(expect.anything(), {
      deploymentId: 'codedeploy:d-FAIL1',
      environment: 'prod',
      fresh: true,
    });
  });
});
