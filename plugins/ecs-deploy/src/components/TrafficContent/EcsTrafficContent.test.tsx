import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { fakeApi, responseError } from '../../__testUtils__/fakeApi';
import {
  available,
  missingService,
  trafficResponse,
  unavailable,
  waitingDeploymentOffers,
} from '../../__fixtures__/data';
import { EcsTrafficContent } from './EcsTrafficContent';

describe('EcsTrafficContent', () => {
  it('shows a progress bar while loading', async () => {
    const api = fakeApi({ getTraffic: jest.fn(() => new Promise(() => {})) });
    await renderWithEntity(<EcsTrafficContent />, { api });
    expect(
      await screen.findByRole('progressbar', { name: 'Loading traffic' }),
    ).toBeInTheDocument();
  });

  it('draws each listener as a blue/green split and lists the task sets', async () => {
    const api = fakeApi({
      getTraffic: jest.fn().mockResolvedValue(trafficResponse(10, 'SHIFTING')),
    });
    await renderWithEntity(<EcsTrafficContent refreshIntervalMs={60_000} />, {
      api,
    });

    expect(
      await screen.findByRole('img', {
        name: 'Production listener :80: payments-api-prod-blue (blue) 90%, payments-api-prod-green (green) 10%',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Test listener :8080: payments-api-prod-green (green) 100%',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText(/step 1 of 2/)).toBeInTheDocument();
    expect(screen.getByText(/Next step/)).toBeInTheDocument();
    expect(screen.getAllByText('3/3 running')).toHaveLength(2);
    expect(screen.getByText(/refreshing every 60 s/)).toBeInTheDocument();
  });

  it('refreshes while traffic shifts, marks the change, and stops when done', async () => {
    const getTraffic = jest
      .fn()
      .mockResolvedValueOnce(trafficResponse(10, 'SHIFTING'))
      .mockResolvedValue(trafficResponse(100, 'DONE'));
    const api = fakeApi({ getTraffic });
    await renderWithEntity(
      <EcsTrafficContent
        refreshIntervalMs={20}
        idleRefreshIntervalMs={60_000}
      />,
      { api },
    );

    expect(
      await screen.findByRole('img', { name: /blue\) 0%, .*green\) 100%/ }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Split changed at/)).toBeInTheDocument();
    expect(
      screen.getByText('No deployment in progress: checking every 60 s.'),
    ).toBeInTheDocument();
    expect(getTraffic).toHaveBeenCalledTimes(2);
  });

  it('polls slowly while idle and notices a deployment started elsewhere', async () => {
    const getTraffic = jest
      .fn()
      .mockResolvedValueOnce(trafficResponse(0))
      .mockResolvedValue(trafficResponse(10, 'SHIFTING'));
    const api = fakeApi({ getTraffic });
    await renderWithEntity(
      <EcsTrafficContent
        refreshIntervalMs={60_000}
        idleRefreshIntervalMs={30}
      />,
      { api },
    );
    expect(
      await screen.findByText('No deployment in progress: checking every 0 s.'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'A deployment is moving traffic: refreshing every 60 s.',
      ),
    ).toBeInTheDocument();
    // The 30 ms idle poll may fire once more while the moving answer
    // renders; after that it stops (three idle intervals pass unread).
    const calls = getTraffic.mock.calls.length;
    expect(calls).toBeLessThanOrEqual(3);
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(getTraffic).toHaveBeenCalledTimes(calls);
  });

  it('does not poll fast when no deployment is in progress', async () => {
    const getTraffic = jest.fn().mockResolvedValue(trafficResponse(0));
    const api = fakeApi({ getTraffic });
    await renderWithEntity(
      <EcsTrafficContent
        refreshIntervalMs={20}
        idleRefreshIntervalMs={60_000}
      />,
      { api },
    );
    expect(
      await screen.findByText(
        'No deployment in progress: checking every 60 s.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No deployment is shifting traffic.'),
    ).toBeInTheDocument();
    await new Promise(r => setTimeout(r, 100));
    expect(getTraffic).toHaveBeenCalledTimes(1);
  });

  it('shows an environment it could not read next to the others', async () => {
    const prod = trafficResponse(0).environments[0];
    const api = fakeApi({
      getTraffic: jest.fn().mockResolvedValue({
        environments: [
          {
            ...prod,
            environment: 'staging',
            listeners: [],
            taskSets: [],
            error: {
              name: 'NotAllowedError',
              message: 'not allowed to perform ecs:DescribeServices',
              code: 'AccessDeniedException',
              statusCode: 403,
            },
          },
          prod,
        ],
      }),
    });
    await renderWithEntity(
      <EcsTrafficContent
        refreshIntervalMs={60_000}
        idleRefreshIntervalMs={60_000}
      />,
      { api },
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'staging could not be read just now: not allowed to perform ecs:DescribeServices',
    );
    expect(
      screen.getByRole('img', { name: /blue\) 100%, .*green\) 0%/ }),
    ).toBeInTheDocument();
  });

  it('says which service AWS does not know, in its place', async () => {
    const prod = trafficResponse(0).environments[0];
    const missing = missingService('staging');
    const api = fakeApi({
      getTraffic: jest.fn().mockResolvedValue({
        environments: [
          {
            environment: 'staging',
            observedAt: prod.observedAt,
            listeners: [],
            taskSets: [],
            error: missing,
          },
          prod,
        ],
      }),
    });
    await renderWithEntity(
      <EcsTrafficContent
        refreshIntervalMs={60_000}
        idleRefreshIntervalMs={60_000}
      />,
      { api },
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'ECS service payments-api was not found in 222222222222 / eu-west-1 (ecs-deploy.io/service-arn.staging)',
    );
    expect(screen.getByText('Not found')).toBeInTheDocument();
    expect(screen.queryByText(/undefined/)).toBeNull();
    expect(screen.queryByText('Missing Annotation')).toBeNull();
  });

  it('answers a tab-wide ResourceNotFound with the resource, not setup instructions', async () => {
    const api = fakeApi({
      getTraffic: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            404,
            missingService('prod').message,
            'ResourceNotFound',
          ),
        ),
    });
    await renderWithEntity(<EcsTrafficContent />, { api });
    expect(await screen.findByText('Not found in AWS')).toBeInTheDocument();
    expect(
      screen.getByText(
        'ECS service payments-api was not found in 333333333333 / eu-west-1 (ecs-deploy.io/service-arn.prod)',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Missing Annotation')).toBeNull();
  });

  it('says a worker takes no load-balanced traffic instead of drawing a split', async () => {
    const api = fakeApi({
      getTraffic: jest.fn().mockResolvedValue({
        environments: [
          {
            environment: 'prod',
            controller: 'ECS',
            strategy: { kind: 'ROLLING' },
            loadBalanced: false,
            observedAt: '2024-06-10T09:05:00Z',
            listeners: [],
            taskSets: [
              {
                id: 'ecs-svc/1',
                label: 'PRIMARY',
                status: 'PRIMARY',
                runningCount: 2,
                desiredCount: 2,
                pendingCount: 0,
                trafficWeight: 100,
              },
            ],
          },
        ],
      }),
    });
    await renderWithEntity(
      <EcsTrafficContent
        refreshIntervalMs={60_000}
        idleRefreshIntervalMs={60_000}
      />,
      { api },
    );
    expect(
      await screen.findByText(/This service takes no load-balanced traffic/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/No load balancer listener routes/)).toBeNull();
    expect(screen.queryByText('No deployment is shifting traffic.')).toBeNull();
    expect(screen.queryByRole('img', { name: /listener/ })).toBeNull();
    expect(screen.getByText('2/2 running')).toBeInTheDocument();
  });

  it('shows an empty state when nothing routes traffic', async () => {
    const api = fakeApi({
      getTraffic: jest.fn().mockResolvedValue({ environments: [] }),
    });
    await renderWithEntity(<EcsTrafficContent />, { api });
    expect(await screen.findByText('No traffic to show')).toBeInTheDocument();
  });

  it('shows an error with a retry', async () => {
    const api = fakeApi({
      getTraffic: jest
        .fn()
        .mockRejectedValueOnce(
          await responseError(
            403,
            'elasticloadbalancing:DescribeListeners is not allowed for the backend role',
          ),
        )
        .mockResolvedValue(trafficResponse(0)),
    });
    await renderWithEntity(<EcsTrafficContent />, { api });
    expect(
      (await screen.findAllByText(/DescribeListeners is not allowed/)).length,
    ).toBeGreaterThan(0);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText('No deployment is shifting traffic.'),
    ).toBeInTheDocument();
  });

  it('continues a waiting shift, and disables it for a user who may not', async () => {
    const performAction = jest.fn().mockResolvedValue({
      message: 'Rerouting traffic',
      ledgerEntry: {},
    });
    const api = fakeApi({
      getTraffic: jest
        .fn()
        .mockResolvedValue(
          trafficResponse(
            0,
            'WAITING',
            waitingDeploymentOffers('codedeploy:d-CANARY1'),
          ),
        ),
      performAction,
    });
    await renderWithEntity(<EcsTrafficContent refreshIntervalMs={60_000} />, {
      api,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Continue' }),
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Continue' }),
    );
    expect(
      await within(dialog).findByText('Rerouting traffic'),
    ).toBeInTheDocument();
    expect(performAction).toHaveBeenCalledWith(
      expect.anything(),
      {
        action: 'continue',
        environment: 'prod',
        deploymentId: 'codedeploy:d-CANARY1',
      },
      { idempotencyKey: expect.any(String) },
    );
  });

  it('disables the shift controls with the reason for a user who may not act', async () => {
    const api = fakeApi({
      getTraffic: jest
        .fn()
        .mockResolvedValue(
          trafficResponse(
            0,
            'WAITING',
            waitingDeploymentOffers('codedeploy:d-CANARY1'),
          ),
        ),
    });
    await renderWithEntity(<EcsTrafficContent refreshIntervalMs={60_000} />, {
      api,
      authorize: AuthorizeResult.DENY,
    });
    const button = await screen.findByRole('button', { name: 'Roll back' });
    await waitFor(() =>
      expect(button).toHaveAccessibleDescription(
        'You are not allowed to roll back for this entity.',
      ),
    );
    expect(button).toBeDisabled();
  });

  it('shows the controls the backend offers on the shifting deployment, as each snapshot carries them', async () => {
    const deploymentId = 'codedeploy:d-CANARY1';
    const getTraffic = jest
      .fn()
      .mockResolvedValueOnce(
        trafficResponse(0, 'WAITING', waitingDeploymentOffers(deploymentId)),
      )
      .mockResolvedValue(
        trafficResponse(100, 'SHIFTING', [
          unavailable(
            'continue',
            'Traffic has moved; nothing waits for a person.',
            { deploymentId },
          ),
          available('finish-early', { deploymentId }),
          available('rollback', { deploymentId }),
        ]),
      );
    const getDeployment = jest.fn();
    const api = fakeApi({ getTraffic, getDeployment });
    await renderWithEntity(
      <EcsTrafficContent
        refreshIntervalMs={20}
        idleRefreshIntervalMs={60_000}
      />,
      { api },
    );

    const finish = await screen.findByRole('button', { name: 'Finish early' });
    await waitFor(() => expect(finish).toBeEnabled());
    const continueButton = screen.getByRole('button', { name: 'Continue' });
    expect(continueButton).toBeDisabled();
    expect(continueButton).toHaveAccessibleDescription(
      'Traffic has moved; nothing waits for a person.',
    );
    // The offers come with the snapshot: no read per deployment.
    expect(getDeployment).not.toHaveBeenCalled();
  });

  it('says a deployment that has not moved traffic yet is starting', async () => {
    const api = fakeApi({
      getTraffic: jest
        .fn()
        .mockResolvedValue(trafficResponse(0, 'PROVISIONING')),
    });
    await renderWithEntity(<EcsTrafficContent refreshIntervalMs={60_000} />, {
      api,
    });
    expect(
      await screen.findByText(/Starting: .*traffic has not moved yet/),
    ).toBeInTheDocument();
    expect(screen.getByText(/0% on the replacement/)).toBeInTheDocument();
  });

  it('shows no controls on a shift the backend offers nothing on', async () => {
    const api = fakeApi({
      getTraffic: jest.fn().mockResolvedValue(trafficResponse(10, 'SHIFTING')),
    });
    await renderWithEntity(<EcsTrafficContent refreshIntervalMs={60_000} />, {
      api,
    });
    expect(
      await screen.findByText(/10% on the replacement/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Continue' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Roll back' })).toBeNull();
  });

  it('keeps polling after a failed refresh and clears the failure by itself', async () => {
    // The poll after the failure answers once the test has seen the failure.
    let answer: () => void = () => {};
    const recovered = new Promise<void>(resolve => {
      answer = resolve;
    });
    const getTraffic = jest
      .fn()
      .mockResolvedValueOnce(trafficResponse(10, 'SHIFTING'))
      .mockRejectedValueOnce(
        await responseError(503, 'AWS is throttling ecs:DescribeServices'),
      )
      .mockImplementation(() =>
        recovered.then(() => trafficResponse(50, 'SHIFTING')),
      );
    const api = fakeApi({ getTraffic });
    await renderWithEntity(
      <EcsTrafficContent
        refreshIntervalMs={50}
        idleRefreshIntervalMs={60_000}
      />,
      { api },
    );
    // The failed refresh shows, with the last snapshot kept...
    expect(
      await screen.findByText('The last refresh failed'),
    ).toBeInTheDocument();
    expect(screen.getByText(/10% on the replacement/)).toBeInTheDocument();
    // ...and the next poll, not a click on "Refresh now", brings it back.
    await waitFor(() => expect(getTraffic).toHaveBeenCalledTimes(3));
    answer();
    expect(
      await screen.findByText(/50% on the replacement/),
    ).toBeInTheDocument();
    expect(screen.queryByText('The last refresh failed')).toBeNull();
  });

  it('names the EXTERNAL controller of a task-set service once', async () => {
    const [prod] = trafficResponse(0).environments;
    const api = fakeApi({
      getTraffic: jest.fn().mockResolvedValue({
        environments: [
          {
            ...prod,
            controller: 'EXTERNAL',
            strategy: { kind: 'EXTERNAL' },
          },
        ],
      }),
    });
    await renderWithEntity(<EcsTrafficContent />, { api });
    const subheader = await screen.findByText(/^EXTERNAL · observed /);
    expect(subheader.textContent).not.toMatch(/EXTERNAL EXTERNAL/);
  });

  it("says an EXTERNAL release waits for its next step, with that step's controls", async () => {
    const release = 'ecs:ecs-svc.4030618036066022020';
    const [prod] = trafficResponse(0, 'WAITING', [
      available('shift-traffic', {
        deploymentId: release,
        percent: 10,
        fromPercent: 0,
      }),
      available('promote-release', { deploymentId: release }),
      available('abort-release', { deploymentId: release }),
    ]).environments;
    const api = fakeApi({
      getTraffic: jest.fn().mockResolvedValue({
        environments: [
          {
            ...prod,
            controller: 'EXTERNAL',
            strategy: { kind: 'EXTERNAL' },
          },
        ],
      }),
    });
    await renderWithEntity(<EcsTrafficContent />, { api });
    expect(
      await screen.findByText(
        /^Release ready: the test listener routes to the new task set/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Waiting for someone to continue/)).toBeNull();
    for (const name of ['Shift to 10%', 'Promote release', 'Abort release']) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
  });
});
