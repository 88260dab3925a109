import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  renderWithEntity,
  testEntity,
} from '../../__testUtils__/renderWithEntity';
import { fakeApi, responseError } from '../../__testUtils__/fakeApi';
import {
  MISSING_ANNOTATIONS_MARKER,
  parseEcsDeployAnnotations,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import {
  available,
  environment,
  environmentsResponse,
  historyItems,
  ledgerEntry,
  missingService,
  summary,
  unavailable,
  unreadableEnvironment,
} from '../../__fixtures__/data';
import { EcsDeploymentsContent } from './EcsDeploymentsContent';

describe('EcsDeploymentsContent', () => {
  it('shows setup instructions for an entity without annotations and calls nothing', async () => {
    const api = fakeApi();
    await renderWithEntity(<EcsDeploymentsContent />, {
      api,
      entity: { ...testEntity, metadata: { name: 'plain', annotations: {} } },
    });
    expect(
      await screen.findByText(/ecs-deploy.io\/service-arn.<environment>/),
    ).toBeInTheDocument();
    expect(api.getEnvironments).not.toHaveBeenCalled();
  });

  it('shows an environment the backend could not read in its place, and keeps the others', async () => {
    const [dev, staging, prod] = environmentsResponse.environments;
    const unreadableStaging =
      'staging could not be read just now: AWS is throttling ecs:DescribeServices';
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue({
        ...environmentsResponse,
        environments: [
          {
            ...dev,
            offers: [
              unavailable('promote', unreadableStaging, { from: 'dev' }),
            ],
          },
          {
            ...staging,
            error: {
              name: 'ServiceUnavailableError',
              message: 'AWS is throttling ecs:DescribeServices',
              code: 'ThrottlingException',
              statusCode: 503,
            },
          },
          prod,
        ],
      }),
      getHistory: jest.fn().mockResolvedValue({ items: historyItems }),
    });
    await renderWithEntity(<EcsDeploymentsContent />, { api });

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'staging could not be read just now: AWS is throttling ecs:DescribeServices',
    );
    expect(screen.getByText('Not readable')).toBeInTheDocument();
    expect(screen.getByLabelText('dev environment')).toBeInTheDocument();
    expect(screen.getByLabelText('prod environment')).toBeInTheDocument();
    expect(screen.queryByLabelText('staging environment')).toBeNull();
    // Promoting into an environment nobody can see now waits, as the
    // backend's offer says: no button, the reason in one line.
    const devCard = screen
      .getByLabelText('dev environment')
      .closest('.bui-Card') as HTMLElement;
    expect(
      within(devCard).queryByRole('button', { name: 'Promote to staging' }),
    ).toBeNull();
    expect(within(devCard).getByRole('note')).toHaveTextContent(
      `Promote to staging: ${unreadableStaging}`,
    );
  });

  it('shows a progress bar while the environments load', async () => {
    const api = fakeApi({
      getEnvironments: jest.fn(() => new Promise(() => {})),
    });
    await renderWithEntity(<EcsDeploymentsContent />, { api });
    expect(
      await screen.findByRole('progressbar', { name: 'Loading environments' }),
    ).toBeInTheDocument();
  });

  it('shows each environment with what it runs, and the history with the ledger', async () => {
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
      getHistory: jest.fn().mockResolvedValue({ items: historyItems }),
      getLedger: jest.fn().mockResolvedValue({ items: [ledgerEntry] }),
    });
    await renderWithEntity(<EcsDeploymentsContent />, { api });

    const prod = await screen.findByLabelText('prod environment');
    expect(within(prod).getAllByText('3ed9bd7')).toHaveLength(2); // tag and commit
    expect(within(prod).getByText('9f86d081884c')).toBeInTheDocument();
    expect(within(prod).getByText('payments-api:12')).toBeInTheDocument();
    expect(within(prod).getByText('3/3 running')).toBeInTheDocument();
    expect(screen.getByText('Waiting for you')).toBeInTheDocument();

    // history rows, newest first, with who acted from the portal
    expect(
      await screen.findByRole('link', { name: 'Details of codedeploy:d-OK2' }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('deployment=codedeploy%3Ad-OK2'),
    );
    expect(screen.getAllByText('continued by guest').length).toBeGreaterThan(0);
    // what was deployed, and who started a deployment no pipeline started
    expect(screen.getByText('commit abcdef0')).toBeInTheDocument();
    expect(screen.getByText('by jane')).toBeInTheDocument();
    // a rolled back deployment links to the deployment that rolled it back
    expect(screen.getByRole('link', { name: 'rolled back' })).toHaveAttribute(
      'href',
      expect.stringContaining('deployment=codedeploy%3Ad-RB1'),
    );
    expect(screen.getAllByText('payments-api:11 → :12').length).toBeGreaterThan(
      0,
    );
  });

  it('shows a pipeline run and the deployment it started as one release row', async () => {
    const executionId = 'pipeline:67c5a91d-11e6-4fc6-84a2-000000000873';
    const deployment = summary({
      id: 'codedeploy:d-4S8RX0T5H',
      environment: 'staging',
      status: 'ROLLED_BACK',
      rollback: { rolledBack: true, byDeploymentId: 'codedeploy:d-RB9' },
      startedAt: '2024-06-10T09:02:00Z',
      taskDefinitionFrom: {
        arn: 'arn:aws:ecs:eu-west-1:2:task-definition/payments-api:11',
        family: 'payments-api',
        revision: 11,
      },
      taskDefinitionTo: {
        arn: 'arn:aws:ecs:eu-west-1:2:task-definition/payments-api:12',
        family: 'payments-api',
        revision: 12,
      },
      links: { pipelineExecutionId: executionId },
      portalActions: [
        {
          ...ledgerEntry,
          id: 'l-9',
          deploymentId: 'codedeploy:d-4S8RX0T5H',
        },
      ],
    });
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
      getHistory: jest.fn().mockResolvedValue({
        items: [
          summary({
            id: executionId,
            kind: 'pipeline',
            environment: 'staging',
            status: 'FAILED',
            startedAt: '2024-06-10T09:00:00Z',
            pipelineName: 'payments-api-staging',
            trigger: {
              kind: 'pipeline',
              actor: 'arn:aws:events:eu-west-1:2:rule/x',
              imageTag: '3ed9bd7c',
              imageDigest: `sha256:${'9f86d081884c'.padEnd(64, '0')}`,
              appCommitId: '3ed9bd7c',
              commitId: '1a2b3c4d5e',
            },
            taskDefinitionFrom: undefined,
            taskDefinitionTo: undefined,
            links: { deploymentIds: [deployment.id] },
            deployments: [deployment],
          }),
        ],
      }),
    });
    await renderWithEntity(<EcsDeploymentsContent />, { api });
    const history = await screen.findByRole('region', {
      name: 'Deployment history',
    });
    const release = await within(history).findByRole('link', {
      name: `Details of ${executionId}`,
    });
    // one row: the run with its deployment inside
    const row = release.closest('tr') as HTMLElement;
    expect(within(history).getAllByRole('row')).toHaveLength(2); // + header
    // short ids on one line, the full id on hover
    expect(release).toHaveTextContent(/^Pipeline run 67c5a91d$/);
    expect(release).toHaveAttribute(
      'title',
      '67c5a91d-11e6-4fc6-84a2-000000000873',
    );
    const inner = within(row).getByRole('link', {
      name: 'Details of codedeploy:d-4S8RX0T5H',
    });
    expect(inner).toHaveTextContent(/^CodeDeploy d-4S8RX0$/);
    expect(inner).toHaveAttribute(
      'href',
      expect.stringContaining('deployment=codedeploy%3Ad-4S8RX0T5H'),
    );
    // the deployment's revision and traffic outcome on the release row
    expect(within(row).getByText('payments-api:11 → :12')).toBeInTheDocument();
    expect(
      within(row).getByText('traffic back on the previous revision'),
    ).toBeInTheDocument();
    expect(within(row).getByText('Failed')).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: 'rolled back' }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('deployment=codedeploy%3Ad-RB9'),
    );
    // the app's commit and the infrastructure repository's
    expect(
      within(row).getByText(
        'image 3ed9bd7c @9f86d081884c, app 3ed9bd7 · infra 1a2b3c4',
      ),
    ).toBeInTheDocument();
    expect(
      within(row).getByText('via payments-api-staging'),
    ).toBeInTheDocument();
    // the deployment's portal actions show on its release
    expect(within(row).getByText('continued by guest')).toBeInTheDocument();
  });

  it('shows the portal actions the backend attaches to history entries', async () => {
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
      getHistory: jest.fn().mockResolvedValue({
        items: [
          summary({
            id: 'pipeline:exec-7',
            kind: 'pipeline',
            portalActions: [
              {
                ...ledgerEntry,
                id: 'l-7',
                action: 'approve',
                decision: 'Approved',
                actor: 'user:default/jane',
                deploymentId: 'pipeline:exec-7',
              },
            ],
          }),
        ],
      }),
    });
    await renderWithEntity(<EcsDeploymentsContent />, { api });
    expect(await screen.findByText('approved by jane')).toBeInTheDocument();
  });

  it('shows an empty state when the backend finds no services', async () => {
    const api = fakeApi({
      getEnvironments: jest
        .fn()
        .mockResolvedValue({ entityRef: 'x', environments: [] }),
    });
    await renderWithEntity(<EcsDeploymentsContent />, { api });
    expect(
      await screen.findByText('No ECS services found'),
    ).toBeInTheDocument();
  });

  it('shows the error with a retry that reloads', async () => {
    const api = fakeApi({
      getEnvironments: jest
        .fn()
        .mockRejectedValueOnce(
          await responseError(
            503,
            'AWS is throttling ecs:DescribeServices; retry in 2 s',
          ),
        )
        .mockResolvedValue(environmentsResponse),
    });
    await renderWithEntity(<EcsDeploymentsContent />, { api });
    expect(
      (await screen.findAllByText(/AWS is throttling ecs:DescribeServices/))
        .length,
    ).toBeGreaterThan(0);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByLabelText('prod environment'),
    ).toBeInTheDocument();
    expect(api.getEnvironments).toHaveBeenCalledTimes(2);
  });

  it("turns the backend's no-annotations 404 into setup instructions", async () => {
    const message = `Entity component:default/payments-api ${MISSING_ANNOTATIONS_MARKER}; add one of: ecs-deploy.io/service-arn.<environment>`;
    const api = fakeApi({
      getEnvironments: jest
        .fn()
        .mockRejectedValue(await responseError(404, message)),
    });
    await renderWithEntity(<EcsDeploymentsContent />, { api });
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(screen.getByText('Missing Annotation')).toBeInTheDocument();
  });

  it('says which resource AWS does not know instead of asking for annotations', async () => {
    const { message } = missingService('prod');
    const api = fakeApi({
      getEnvironments: jest
        .fn()
        .mockRejectedValue(
          await responseError(404, message, 'ResourceNotFound'),
        ),
    });
    await renderWithEntity(<EcsDeploymentsContent />, { api });
    expect(await screen.findByText('Not found in AWS')).toBeInTheDocument();
    expect(
      screen.getByText(
        'ECS service payments-api was not found in 333333333333 / eu-west-1 (ecs-deploy.io/service-arn.prod)',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Missing Annotation')).toBeNull();
  });

  it('shows an environment whose service AWS does not know in its place, without a controller', async () => {
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
      getHistory: jest.fn().mockResolvedValue({
        items: historyItems,
        unreadable: [{ environment: 'prod', error: missingService('prod') }],
      }),
    });
    await renderWithEntity(<EcsDeploymentsContent />, { api });

    const text =
      'ECS service payments-api was not found in 333333333333 / eu-west-1 (ecs-deploy.io/service-arn.prod)';
    expect(
      await screen.findByText(`Not in this history: ${text}`),
    ).toBeInTheDocument();
    const alerts = screen.getAllByRole('alert');
    expect(alerts.map(a => a.textContent)).toEqual(
      expect.arrayContaining([text, `Not in this history: ${text}`]),
    );
    expect(screen.getByText('Not found')).toBeInTheDocument();
    expect(screen.queryByText('Missing Annotation')).toBeNull();
    expect(screen.queryByText(/could not be read just now/)).toBeNull();
    // Only the readable environments say how they deploy.
    expect(screen.getAllByText(/CodeDeploy blue\/green/)).toHaveLength(2);
  });

  it('offers promotion only between the environments a template-made entity has', async () => {
    // What the ECS service template wrote: the suite's keys and the awslabs
    // pair for prod. The backend answers one overview per environment the
    // shared parser finds.
    const entity = {
      ...testEntity,
      metadata: {
        name: 'payments-api',
        annotations: {
          'ecs-deploy.io/environments': 'dev,staging,prod',
          ...Object.fromEntries(
            ['dev', 'staging', 'prod'].flatMap(env => [
              [
                `ecs-deploy.io/service-arn.${env}`,
                environment(env).service.arn,
              ],
              [
                `ecs-deploy.io/pipeline-arn.${env}`,
                `arn:aws:codepipeline:eu-west-1:111111111111:payments-api-${env}`,
              ],
            ]),
          ),
          'aws.amazon.com/amazon-ecs-service-arn':
            environment('prod').service.arn,
          'aws.amazon.com/aws-codepipeline-arn':
            'arn:aws:codepipeline:eu-west-1:111111111111:payments-api-prod',
        },
      },
    };
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue({
        entityRef: 'component:default/payments-api',
        environments: parseEcsDeployAnnotations(entity).environments.map(e =>
          environment(e.name),
        ),
      }),
      getHistory: jest.fn().mockResolvedValue({ items: [] }),
    });
    await renderWithEntity(<EcsDeploymentsContent />, { api, entity });

    expect(
      await screen.findByRole('button', { name: 'Promote to staging' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Promote to prod' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Promote to default' }),
    ).toBeNull();
    expect(screen.queryByLabelText('default environment')).toBeNull();
  });

  it('filters the history by status through the backend', async () => {
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
      getHistory: jest.fn().mockResolvedValue({ items: historyItems }),
    });
    await renderWithEntity(<EcsDeploymentsContent />, { api });
    await screen.findByRole('link', { name: 'Details of codedeploy:d-OK2' });

    await userEvent.click(
      screen.getByRole('button', { name: 'All statuses Status' }),
    );
    await userEvent.click(screen.getByRole('option', { name: 'Rolled back' }));
    await waitFor(() =>
      expect(api.getHistory).toHaveBeenLastCalledWith(
        expect.objectContaining({ name: 'payments-api' }),
        expect.objectContaining({ status: ['ROLLED_BACK'], cursor: undefined }),
        { fresh: false },
      ),
    );
  });

  it('pages through 1,000 entries rendering one table page at a time', async () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      summary({
        id: `codedeploy:d-${String(i).padStart(4, '0')}`,
        environment: 'dev',
      }),
    );
    // Two pages of 500 (more than the client asks for, so the test stays
    // quick): the table must still render only one page of rows.
    const getHistory = jest.fn((_entity, query) =>
      Promise.resolve(
        query.cursor
          ? { items: many.slice(500) }
          : { items: many.slice(0, 500), nextCursor: 'page-2' },
      ),
    );
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
      getHistory,
    });
    await renderWithEntity(<EcsDeploymentsContent />, { api });
    await screen.findByRole('link', { name: 'Details of codedeploy:d-0000' });

    await userEvent.click(
      screen.getByRole('button', { name: 'Load older deployments' }),
    );
    await screen.findByText('1000 loaded');
    expect(
      screen.queryByRole('button', { name: 'Load older deployments' }),
    ).not.toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: /^Details of/ })).toHaveLength(
      20,
    );
    expect(getHistory).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.objectContaining({ cursor: 'page-2' }),
      { fresh: false },
    );
  }, 60_000);

  it('continues a waiting deployment after confirmation, then shows who did it', async () => {
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
      getLedger: jest
        .fn()
        .mockResolvedValueOnce({ items: [] })
        .mockResolvedValue({ items: [ledgerEntry] }),
      performAction: jest.fn().mockResolvedValue({
        message: 'Traffic is shifting to the replacement task set.',
        ledgerEntry,
      }),
    });
    await renderWithEntity(<EcsDeploymentsContent />, { api });
    const prod = await screen.findByLabelText('prod environment');
    const prodCard = prod.closest('.bui-Card') as HTMLElement;
    await userEvent.click(
      within(prodCard).getByRole('button', { name: 'Continue' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Continue the deployment in prod?',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Continue' }),
    );

    // in the dialog, and as the app's alert
    expect(
      await within(dialog).findByText(
        'Traffic is shifting to the replacement task set.',
      ),
    ).toBeInTheDocument();
    expect(api.performAction).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'payments-api' }),
      {
        action: 'continue',
        environment: 'prod',
        deploymentId: 'codedeploy:d-WAIT1',
      },
      { idempotencyKey: expect.any(String) },
    );
    // the view reloads to show the new state, the history from its newest
    // entry, and the ledger entry naming the user
    await waitFor(() => expect(api.getEnvironments).toHaveBeenCalledTimes(2));
    await waitFor(() =>
      expect(
        api.getHistory.mock.calls.filter(([, q]) => q.limit === 50),
      ).toHaveLength(2),
    );
    expect(
      await screen.findByText('prod: continued by guest'),
    ).toBeInTheDocument();
  });

  it('promotes after showing what changes, and surfaces a refusal', async () => {
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
      getPromotionPreview: jest.fn().mockResolvedValue({
        from: 'dev',
        to: 'staging',
        targetTag: 'staging',
        image: {
          repository: 'payments-api',
          digest: 'sha256:aaaabbbbccccdddd',
          tags: ['3ed9bd7', 'dev'],
          commitId: '3ed9bd7',
        },
        current: {
          repository: 'payments-api',
          digest: 'sha256:111122223333',
          tags: ['staging'],
        },
      }),
      performAction: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            409,
            'The tag staging is immutable and already taken',
          ),
        ),
    });
    await renderWithEntity(<EcsDeploymentsContent />, { api });
    await screen.findByLabelText('dev environment');
    await userEvent.click(
      screen.getByRole('button', { name: 'Promote to staging' }),
    );

    const dialog = screen.getByRole('dialog', {
      name: 'Promote dev to staging?',
    });
    expect(
      await within(dialog).findByText('commit 3ed9bd7, aaaabbbbcccc'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('What the promotion changes'),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('111122223333')).toBeInTheDocument();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Promote' }),
    );
    expect(
      await within(dialog).findByText(
        'The tag staging is immutable and already taken',
      ),
    ).toBeInTheDocument();
    expect(api.performAction).toHaveBeenCalledWith(
      expect.anything(),
      {
        action: 'promote',
        environment: 'staging',
        from: 'dev',
        imageDigest: 'sha256:aaaabbbbccccdddd',
      },
      { idempotencyKey: expect.any(String) },
    );
  });

  it('approves a pipeline waiting for a person, with a comment', async () => {
    const waiting = {
      ...environmentsResponse,
      environments: [
        environmentsResponse.environments[0],
        environmentsResponse.environments[1],
        {
          ...environmentsResponse.environments[2],
          lastDeployment: summary({
            id: 'pipeline:exec-9',
            kind: 'pipeline',
            status: 'WAITING',
            pipelineName: 'payments-api-prod',
            offers: [available('approve', { pipelineExecutionId: 'exec-9' })],
          }),
          waitingForAction: true,
          pipeline: { name: 'payments-api-prod', waitingExecutionId: 'exec-9' },
          offers: [
            available('approve', { pipelineExecutionId: 'exec-9' }),
            unavailable(
              'start-pipeline',
              'payments-api-prod is already running.',
            ),
          ],
        },
      ],
    };
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(waiting),
      performAction: jest
        .fn()
        .mockResolvedValue({ message: 'Approved', ledgerEntry }),
    });
    await renderWithEntity(<EcsDeploymentsContent />, { api });
    const prodCard = (await screen.findByLabelText('prod environment')).closest(
      '.bui-Card',
    ) as HTMLElement;
    const devCard = screen
      .getByLabelText('dev environment')
      .closest('.bui-Card') as HTMLElement;
    // No approval waits in dev: not offered there.
    expect(
      within(devCard).queryByRole('button', { name: 'Approve' }),
    ).toBeNull();

    // The execution's approval is the environment's: shown once.
    expect(
      within(prodCard).getAllByRole('button', { name: 'Approve' }),
    ).toHaveLength(1);
    await userEvent.click(
      within(prodCard).getByRole('button', { name: 'Approve' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Approve payments-api-prod?',
    });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /comment/i }),
      'canary looks healthy',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    expect(await within(dialog).findByText('Approved')).toBeInTheDocument();
    expect(api.performAction).toHaveBeenCalledWith(
      expect.anything(),
      {
        action: 'approve',
        environment: 'prod',
        pipelineExecutionId: 'exec-9',
        decision: 'Approved',
        comment: 'canary looks healthy',
      },
      { idempotencyKey: expect.any(String) },
    );
  });

  it('keeps a blocked promotion from being confirmed and says why', async () => {
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
      getPromotionPreview: jest.fn().mockResolvedValue({
        from: 'dev',
        to: 'staging',
        targetTag: 'staging',
        image: {
          repository: 'payments-api',
          digest: 'sha256:aaaa',
          tags: ['dev'],
        },
        current: {
          repository: 'payments-api',
          digest: 'sha256:aaaa',
          tags: ['staging'],
        },
        blockedReason: 'staging already runs sha256:aaaa',
      }),
    });
    await renderWithEntity(<EcsDeploymentsContent />, { api });
    await screen.findByLabelText('dev environment');
    await userEvent.click(
      screen.getByRole('button', { name: 'Promote to staging' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(
      await within(dialog).findByText('staging already runs sha256:aaaa'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Promote' }),
    ).toBeDisabled();
    expect(api.performAction).not.toHaveBeenCalled();
  });

  it("renders each environment's controls from the backend's offers", async () => {
    const [dev, staging] = environmentsResponse.environments;
    const baking = environment('prod', {
      deploymentInProgress: true,
      system: { id: 'ecsNative', label: 'ECS blue/green' },
      lastDeployment: summary({
        id: 'ecs:arn-7',
        kind: 'ecs',
        status: 'BAKING',
        offers: [
          available('finish-early', { deploymentId: 'ecs:arn-7' }),
          available('rollback', { deploymentId: 'ecs:arn-7' }),
        ],
      }),
      offers: [
        unavailable('start-pipeline', 'payments-api-prod is already running.'),
      ],
    });
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue({
        ...environmentsResponse,
        environments: [dev, staging, baking],
      }),
    });
    await renderWithEntity(<EcsDeploymentsContent />, { api });
    const prodCard = (await screen.findByLabelText('prod environment')).closest(
      '.bui-Card',
    ) as HTMLElement;

    expect(within(prodCard).getByText(/ECS blue\/green/)).toBeInTheDocument();
    const finish = within(prodCard).getByRole('button', {
      name: 'Finish early',
    });
    await waitFor(() => expect(finish).toBeEnabled());
    expect(
      within(prodCard).getByRole('button', { name: 'Roll back' }),
    ).toBeEnabled();
    // Not applicable now, or not offered: not shown.
    expect(
      within(prodCard).queryByRole('button', { name: 'Start pipeline' }),
    ).toBeNull();
    expect(
      within(prodCard).queryByRole('button', { name: 'Continue' }),
    ).toBeNull();
    expect(
      within(prodCard).queryByRole('button', { name: 'Approve' }),
    ).toBeNull();
    // staging promotes to prod as its offer says; prod, the last, to nowhere.
    expect(
      screen.getByRole('button', { name: 'Promote to prod' }),
    ).toBeInTheDocument();
    expect(
      within(prodCard).queryByRole('button', { name: /^Promote/ }),
    ).toBeNull();
  });

  it('disables the controls with the reason when the user may not act', async () => {
    const api = fakeApi({
      getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
    });
    await renderWithEntity(<EcsDeploymentsContent />, {
      api,
      authorize: AuthorizeResult.DENY,
    });
    const prod = await screen.findByLabelText('prod environment');
    const prodCard = prod.closest('.bui-Card') as HTMLElement;
    const button = within(prodCard).getByRole('button', { name: 'Continue' });
    await waitFor(() =>
      expect(button).toHaveAccessibleDescription(
        'You are not allowed to continue for this entity.',
      ),
    );
    expect(button).toBeDisabled();
    expect(
      within(prodCard).getByRole('button', { name: 'Start pipeline' }),
    ).toBeDisabled();
  });
});
