import { codeDeployApplicationArn } from '../../../core/arns';
import { AwsError } from '../../../core/AwsError';
import { callerScope } from '../../../core/callerScope';
import { paginate } from '../../../core/pagination';
import type { OperationHandler } from '../../../core/types';
import type { CodeDeployStore } from '../CodeDeployStore';
import { renderApplication } from '../render';
import { need, optionalList, codeDeployTagsInput } from './input';

/** CodeDeploy applications. */
export function applicationOperations(
  store: CodeDeployStore,
): Record<string, OperationHandler> {
  return {
    CreateApplication(input, ctx) {
      const name = need(
        input,
        'applicationName',
        'ApplicationNameRequiredException',
      );
      const platform = input.computePlatform ?? 'Server';
      if (!['ECS', 'Lambda', 'Server'].includes(platform)) {
        throw new AwsError(
          'InvalidComputePlatformException',
          `The computePlatform ${platform} is not valid`,
        );
      }
      const app = store.createApplication(callerScope(ctx), name, platform);
      const tags = codeDeployTagsInput(input);
      if (tags.length) {
        ctx.world.tags.tag(
          codeDeployApplicationArn(app, app.applicationName),
          tags,
        );
      }
      return { applicationId: app.applicationId };
    },
    GetApplication(input, ctx) {
      const name = need(
        input,
        'applicationName',
        'ApplicationNameRequiredException',
      );
      return {
        application: renderApplication(
          store.getApplication(callerScope(ctx), name),
        ),
      };
    },
    BatchGetApplications(input, ctx) {
      const names = optionalList<string>(input, 'applicationNames') ?? [];
      return {
        applicationsInfo: names.map(n =>
          renderApplication(store.getApplication(callerScope(ctx), n)),
        ),
      };
    },
    ListApplications(input, ctx) {
      const { page, nextToken } = paginate(
        store.listApplications(callerScope(ctx)),
        {
          nextToken: input.nextToken,
          defaultMaxResults: 100,
          invalidTokenCode: 'InvalidNextTokenException',
        },
      );
      return { applications: page, nextToken };
    },
  };
}
