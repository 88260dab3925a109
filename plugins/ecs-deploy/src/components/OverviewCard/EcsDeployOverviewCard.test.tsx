import { screen, within } from '@testing-library/react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { fakeApi, responseError } from '../../__testUtils__/fakeApi';
import {
  environmentsResponse,
  missingService,
  unreadableEnvironment,
} from '../../__fixtures__/data';
import { EcsDeployOverviewCard } from './EcsDeployOverviewCard';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('EcsDeployOverviewCard', () => {
  it('shows each environment and links to the tabs', async () => {
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
    });
    await renderWithEntity(<EcsDeployOverviewCard />, { api, mountedRoutes });

    const table = await screen.findByRole('table', {
      name: 'ECS environments',
    });
    const prod = within(table).getByRole('row', { name: /prod/ });
    expect(within(prod).getByText('3ed9bd7 (rev 12)')).toBeInTheDocument();
    expect(within(prod).getByText('Waiting for you')).toBeInTheDocument();
    expect(within(prod).getByText('Waiting')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'View traffic' })).toHaveAttribute(
      'href',
      expect.stringMatching(
        /\/catalog\/test-\d+\/component\/payments-api\/traffic$/,
      ),
    );
    expect(screen.getByText('View deployments').closest('a')).toHaveAttribute(
      'href',
      expect.stringMatching(/\/payments-api\/deployments$/),
    );
  });

  it('says which service AWS does not know, in its row', async () => {
    const [dev, staging] = environmentsResponse.environments;
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue({
        ...environmentsResponse,
        environments: [
          dev,
          staging,
          unreadableEnvironment('prod', missingService('prod')),
        ],
      }),
    });
    await renderWithEntity(<EcsDeployOverviewCard />, { api, mountedRoutes });

    const table = await screen.findByRole('table', {
      name: 'ECS environments',
    });
    const prod = within(table).getByRole('row', { name: /prod/ });
    expect(
      within(prod).getByText(
        'ECS service payments-api was not found in 333333333333 / eu-west-1 (ecs-deploy.io/service-arn.prod)',
      ),
    ).toBeInTheDocument();
    expect(within(prod).getByText('Not found')).toBeInTheDocument();
  });

  it('says which service AWS does not know when it is the only one', async () => {
    const api = fakeApi({
      getEnvironments: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            404,
            missingService('prod').message,
            'ResourceNotFound',
          ),
        ),
    });
    await renderWithEntity(<EcsDeployOverviewCard />, { api, mountedRoutes });
    expect(await screen.findByText('Not found in AWS')).toBeInTheDocument();
    expect(
      screen.getByText(
        'ECS service payments-api was not found in 333333333333 / eu-west-1 (ecs-deploy.io/service-arn.prod)',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Missing Annotation')).toBeNull();
  });

  it('shows a progress bar while loading', async () => {
    const api = fakeApi({
      getEnvironments: jest.fn(() => new Promise(() => {})),
    });
    await renderWithEntity(<EcsDeployOverviewCard />, { api, mountedRoutes });
    expect(
      await screen.findByRole('progressbar', { name: 'Loading environments' }),
    ).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const api = fakeApi({
      getEnvironments: jest
        .fn()
        .mockRejectedValue(
          await responseError(403, 'You may not read payments-api'),
        ),
    });
    await renderWithEntity(<EcsDeployOverviewCard />, { api, mountedRoutes });
    expect(
      (await screen.findAllByText(/You may not read payments-api/)).length,
    ).toBeGreaterThan(0);
  });
});
