import {
  ecrRepositoryArn,
  ecrRepositoryUri,
  ecsClusterArn,
  ecsServiceArn,
  ecsTaskDefinitionArn,
  ecsTaskSetArn,
  elbListenerArn,
  elbLoadBalancerArn,
  elbTargetGroupArn,
} from '../../../core/arns';
import { AwsError } from '../../../core/AwsError';
import type { ServiceModule } from '../../../core/types';
import type { EcrApi, EcrImageDetail, EcsApi, ElbApi } from '../../../world';

/*
 * Minimal stand-ins for ECS, ELBv2 and ECR, so CodeDeploy's and
 * CodePipeline's behaviour can be tested on its own: they record what the
 * services under test asked of them. The conformance tests use the real
 * modules.
 */

/** What the services under test here never ask of ECS (the standard ECS deploy action, seeded history). */
const notModelled = (): never => {
  throw new Error('not modelled by the fake ECS');
};

export interface FakeTaskSet {
  arn: string;
  taskDefinition: string;
  targetGroupArns: string[];
  primary: boolean;
  stopped: { reason: string; exitCode: number }[];
}

export class FakeNeighbours {
  readonly taskSets = new Map<string, FakeTaskSet>();
  readonly deletedTaskSets: string[] = [];
  readonly taskDefinitions: Record<string, unknown>[] = [];
  readonly listeners = new Map<
    string,
    { targetGroupArn: string; weight: number }[]
  >();
  readonly images = new Map<string, EcrImageDetail>();
  private readonly pushListeners: Parameters<EcrApi['onImagePushed']>[0][] = [];
  private seq = 0;

  constructor(
    readonly account = '111111111111',
    readonly region = 'eu-west-1',
  ) {}

  private get scope() {
    return { accountId: this.account, region: this.region };
  }

  tgArn(name: string): string {
    return elbTargetGroupArn(this.scope, name, '0123456789abcdef');
  }

  listenerArn(name: string): string {
    return elbListenerArn(
      elbLoadBalancerArn(this.scope, 'application', name, '0123456789abcdef'),
      'fedcba9876543210',
    );
  }

  /** A service with a PRIMARY task set on `blue`, listeners forwarding to it. */
  addService(
    name: string,
    blue: string,
    green: string,
    listeners: string[],
  ): void {
    const arn = ecsTaskSetArn(
      this.scope,
      `${name}-cluster`,
      name,
      'ecs-svc/1000000000000000000',
    );
    this.taskSets.set(arn, {
      arn,
      taskDefinition: ecsTaskDefinitionArn(this.scope, name, 1),
      targetGroupArns: [this.tgArn(blue)],
      primary: true,
      stopped: [],
    });
    for (const l of listeners) {
      this.listeners.set(this.listenerArn(l), [
        { targetGroupArn: this.tgArn(blue), weight: 100 },
        { targetGroupArn: this.tgArn(green), weight: 0 },
      ]);
    }
  }

  push(repositoryName: string, imageTag: string, imageDigest: string): void {
    const repositoryArn = ecrRepositoryArn(this.scope, repositoryName);
    const image: EcrImageDetail = {
      registryId: this.account,
      repositoryName,
      imageDigest,
      imageUri: `${ecrRepositoryUri(
        this.scope,
        repositoryName,
      )}@${imageDigest}`,
      imageTags: [imageTag],
      imageSizeInBytes: 1000,
      imagePushedAt: 0,
    };
    this.images.set(`${repositoryArn}:${imageTag}`, image);
    this.images.set(`${repositoryArn}@${imageDigest}`, image);
    for (const listener of this.pushListeners) {
      listener({
        repositoryArn,
        repositoryName,
        accountId: this.account,
        region: this.region,
        imageTag,
        imageDigest,
      });
    }
  }

  ecs(): EcsApi {
    return {
      getService: ref => {
        const primary = [...this.taskSets.values()].find(
          t => t.primary && t.arn.includes(`/${ref.service}/`),
        );
        if (!primary)
          throw new AwsError('ServiceNotFoundException', 'Service not found.');
        return {
          serviceArn: ecsServiceArn(ref, ref.cluster, ref.service),
          clusterArn: ecsClusterArn(ref, ref.cluster),
          taskDefinition: primary.taskDefinition,
          desiredCount: 2,
          deploymentController: 'CODE_DEPLOY',
          loadBalancers: [],
        };
      },
      createTaskSet: spec => {
        this.seq += 1;
        const arn = ecsTaskSetArn(
          spec,
          spec.cluster,
          spec.service,
          `ecs-svc/20000000000000000${this.seq}`,
        );
        this.taskSets.set(arn, {
          arn,
          taskDefinition: spec.taskDefinition,
          targetGroupArns: spec.targetGroupArns,
          primary: false,
          stopped: [],
        });
        return arn;
      },
      updateTaskSetScale: () => {},
      setPrimaryTaskSet: arn => {
        const target = this.taskSets.get(arn)!;
        for (const t of this.taskSets.values()) {
          if (t.arn.split('/')[2] === target.arn.split('/')[2])
            t.primary = t === target;
        }
      },
      deleteTaskSet: arn => {
        this.taskSets.delete(arn);
        this.deletedTaskSets.push(arn);
      },
      recordStoppedTask: (arn, reason, exitCode) => {
        this.taskSets.get(arn)?.stopped.push({ reason, exitCode });
      },
      targetsOf: () => [],
      registerTaskDefinition: (_account, _region, input) => {
        this.taskDefinitions.push(input);
        return ecsTaskDefinitionArn(
          this.scope,
          String(input.family),
          this.taskDefinitions.length + 1,
        );
      },
      getPrimaryTaskSet: ref => {
        const primary = [...this.taskSets.values()].find(
          t => t.primary && t.arn.includes(`/${ref.service}/`),
        );
        return primary
          ? { taskSetArn: primary.arn, taskDefinition: primary.taskDefinition }
          : undefined;
      },
      describeTaskSet: arn => {
        const ts = this.taskSets.get(arn);
        return ts
          ? {
              id: arn.slice(arn.indexOf('ecs-svc/')),
              desiredCount: 2,
              pendingCount: 0,
              runningCount: 2,
              status: ts.primary ? 'PRIMARY' : 'ACTIVE',
            }
          : undefined;
      },
      taskDefinitionInput: notModelled,
      updateServiceTaskDefinition: notModelled,
      getServiceDeploymentStatus: notModelled,
      importServiceDeployment: notModelled,
      importStoppedTask: notModelled,
    };
  }

  elbv2(): ElbApi {
    return {
      getListenerWeights: arn => this.listeners.get(arn) ?? [],
      setListenerWeights: (arn, weights) => {
        this.listeners.set(arn, weights);
      },
      getRuleWeights: () => [],
      setRuleWeights: () => {},
      findTargetGroupArn: (_a, _r, name) => this.tgArn(name),
    };
  }

  ecr(): EcrApi {
    return {
      onImagePushed: listener => {
        this.pushListeners.push(listener);
      },
      describeImage: (repositoryArn, imageId) =>
        this.images.get(
          'imageTag' in imageId
            ? `${repositoryArn}:${imageId.imageTag}`
            : `${repositoryArn}@${imageId.imageDigest}`,
        ),
    };
  }

  /** A module that attaches the fakes to a world (put it first in `modules`). */
  module(): ServiceModule {
    return {
      name: 'ecr',
      create: world => {
        world.ecs = this.ecs();
        world.elbv2 = this.elbv2();
        world.ecr = this.ecr();
        return {
          store: { tick() {}, snapshot: () => ({}), restore() {} },
          definitions: [],
        };
      },
    };
  }
}
