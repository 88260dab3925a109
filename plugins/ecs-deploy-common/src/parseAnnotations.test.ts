import { Entity } from '@backstage/catalog-model';
import {
  hasEcsDeployAnnotations,
  parseEcsDeployAnnotations,
  sortByPromotionOrder,
} from './parseAnnotations';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', annotations },
});

const svc = (env: string, acct: string) =>
  `arn:aws:ecs:eu-west-1:${acct}:service/storefront-${env}/payments-api`;

describe('parseEcsDeployAnnotations', () => {
  it('reads per-environment annotations in promotion order', () => {
    const parsed = parseEcsDeployAnnotations(
      entity({
        'ecs-deploy.io/environments': 'dev, staging,prod',
        'ecs-deploy.io/service-arn.prod': svc('prod', '333333333333'),
        'ecs-deploy.io/service-arn.dev': svc('dev', '111111111111'),
        'ecs-deploy.io/service-arn.staging': svc('staging', '222222222222'),
        'ecs-deploy.io/pipeline-arn.prod':
          'arn:aws:codepipeline:eu-west-1:333333333333:payments-api-prod',
        'ecs-deploy.io/codedeploy.prod': 'payments-api/payments-api-prod',
        'ecs-deploy.io/ecr-repository-arn':
          'arn:aws:ecr:eu-west-1:111111111111:repository/payments-api',
        'ecs-deploy.io/ecr-repository-arn.dev':
          'arn:aws:ecr:eu-west-1:111111111111:repository/payments-dev',
      }),
    );
    expect(parsed.environments.map(e => e.name)).toEqual([
      'dev',
      'staging',
      'prod',
    ]);
    expect(parsed.environments[2]).toEqual({
      name: 'prod',
      serviceArn: svc('prod', '333333333333'),
      pipelineArn:
        'arn:aws:codepipeline:eu-west-1:333333333333:payments-api-prod',
      codeDeploy: {
        application: 'payments-api',
        deploymentGroup: 'payments-api-prod',
      },
      ecrRepositoryArn:
        'arn:aws:ecr:eu-west-1:111111111111:repository/payments-api',
      annotationKeys: {
        serviceArn: 'ecs-deploy.io/service-arn.prod',
        pipelineArn: 'ecs-deploy.io/pipeline-arn.prod',
        codeDeploy: 'ecs-deploy.io/codedeploy.prod',
      },
    });
    expect(parsed.environments[0].ecrRepositoryArn).toBe(
      'arn:aws:ecr:eu-west-1:111111111111:repository/payments-dev',
    );
    expect(parsed.discoverByTags).toBe(false);
  });

  it('maps the awslabs annotations to a default environment', () => {
    const parsed = parseEcsDeployAnnotations(
      entity({
        'aws.amazon.com/amazon-ecs-service-arn': svc('dev', '111111111111'),
        'aws.amazon.com/aws-codepipeline-arn':
          'arn:aws:codepipeline:eu-west-1:111111111111:p',
      }),
    );
    expect(parsed.environments).toEqual([
      {
        name: 'default',
        serviceArn: svc('dev', '111111111111'),
        pipelineArn: 'arn:aws:codepipeline:eu-west-1:111111111111:p',
        annotationKeys: {
          serviceArn: 'aws.amazon.com/amazon-ecs-service-arn',
          pipelineArn: 'aws.amazon.com/aws-codepipeline-arn',
        },
      },
    ]);
  });

  it('names the awslabs environment after the only environment listed', () => {
    const parsed = parseEcsDeployAnnotations(
      entity({
        'ecs-deploy.io/environments': 'prod',
        'aws.amazon.com/amazon-ecs-service-arn': svc('prod', '333333333333'),
      }),
    );
    expect(parsed.environments.map(e => e.name)).toEqual(['prod']);
  });

  // What the ECS service template wrote into catalog-info.yaml: the suite's
  // keys for every environment, and the awslabs pair for the last one.
  const templateMade = {
    'ecs-deploy.io/environments': 'dev,staging,prod',
    'ecs-deploy.io/ecr-repository-arn':
      'arn:aws:ecr:eu-west-1:111111111111:repository/payments-api',
    'ecs-deploy.io/service-arn.dev': svc('dev', '111111111111'),
    'ecs-deploy.io/pipeline-arn.dev':
      'arn:aws:codepipeline:eu-west-1:111111111111:payments-api-dev',
    'ecs-deploy.io/codedeploy.dev': 'payments-api/payments-api-dev',
    'ecs-deploy.io/service-arn.staging': svc('staging', '222222222222'),
    'ecs-deploy.io/pipeline-arn.staging':
      'arn:aws:codepipeline:eu-west-1:222222222222:payments-api-staging',
    'ecs-deploy.io/service-arn.prod': svc('prod', '333333333333'),
    'ecs-deploy.io/pipeline-arn.prod':
      'arn:aws:codepipeline:eu-west-1:333333333333:payments-api-prod',
    'aws.amazon.com/amazon-ecs-service-arn': svc('prod', '333333333333'),
    'aws.amazon.com/aws-codepipeline-arn':
      'arn:aws:codepipeline:eu-west-1:333333333333:payments-api-prod',
  };

  it('reads a template-made entity as its environments, without an awslabs one', () => {
    const parsed = parseEcsDeployAnnotations(entity(templateMade));
    expect(parsed.environments.map(e => e.name)).toEqual([
      'dev',
      'staging',
      'prod',
    ]);
    expect(parsed.environments[2].annotationKeys).toEqual({
      serviceArn: 'ecs-deploy.io/service-arn.prod',
      pipelineArn: 'ecs-deploy.io/pipeline-arn.prod',
    });
  });

  it('ignores the awslabs pair next to the suite keys even with one environment listed', () => {
    const parsed = parseEcsDeployAnnotations(
      entity({
        'ecs-deploy.io/environments': 'prod',
        'ecs-deploy.io/service-arn.prod': svc('prod', '333333333333'),
        'aws.amazon.com/amazon-ecs-service-arn': svc('other', '444444444444'),
        'aws.amazon.com/aws-codepipeline-arn':
          'arn:aws:codepipeline:eu-west-1:444444444444:other',
      }),
    );
    expect(parsed.environments).toEqual([
      {
        name: 'prod',
        serviceArn: svc('prod', '333333333333'),
        annotationKeys: { serviceArn: 'ecs-deploy.io/service-arn.prod' },
      },
    ]);
  });

  it('leaves the awslabs pair to tag discovery when discovery is on', () => {
    const parsed = parseEcsDeployAnnotations(
      entity({
        'ecs-deploy.io/discovery': 'tags',
        'aws.amazon.com/amazon-ecs-service-arn': svc('prod', '333333333333'),
      }),
    );
    expect(parsed.environments).toEqual([]);
    expect(parsed.discoverByTags).toBe(true);
  });

  it('ignores a malformed codedeploy annotation and detects discovery', () => {
    const parsed = parseEcsDeployAnnotations(
      entity({
        'ecs-deploy.io/discovery': 'tags',
        'ecs-deploy.io/codedeploy.dev': 'no-slash',
      }),
    );
    expect(parsed.environments).toEqual([]);
    expect(parsed.discoverByTags).toBe(true);
    expect(hasEcsDeployAnnotations(entity({}))).toBe(false);
  });
});

describe('parseEcsDeployAnnotations with the awslabs tags annotations', () => {
  it('asks for tag lookups of services and pipelines, and counts as annotated', () => {
    const tagged = entity({
      'aws.amazon.com/amazon-ecs-service-tags': 'component=payments-api',
      'aws.amazon.com/aws-codepipeline-tags': 'component=payments-api',
    });
    const parsed = parseEcsDeployAnnotations(tagged);
    expect(parsed.environments).toEqual([]);
    expect(parsed.invalidAnnotations).toEqual([]);
    expect(parsed.tagLookups.map(l => [l.annotation, l.resourceType])).toEqual([
      ['aws.amazon.com/amazon-ecs-service-tags', 'ecs-service'],
      ['aws.amazon.com/aws-codepipeline-tags', 'codepipeline'],
    ]);
    expect(hasEcsDeployAnnotations(tagged)).toBe(true);
  });

  it('keeps the awslabs service ARN next to pipeline tags', () => {
    const parsed = parseEcsDeployAnnotations(
      entity({
        'aws.amazon.com/amazon-ecs-service-arn': svc('prod', '333333333333'),
        'aws.amazon.com/aws-codepipeline-tags': 'component=payments-api',
      }),
    );
    expect(parsed.environments.map(e => e.name)).toEqual(['default']);
    expect(parsed.tagLookups.map(l => l.resourceType)).toEqual([
      'codepipeline',
    ]);
  });

  it('reports an invalid tags annotation, and still counts the entity as annotated', () => {
    const bad = entity({ 'aws.amazon.com/amazon-ecs-service-tags': 'myapp' });
    expect(parseEcsDeployAnnotations(bad).invalidAnnotations).toEqual([
      {
        annotation: 'aws.amazon.com/amazon-ecs-service-tags',
        problem:
          "is not a list of <key>=<value> tags: 'myapp' is not <key>=<value>",
      },
    ]);
    // The tab shows, so that the backend's 400 says what to fix.
    expect(hasEcsDeployAnnotations(bad)).toBe(true);
  });

  it('ignores the tags annotations next to the suite keys, like the awslabs ARNs', () => {
    const suiteKeys: Array<Record<string, string>> = [
      { 'ecs-deploy.io/service-arn.prod': svc('prod', '333333333333') },
      { 'ecs-deploy.io/discovery': 'tags' },
    ];
    for (const ownKeys of suiteKeys) {
      const parsed = parseEcsDeployAnnotations(
        entity({
          ...ownKeys,
          'aws.amazon.com/amazon-ecs-service-tags': 'not a tag list',
        }),
      );
      expect(parsed.tagLookups).toEqual([]);
      expect(parsed.invalidAnnotations).toEqual([]);
    }
  });
});

describe('sortByPromotionOrder', () => {
  const names = (items: Array<{ name: string }>) => items.map(i => i.name);
  const envs = (...list: string[]) => list.map(name => ({ name }));

  it('follows the stated order, unknown names last alphabetically', () => {
    expect(
      names(
        sortByPromotionOrder(envs('prod', 'zeta', 'alpha', 'dev'), [
          'prod',
          'dev',
        ]),
      ),
    ).toEqual(['prod', 'dev', 'alpha', 'zeta']);
  });

  it('puts conventional names in their usual order when none is stated (environments found by tags)', () => {
    expect(
      names(
        sortByPromotionOrder(envs('prod', 'sandbox', 'staging', 'Dev', 'qa')),
      ),
    ).toEqual(['Dev', 'qa', 'staging', 'prod', 'sandbox']);
  });
});
