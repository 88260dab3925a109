import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { toBackstageError } from '@ecs-deploy/plugin-ecs-deploy-node';
import {
  eachEnvironment,
  environmentError,
} from '../environments/environmentError';

describe('the error of one environment in /environments and /traffic', () => {
  it('keeps the message of a known kind', () => {
    expect(environmentError(new NotFoundError('Service x not found'))).toEqual({
      name: 'NotFoundError',
      message: 'Service x not found',
      code: 'NotFound',
      statusCode: 404,
    });
    expect(
      environmentError(new ServiceUnavailableError('AWS is throttling')),
    ).toMatchObject({ statusCode: 503, message: 'AWS is throttling' });
  });

  it('reports an unexpected error with a generic message', () => {
    for (const error of [
      new TypeError("Cannot read properties of undefined (reading 'arn')"),
      toBackstageError(
        Object.assign(
          new Error(
            'User: arn:aws:sts::999988887777:assumed-role/backstage/i-1 did something new',
          ),
          { name: 'SomethingNewException', $fault: 'client' },
        ),
      ),
    ]) {
      expect(environmentError(error)).toEqual({
        name: 'Error',
        message: 'Reading this environment failed unexpectedly',
        code: 'Internal',
        statusCode: 500,
      });
    }
  });

  it('logs the full error of an environment it answers with a generic one', async () => {
    const envs = [{ name: 'dev' }, { name: 'prod' }] as any[];
    const logged: Array<[string, unknown]> = [];
    const failure = new TypeError('secret detail');
    const out = await eachEnvironment(
      envs,
      async env => {
        if (env.name === 'prod') throw failure;
        return env.name;
      },
      env => `unreadable ${env.name}`,
      (env, error) => logged.push([env.name, error]),
    );
    expect(out).toEqual(['dev', 'unreadable prod']);
    expect(logged).toEqual([['prod', failure]]);
  });
});
