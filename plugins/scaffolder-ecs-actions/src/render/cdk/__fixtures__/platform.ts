import { ConfigReader } from '@backstage/config';
import { DEFAULT_TAG_KEYS } from '@ecs-deploy/plugin-ecs-deploy-node';
import type { ServiceOwnership } from '../../../authz/ServiceAuthorizer';
import { readScaffolderSettings } from '../../../config/scaffolderConfig';

/*
 * A platform as ecsDeploy.scaffolder describes it: dev and staging share an
 * account and region, prod has an account of its own, a task role and no
 * security groups.
 */

export const platformSettings = readScaffolderSettings(
  new ConfigReader({
    ecsDeploy: {
      scaffolder: {
        environments: [
          {
            name: 'dev',
            accountId: '111111111111',
            cluster: 'storefront-dev',
            subnets: ['subnet-0aaa1111bbbb2222c', 'subnet-0ddd3333eeee4444f'],
            securityGroups: ['sg-0123456789abcdef0'],
          },
          {
            name: 'staging',
            accountId: '111111111111',
            cluster: 'storefront-staging',
            subnets: ['subnet-0aaa1111bbbb2222c', 'subnet-0ddd3333eeee4444f'],
            securityGroups: ['sg-0123456789abcdef0'],
          },
          {
            name: 'prod',
            accountId: '333333333333',
            region: 'eu-central-1',
            cluster: 'storefront-prod',
            subnets: ['subnet-0fff5555aaaa6666b'],
            taskRoleArn: 'arn:aws:iam::333333333333:role/payments-api',
            pipelineRoleArn: 'arn:aws:iam::333333333333:role/delivery',
          },
        ],
        ecr: { accountId: '111111111111' },
        infraRepository: {
          type: 'github',
          owner: 'acme',
          connectionArn:
            'arn:aws:codeconnections:eu-west-1:111111111111:connection/abc',
        },
      },
    },
  }),
  'eu-west-1',
);

/** What the subnets' lookups answer. */
export const platformSubnets: Record<
  string,
  { VpcId: string; AvailabilityZone: string }
> = {
  'subnet-0aaa1111bbbb2222c': {
    VpcId: 'vpc-0de5de5de5de5de50',
    AvailabilityZone: 'eu-west-1a',
  },
  'subnet-0ddd3333eeee4444f': {
    VpcId: 'vpc-0de5de5de5de5de50',
    AvailabilityZone: 'eu-west-1b',
  },
  'subnet-0fff5555aaaa6666b': {
    VpcId: 'vpc-0909090909090909a',
    AvailabilityZone: 'eu-central-1a',
  },
};

export const paymentsOwner: ServiceOwnership = {
  entityRef: 'component:default/payments-api',
  ownerRef: 'group:default/team-payments',
  actorRef: 'user:default/jane',
  claims: ['user:default/jane', 'group:default/team-payments'],
};

export const tagKeys = DEFAULT_TAG_KEYS;
