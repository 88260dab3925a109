import { AwsError } from '../../../core/AwsError';
import { paginate } from '../../../core/pagination';
import type { OperationHandler } from '../../../core/types';
import type { CodeDeployStore } from '../CodeDeployStore';
import { renderApplication } from '../render';
import { need, optionalList, tagsOf } from '../validate';
import { where } from './common';

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
      const app = store.createApplication(where(ctx), name, platform);
      const tags = tagsOf(input);
      if (tags.length) ctx.world.tags.tag(store.applicationArn(app), tags);
      return { applicationId: app.applicationId };
    },
    GetApplication(input, ctx) {
      const name = need(
        input,
        'applicationName',
        'ApplicationNameRequiredException',
      );
      return {
        application: renderApplication(store.getApplication(where(ctx), name)),
      };
    },
    BatchGetApplications(input, ctx) {
      const names = optionalList<string>(input, 'applicationNames') ?? [];
      return {
        applicationsInfo: names.map(n =>
          renderApplication(store.getApplication(where(ctx), n)),
        ),
      };
    },
    ListApplications(input, ctx) {
      const { page, nextToken } = paginate(store.listApplications(where(ctx)), {
        nextToken: input.nextToken,
        defaultMaxResults: 100,
        invalidTokenCode: 'InvalidNextTokenException',
      });
      return { applications: page, nextToken };
    },
  };
}
