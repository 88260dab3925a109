import yaml from 'yaml';
import {
  Sandbox,
  createClusters,
  createTestOptions,
  runAction,
  startTestSandbox,
} from '../__testUtils__/harness';
import { createCodeDeployCreateAction } from './codeDeployCreate';
import { createEcrEnsureRepositoryAction } from './ecrEnsureRepository';
import { createEcsServiceCreateAction } from './ecsServiceCreate';
import { createPipelineCreateAction } from './pipelineCreate';
import { examples } from './pipelineCreate.examples';

describe('ecs:pipeline:create examples', () => {
  let sandbox: Sandbox;
  let harness: ReturnType<typeof createTestOptions>;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    harness = createTestOptions(sandbox.url);
    await createClusters(harness.clients);
  });
  afterAll(() => sandbox.close());

  it.each(examples)('runs: $description', async example => {
    const action = createPipelineCreateAction(harness.options);
    const step = yaml.parse(example.example).steps[0];
    expect(step.action).toBe(action.id);
    const { name, environment } = step.input;
    const ecs = step.input.deploy === 'ecs';
    // Images live in the registry account of the config (dev's), as in the demo fleet.
    await runAction(createEcrEnsureRepositoryAction(harness.options), {
      repositoryName: name,
    });
    const service = await runAction(
      createEcsServiceCreateAction(harness.options),
      {
        name,
        environment,
        containerPort: 8080,
        size: '256/512',
        deploymentController: ecs ? 'ECS' : 'CODE_DEPLOY',
      },
    );
    if (!ecs) {
      await runAction(createCodeDeployCreateAction(harness.options), {
        name,
        environment,
        blueTargetGroupName: service.blueTargetGroupName,
        greenTargetGroupName: service.greenTargetGroupName,
        productionListenerArn: service.productionListenerArn,
      });
    }
    const input = { ...step.input };
    if (String(input.infraRepository.fullRepositoryId).includes('${{')) {
      input.infraRepository = { fullRepositoryId: `local/${name}-infra` };
    }
    const out = await runAction(action, input);
    expect(out.created).toEqual([`pipeline ${name}-${environment}`]);
  });
});
