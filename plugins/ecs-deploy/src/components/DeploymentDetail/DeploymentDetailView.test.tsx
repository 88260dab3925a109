import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { fakeApi, responseError } from '../../__testUtils__/fakeApi';
import {
  detailResponse,
  environmentsResponse,
  stoppedTasksResponse,
} from '../../__fixtures__/data';
import { EcsDeploymentsContent } from '../DeploymentsContent';

const detailUrl = '/?deployment=codedeploy%3Ad-FAIL1&environment=prod';

describe('DeploymentDetailView', () => {
  it('opens from the URL and shows the whole story of a deployment', async () => {
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
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
    expect(screen.getByRole('button', { name: 'Roll back' })).toBeDisabled();
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
      getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
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
    expect(await screen.findByText('Retrying Deploy')).toBeInTheDocument();
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
});
