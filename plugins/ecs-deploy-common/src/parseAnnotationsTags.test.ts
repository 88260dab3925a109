import {
  formatTagFilterList,
  parseTagFilterList,
  readAwslabsTagLookups,
} from './parseAnnotationsTags';

describe('parseTagFilterList', () => {
  it('reads key=value pairs as the awslabs plugins write them', () => {
    expect(parseTagFilterList('component=myapp,environment=prod')).toEqual({
      tags: [
        { key: 'component', value: 'myapp' },
        { key: 'environment', value: 'prod' },
      ],
    });
  });

  it('drops whitespace and empty items, and keeps a value containing =', () => {
    expect(parseTagFilterList(' team = payments , query=a=b ,')).toEqual({
      tags: [
        { key: 'team', value: 'payments' },
        { key: 'query', value: 'a=b' },
      ],
    });
  });

  it.each([
    ['', 'has no <key>=<value> tags'],
    [' , ', 'has no <key>=<value> tags'],
    [
      'component',
      "is not a list of <key>=<value> tags: 'component' is not <key>=<value>",
    ],
    [
      'component=myapp,=prod',
      "is not a list of <key>=<value> tags: '=prod' is not <key>=<value>",
    ],
    [
      'component=',
      "is not a list of <key>=<value> tags: 'component=' is not <key>=<value>",
    ],
    [
      'env=dev,env=prod',
      "names the tag key 'env' twice; a resource carries one value per key",
    ],
  ])('says why %j is not a tag list', (value, problem) => {
    expect(parseTagFilterList(value)).toEqual({ problem });
  });

  it('refuses more tags than the Tagging API takes', () => {
    const many = Array.from({ length: 51 }, (_, i) => `k${i}=v`).join(',');
    expect(parseTagFilterList(many)).toEqual({
      problem: 'has 51 tags; the Tagging API matches at most 50',
    });
  });

  it('formats tags back the way they are written', () => {
    expect(
      formatTagFilterList([
        { key: 'component', value: 'myapp' },
        { key: 'environment', value: 'prod' },
      ]),
    ).toBe('component=myapp,environment=prod');
  });
});

describe('readAwslabsTagLookups', () => {
  it('reads the service and pipeline tags annotations as lookups', () => {
    expect(
      readAwslabsTagLookups({
        'aws.amazon.com/amazon-ecs-service-tags': 'component=myapp',
        'aws.amazon.com/aws-codepipeline-tags': 'component=myapp,kind=deploy',
      }),
    ).toEqual({
      tagLookups: [
        {
          annotation: 'aws.amazon.com/amazon-ecs-service-tags',
          resourceType: 'ecs-service',
          tags: [{ key: 'component', value: 'myapp' }],
        },
        {
          annotation: 'aws.amazon.com/aws-codepipeline-tags',
          resourceType: 'codepipeline',
          tags: [
            { key: 'component', value: 'myapp' },
            { key: 'kind', value: 'deploy' },
          ],
        },
      ],
      invalidAnnotations: [],
    });
  });

  it('refuses a tags annotation next to the ARN annotation of the same kind', () => {
    expect(
      readAwslabsTagLookups({
        'aws.amazon.com/aws-codepipeline-tags': 'component=myapp',
        'aws.amazon.com/aws-codepipeline-arn':
          'arn:aws:codepipeline:eu-west-1:111111111111:p',
      }),
    ).toEqual({
      tagLookups: [],
      invalidAnnotations: [
        {
          annotation: 'aws.amazon.com/aws-codepipeline-tags',
          problem:
            "and aws.amazon.com/aws-codepipeline-arn both name the entity's pipelines; keep one of them",
        },
      ],
    });
  });

  it('reports a malformed tags annotation by name', () => {
    expect(
      readAwslabsTagLookups({
        'aws.amazon.com/amazon-ecs-service-tags': 'myapp',
      }).invalidAnnotations,
    ).toEqual([
      {
        annotation: 'aws.amazon.com/amazon-ecs-service-tags',
        problem:
          "is not a list of <key>=<value> tags: 'myapp' is not <key>=<value>",
      },
    ]);
  });
});
