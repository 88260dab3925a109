import { AwsError } from '../../../core/AwsError';
import type { OperationHandler } from '../../../core/types';
import type { CodeDeployStore } from '../CodeDeployStore';
import { need, optionalList, codeDeployTagsInput } from './input';

/** Tags of applications and deployment groups. */
export function tagOperations(
  store: CodeDeployStore,
): Record<string, OperationHandler> {
  const resolveArn = (arn: string) => {
    const match =
      /^arn:aws[\w-]*:codedeploy:([^:]+):(\d{12}):(application|deploymentgroup):(.+)$/.exec(
        arn,
      );
    if (!match) {
      throw new AwsError('InvalidArnException', `The ARN ${arn} is not valid`);
    }
    const [, region, accountId, kind, rest] = match;
    if (kind === 'application') {
      store.getApplication({ accountId, region }, rest);
    } else {
      const [app, group] = rest.split('/');
      store.getDeploymentGroup({ accountId, region }, app, group ?? '');
    }
    return arn;
  };

  return {
    TagResource(input, ctx) {
      const arn = resolveArn(
        need(input, 'ResourceArn', 'ResourceArnRequiredException'),
      );
      const tags = codeDeployTagsInput(input, 'Tags');
      if (!tags.length) {
        throw new AwsError('TagRequiredException', 'A tag was not specified');
      }
      ctx.world.tags.tag(arn, tags);
      return {};
    },
    UntagResource(input, ctx) {
      const arn = resolveArn(
        need(input, 'ResourceArn', 'ResourceArnRequiredException'),
      );
      ctx.world.tags.untag(arn, optionalList<string>(input, 'TagKeys') ?? []);
      return {};
    },
    ListTagsForResource(input, ctx) {
      const arn = resolveArn(
        need(input, 'ResourceArn', 'ResourceArnRequiredException'),
      );
      return {
        Tags: ctx.world.tags
          .list(arn)
          .map(t => ({ Key: t.key, Value: t.value })),
      };
    },
  };
}
