import { act } from 'react';
import { screen, within } from '@testing-library/react';
import { EnvironmentTasks } from '@ecs-deploy/plugin-ecs-deploy-common';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { fakeApi, responseError } from '../../__testUtils__/fakeApi';
import {
  ecsDeploySignal,
  FakeSignalApi,
} from '../../__testUtils__/fakeSignals';
import {
  environmentsResponse,
  historyItems,
  runningTasksResponse,
} from '../../__fixtures__/data';
import { EcsDeploymentsContent } from './EcsDeploymentsContent';

function tabApi(getRunningTasks: jest.Mock) {
  return fakeApi({
    getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
    getHistory: jest.fn().mockResolvedValue({ items: historyItems }),
    getRunningTasks,
  });
}

async function settle() {
  await act(async () => {
    await new Promise(r => setTimeout(r, 20));
  });
}

const section = (environment: string) =>
  screen.findByRole('region', { name: `${environment} running tasks` });

describe('Running tasks on the Deployments tab', () => {
  it('shows each environment’s tasks with revision, status, health, age and deployment', async () => {
    const api = tabApi(jest.fn().mockResolvedValue(runningTasksResponse));
    await renderWithEntity(<EcsDeploymentsContent />, { api });

    expect(
      await screen.findByRole('heading', { name: 'Running tasks' }),
    ).toBeInTheDocument();
    const prod = within(await section('prod'));
    const rows = prod.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);

    const running = within(rows[0]);
    expect(running.getByText('a1b2c3d4')).toHaveAttribute(
      'title',
      'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    );
    expect(running.getByText('payments-api:12')).toBeInTheDocument();
    expect(running.getByText('running')).toBeInTheDocument();
    expect(running.getByText('Healthy')).toBeInTheDocument();
    expect(running.getByText(/ago$/)).toBeInTheDocument();
    const link = running.getByRole('link', { name: /CodeDeploy d-ABCDEF/ });
    expect(link.getAttribute('href')).toContain(
      'deployment=codedeploy%3Ad-ABCDEF123',
    );
    expect(link.getAttribute('href')).toContain('environment=prod');

    const pending = within(rows[1]);
    expect(pending.getByText('payments-api:13')).toBeInTheDocument();
    expect(pending.getByText('pending → running')).toBeInTheDocument();
    expect(pending.getByText('Unknown')).toBeInTheDocument();
    expect(pending.getByText('starting')).toBeInTheDocument();
    // No deployment named: who started it, as ECS says.
    expect(
      pending.getByText('ecs-svc/9999999999999999999'),
    ).toBeInTheDocument();
    expect(prod.getByText(/1 running, 1 starting or stopping/)).toBeVisible();

    // An environment without tasks says so; one that could not be read, why.
    expect(
      within(await section('dev')).getByText('No running tasks'),
    ).toBeInTheDocument();
    expect(
      within(await section('staging')).getByText(/throttling/),
    ).toBeInTheDocument();
  });

  it('reads only the environment a signal names, fresh, and keeps the others', async () => {
    const prodOnly: EnvironmentTasks = {
      environment: 'prod',
      observedAt: '2024-06-10T09:06:00Z',
      tasks: [],
    };
    const getRunningTasks = jest
      .fn()
      .mockResolvedValueOnce(runningTasksResponse)
      .mockResolvedValueOnce({ environments: [prodOnly] });
    const api = tabApi(getRunningTasks);
    const signals = new FakeSignalApi();
    await renderWithEntity(<EcsDeploymentsContent />, { api, signals });
    expect(
      within(await section('prod')).getByText('payments-api:12'),
    ).toBeInTheDocument();
    expect(getRunningTasks).toHaveBeenCalledTimes(1);

    signals.broadcast(ecsDeploySignal('prod'));
    await settle();

    expect(getRunningTasks).toHaveBeenCalledTimes(2);
    expect(getRunningTasks).toHaveBeenLastCalledWith(
      expect.objectContaining({ name: 'payments-api' }),
      { environment: 'prod', fresh: true },
    );
    expect(
      within(await section('prod')).getByText('No running tasks'),
    ).toBeInTheDocument();
    expect(
      within(await section('staging')).getByText(/throttling/),
    ).toBeInTheDocument();
  });

  it('says when the tasks could not be read, with a retry', async () => {
    const getRunningTasks = jest
      .fn()
      .mockRejectedValue(await responseError(500, 'The backend fell over'));
    const api = tabApi(getRunningTasks);
    await renderWithEntity(<EcsDeploymentsContent />, { api });
    expect(
      await screen.findByText('Running tasks could not be read'),
    ).toBeInTheDocument();
    expect(screen.getByText('The backend fell over')).toBeInTheDocument();
  });
});
