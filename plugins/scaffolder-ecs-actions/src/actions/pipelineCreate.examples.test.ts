import yaml from 'yaml';
import {
  Sandbox,
  createClusters,
  createMockDirectory,
  createTestOptions,
  runAction,
  startTestSandbox,
} from '../__testUtils__/harness';
import { createCodeDeployCreateAction } from './codeDeployCreate';
import { createEcrEnsureRepositoryAction } from './ecrEnsureRepository';
import { createEcsServiceCreateAction } from './ecsServiceCreate';
import { createInfraRepoCreateAction } from './infraRepoCreate';
import { createPipelineCreateAction } from './pipelineCreate';
import { examples } from './pipelineCreate.examples';

describe('ecs:pipeline:create examples', () => {
  const mockDir = createMockDirectory();
  let sandbox: Sandbox;
  let harness: ReturnType<typeof createTestOptions>;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    harness = createTestOptions(sandbox.url, mockDir.resolve('repos'));
    await createClusters(harness.clients);
  });
  afterAll(() => sandbox.close());

  it.each(examples)('runs: $description', async example => {
    const action = createPipelineCreateAction(harness.options);
    const step = yaml.parse(example.example).steps[0];
    expect(step.action).toBe(action.id);
    const { name, environment } = step.input;
    const ecs = step.input.deploy === 'ecs';
    await runAction(
      createInfraRepoCreateAction({
        ...harness.options,
        integrations: harness.integrations,
      }),
      {
        name,
        containerPort: 8080,
        size: '256/512',
        environments: [environment],
        ...(step.input.repositoryName
          ? { repositoryName: step.input.repositoryName }
          : {}),
      },
      { workspacePath: mockDir.resolve(`workspace-${name}-${environment}`) },
    );
    // Images live in the registry account of the config (dev's), as in the demo fleet.
    await runAction(createEcrEnsureRepositoryAction(harness.options), {
      name,
    });
    await runAction(createEcsServiceCreateAction(harness.options), {
      name,
      environment,
      containerPort: 8080,
      size: '256/512',
      deploymentController: ecs ? 'ECS' : 'CODE_DEPLOY',
    });
    if (!ecs) {
      await runAction(createCodeDeployCreateAction(harness.options), {
        name,
        environment,
      });
    }
    const out = await runAction(action, step.input);
    expect(out.created).toEqual([`pipeline ${name}-${environment}`]);
  });
});
