import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { withErrorCode } from '@ecs-deploy/plugin-ecs-deploy-node';
import { ResolvedEnvironment } from './ResolvedEnvironment';
import {
  ResourceNotFoundError,
  namingMissingResource,
} from './missingResource';

const env: ResolvedEnvironment = {
  name: 'prod',
  accountId: '333333333333',
  region: 'eu-west-1',
  codeDeploy: {
    application: 'payments-api',
    deploymentGroup: 'payments-api-prod',
  },
  annotationKeys: { codeDeploy: 'ecs-deploy.io/codedeploy.prod' },
};

const aws = (code: string) => withErrorCode(new NotFoundError(code), code);

describe('namingMissingResource', () => {
  it('names the deployment group of an environment CodeDeploy does not know', () => {
    for (const code of [
      'DeploymentGroupDoesNotExistException',
      'ApplicationDoesNotExistException',
    ]) {
      const error = namingMissingResource(env, aws(code));
      expect(error).toBeInstanceOf(ResourceNotFoundError);
      expect(error).toMatchObject({
        name: 'NotFoundError',
        code: 'ResourceNotFound',
        message:
          'CodeDeploy deployment group payments-api/payments-api-prod was not found in 333333333333 / eu-west-1 (ecs-deploy.io/codedeploy.prod)',
        annotation: 'ecs-deploy.io/codedeploy.prod',
      });
    }
  });

  it('leaves other errors, and resources the environment does not name, as they are', () => {
    for (const error of [
      aws('DeploymentDoesNotExistException'),
      aws('PipelineNotFoundException'),
      withErrorCode(
        new ServiceUnavailableError('AWS is throttling'),
        'ThrottlingException',
      ),
    ]) {
      expect(namingMissingResource(env, error)).toBe(error);
    }
  });
});
