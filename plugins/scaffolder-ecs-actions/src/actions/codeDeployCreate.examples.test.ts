import yaml from 'yaml';
import {
  Sandbox,
  createClusters,
  createTestOptions,
  runAction,
  startTestSandbox,
} from '../__testUtils__/harness';
import { createCodeDeployCreateAction } from './codeDeployCreate';
import { createEcsServiceCreateAction } from './ecsServiceCreate';
import { examples } from './codeDeployCreate.examples';

describe('ecs:codedeploy:create examples', () => {
  let sandbox: Sandbox;
  let harness: ReturnType<typeof createTestOptions>;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    harness = createTestOptions(sandbox.url);
    await createClusters(harness.clients);
  });
  afterAll(() => sandbox.close());

  it.each(examples)('runs: $description', async example => {
    const action = createCodeDeployCreateAction(harness.options);
    const step = yaml.parse(example.example).steps[0];
    expect(step.action).toBe(action.id);
    // The deployment group is built on the service the service step creates.
    await runAction(createEcsServiceCreateAction(harness.options), {
      name: step.input.name,
      environment: step.input.environment,
      containerPort: 8080,
      size: '256/512',
    });
    const out = await runAction(action, step.input);
    expect(out.deploymentGroupName).toBe(
      `${step.input.name}-${step.input.environment}`,
    );
    expect(out.created).toContain(
      `deployment group ${out.deploymentGroupName}`,
    );
  });
});
