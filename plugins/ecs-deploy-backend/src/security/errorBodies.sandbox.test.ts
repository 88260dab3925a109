import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
import request from 'supertest';
import { ecsDeployPlugin } from '../plugin';
import {
  ACCOUNT,
  component,
  createCluster,
  createNativeService,
  sandboxClients,
  sandboxConfig,
  serviceArn,
} from '../__testUtils__/sandboxFleet';
import { expectErrorBody } from './__testUtils__/errorBody';

const CLUSTER = 'storefront-prod';
const FOREIGN_ACCOUNT = '999988887777';
const ROLE = `arn:aws:sts::${FOREIGN_ACCOUNT}:assumed-role/backstage-ecs-deploy/i-0abc`;
const AWS_DENIAL = `User: ${ROLE} is not authorized to perform: ecs:DescribeServices on resource: arn:aws:ecs:eu-west-1:${FOREIGN_ACCOUNT}:service/shared/ledger-api because no identity-based policy allows the ecs:DescribeServices action`;

const entities = [
  component('ledger-api', {
    'ecs-deploy.io/service-arn.prod': serviceArn(CLUSTER, 'ledger-api'),
  }),
];

// Over HTTP against a sandbox on a shared CI machine: allow slow runs.
jest.setTimeout(60_000);

describe('error bodies over HTTP', () => {
  let sb: RunningSandbox;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const logger = mockServices.logger.mock();
  logger.child.mockImplementation(() => logger);

  const loggedWith = (requestId: string) =>
    [...logger.error.mock.calls, ...logger.info.mock.calls].filter(call =>
      JSON.stringify(call).includes(requestId),
    );

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'none', speed: 0 });
    const clients = sandboxClients(sb);
    await createCluster(clients, CLUSTER);
    await createNativeService(sb, clients, 'ledger-api', CLUSTER, {
      strategy: 'ROLLING',
    });
    clients.destroy();
    const config = sandboxConfig(sb);
    backend = await startTestBackend({
      features: [
        ecsDeployPlugin,
        mockServices.rootConfig.factory({
          data: {
            ...config,
            ecsDeploy: {
              ...config.ecsDeploy,
              cache: { activeTtlSeconds: 0, listTtlSeconds: 0 },
            },
          },
        }),
        catalogServiceMock.factory({ entities }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        logger.factory,
      ],
    });
  });

  afterEach(() => sb.faults.set('ecs:DescribeServices', undefined));

  afterAll(async () => {
    await backend?.stop();
    await sb?.close();
  });

  it('answers an AWS denial naming a role and a foreign account without either, and logs it in full', async () => {
    sb.faults.set('ecs:DescribeServices', {
      errorRate: 1,
      errorCode: 'AccessDeniedException',
      errorStatus: 400,
      errorMessage: AWS_DENIAL,
    });
    const res = await request(backend.server).get(
      '/api/ecs-deploy/entities/component/default/ledger-api/environments',
    );
    expect(res.status).toBe(403);
    expectErrorBody(res, { ownAccounts: [ACCOUNT] });
    expect(res.body.error.name).toBe('NotAllowedError');
    expect(res.body.error.code).toBe('AccessDeniedException');
    // what failed and what to grant stay
    expect(res.body.error.message).toContain('ecs:DescribeServices');
    expect(res.body.error.message).toContain(
      'User: <principal> is not authorized',
    );
    expect(JSON.stringify(res.body)).not.toContain('backstage-ecs-deploy');
    expect(JSON.stringify(res.body)).not.toContain(FOREIGN_ACCOUNT);

    const logged = loggedWith(res.body.requestId);
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).toContain(ROLE);
  });

  it('answers an AWS failure it does not know as a 500 naming only the request id', async () => {
    sb.faults.set('ecs:DescribeServices', {
      errorRate: 1,
      errorCode: 'SomethingNewException',
      errorStatus: 400,
      errorMessage: AWS_DENIAL,
    });
    const res = await request(backend.server).get(
      '/api/ecs-deploy/entities/component/default/ledger-api/traffic',
    );
    expect(res.status).toBe(500);
    expectErrorBody(res, { ownAccounts: [ACCOUNT] });
    expect(res.body.error).toEqual({
      name: 'Error',
      message: `The request failed unexpectedly; see the backend's log for request ${res.body.requestId}`,
      code: 'Internal',
    });
    const logged = loggedWith(res.body.requestId);
    expect(logged).toHaveLength(1);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(res.body.requestId),
      expect.anything(),
    );
    expect(JSON.stringify(logged)).toContain('SomethingNewException');
  });

  it('answers a throttled read as a 503 with the AWS code and a retry hint', async () => {
    sb.faults.set('ecs:DescribeServices', {
      throttleRate: 1,
      errorMessage: `Rate exceeded for account ${FOREIGN_ACCOUNT}`,
    });
    const res = await request(backend.server).get(
      '/api/ecs-deploy/entities/component/default/ledger-api/environments',
    );
    expect(res.status).toBe(503);
    expectErrorBody(res, { ownAccounts: [ACCOUNT] });
    expect(res.body.error.code).toBe('ThrottlingException');
    expect(res.body.error.message).toMatch(/retry/);
  });

  it('carries a request id on successful answers too', async () => {
    const res = await request(backend.server).get(
      '/api/ecs-deploy/entities/component/default/ledger-api/environments',
    );
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
