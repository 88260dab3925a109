import { z } from 'zod/v3';
import {
  entityOperation,
  operationFields,
  operationOutput,
} from './specOperations';
import { objectSchema } from './specSchema';

const summary = (id: string, extra: object = {}) => ({
  id,
  kind: 'pipeline',
  environment: 'prod',
  status: 'SUCCEEDED',
  awsStatus: 'Succeeded',
  trigger: { kind: 'unknown' },
  links: {},
  ...extra,
});

describe('openapi.yaml as zod', () => {
  const entry = objectSchema(z, {
    $ref: '#/components/schemas/DeploymentSummary',
  });

  it('validates an entry that lists the entries it started (a schema containing itself)', () => {
    const release = summary('pipeline:e-1', {
      deployments: [summary('codedeploy:d-1', { kind: 'codedeploy' })],
    });
    expect(entry.parse(release)).toEqual(release);
    const wrong = summary('pipeline:e-2', {
      deployments: [summary('codedeploy:d-2', { status: 'DONE' })],
    });
    expect(entry.safeParse(wrong).success).toBe(false);
  });

  it('keeps only what the spec declares, as additionalProperties: false says', () => {
    expect(
      entry.parse({
        ...summary('pipeline:e-3'),
        internalArn: 'arn:aws:iam::1:role/x',
      }),
    ).toEqual(summary('pipeline:e-3'));
  });

  it('takes an action’s body fields with the spec’s required ones, patterns and enums', () => {
    const input = z.object(
      operationFields(z, entityOperation('post', '/actions/approve')),
    );
    const valid = {
      environment: 'prod',
      pipelineExecutionId: 'e-1',
      decision: 'Approved',
    };
    expect(input.parse(valid)).toEqual(valid);
    expect(input.safeParse({ ...valid, decision: 'Maybe' }).success).toBe(
      false,
    );
    expect(input.safeParse({ ...valid, environment: 'a/b' }).success).toBe(
      false,
    );
    expect(
      input.safeParse({ ...valid, comment: 'x'.repeat(401) }).success,
    ).toBe(false);
    for (const field of Object.keys(valid)) {
      const { [field]: _, ...missing } = valid as Record<string, string>;
      expect(input.safeParse(missing).success).toBe(false);
    }
  });

  it('takes a read’s path and query parameters, and answers its 200 response', () => {
    const operation = entityOperation('get', '/deployments/{deploymentId}');
    const input = z.object(operationFields(z, operation));
    expect(input.parse({ deploymentId: 'ecs:1', environment: 'dev' })).toEqual({
      deploymentId: 'ecs:1',
      environment: 'dev',
    });
    expect(input.safeParse({ deploymentId: 'ecs:1' }).success).toBe(false);
    const output = operationOutput(z, operation);
    expect(Object.keys(output.shape)).toEqual(
      expect.arrayContaining(['deployment']),
    );
  });
});
