import { ConfigReader } from '@backstage/config';
import { readScaffolderSettings } from '../../config/scaffolderConfig';
import { parseInput } from '../../lib/parseInput';
import { cdkServiceSettings } from './cdkServiceSettings';
import { infrastructureInput } from './infrastructureInput';
import {
  paymentsOwner,
  platformSettings,
  tagKeys,
} from './__fixtures__/platform';

function settingsFor(
  cdk: Record<string, unknown>,
  opts: {
    deploymentController?: 'CODE_DEPLOY' | 'ECS';
    environments?: string[];
    settings?: typeof platformSettings;
  } = {},
) {
  return cdkServiceSettings({
    name: 'payments-api',
    owner: paymentsOwner,
    tagKeys,
    settings: opts.settings ?? platformSettings,
    environments: opts.environments ?? ['dev', 'prod'],
    containerPort: 8080,
    size: { cpu: '512', memory: '1024' },
    deploymentController: opts.deploymentController ?? 'CODE_DEPLOY',
    options: parseInput(infrastructureInput, { cdk }).cdk,
    fullRepositoryId: 'acme/payments-api-infra',
  });
}

describe('cdkServiceSettings', () => {
  it('takes names, network and roles from the same config and plan as the actions', () => {
    const settings = settingsFor({ manualApproval: ['prod'] });
    expect(settings.tags).toEqual({
      'backstage.io/entity': 'component:default/payments-api',
      'backstage.io/owner': 'group:default/team-payments',
    });
    const [dev, prod] = settings.environments;
    expect(dev).toMatchObject({
      stackName: 'payments-api-dev',
      cluster: 'storefront-dev',
      names: {
        loadBalancer: 'payments-api-dev',
        blueTargetGroup: 'payments-api-dev-blue',
        greenTargetGroup: 'payments-api-dev-green',
        pipeline: 'payments-api-dev',
      },
      loadBalancer: { productionPort: 80, testPort: 8080 },
      manualApproval: false,
    });
    expect(prod).toMatchObject({
      account: '333333333333',
      region: 'eu-central-1',
      roles: {
        task: 'arn:aws:iam::333333333333:role/payments-api',
        pipeline: 'arn:aws:iam::333333333333:role/delivery',
      },
      artifactBucket: 'codepipeline-eu-central-1-333333333333',
      manualApproval: true,
    });
  });

  it('uses a predefined deployment config when the shift matches one, else a custom shift', () => {
    const predefined = settingsFor({}).environments[0].deployment;
    expect(predefined).toMatchObject({
      deploymentConfig: {
        name: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
      },
    });
    const custom = settingsFor({
      trafficShift: { type: 'linear', percentage: 25, intervalMinutes: 2 },
    }).environments[0].deployment;
    expect(custom).toMatchObject({
      deploymentConfig: { linear: { percentage: 25, intervalMinutes: 2 } },
    });
  });

  it('refuses approvals and holds for environments it does not deploy', () => {
    expect(() => settingsFor({ manualApproval: ['staging'] })).toThrow(
      /^cdk\.manualApproval: staging is not among the environments \(dev, prod\)/,
    );
    expect(() => settingsFor({ holdBeforeTraffic: ['qa'] })).toThrow(
      /^cdk\.holdBeforeTraffic: qa/,
    );
  });

  it('refuses what the actions refuse', () => {
    expect(() =>
      settingsFor(
        { strategy: 'ROLLING', holdBeforeTraffic: ['dev'] },
        { deploymentController: 'ECS' },
      ),
    ).toThrow(/^holdBeforeTraffic: a rolling service has no test traffic/);
    expect(() => settingsFor({ strategy: 'CANARY' })).toThrow(
      /^strategy: CANARY needs deploymentController ECS/,
    );
  });

  it('refuses an ECS-native service on a shared load balancer and a missing connection', () => {
    const config = (extra: object, repo: object) =>
      readScaffolderSettings(
        new ConfigReader({
          ecsDeploy: {
            scaffolder: {
              environments: [
                {
                  name: 'dev',
                  accountId: '111111111111',
                  cluster: 'storefront-dev',
                  subnets: ['subnet-0aaa1111bbbb2222c'],
                  ...extra,
                },
              ],
              infraRepository: { type: 'github', owner: 'acme', ...repo },
            },
          },
        }),
        'eu-west-1',
      );
    const shared = config(
      {
        sharedLoadBalancer: {
          name: 'platform-dev',
          hostPattern: '{name}.dev.example.com',
        },
      },
      { connectionArn: 'arn:aws:codeconnections:eu-west-1:1:connection/x' },
    );
    expect(() =>
      settingsFor(
        { strategy: 'BLUE_GREEN' },
        {
          deploymentController: 'ECS',
          environments: ['dev'],
          settings: shared,
        },
      ),
    ).toThrow(
      /^infrastructure: 'dev' puts ECS-native services on the shared load balancer 'platform-dev'/,
    );
    expect(() =>
      settingsFor({}, { environments: ['dev'], settings: config({}, {}) }),
    ).toThrow(
      /^ecsDeploy\.scaffolder\.infraRepository\.connectionArn is required/,
    );
  });
});
