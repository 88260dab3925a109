import yaml from 'yaml';
import {
  Sandbox,
  createClusters,
  createTestOptions,
  runAction,
  startTestSandbox,
} from '../__testUtils__/harness';
import { createEcsServiceCreateAction } from './ecsServiceCreate';
import { examples } from './ecsServiceCreate.examples';

describe('ecs:service:create examples', () => {
  let sandbox: Sandbox;
  let harness: ReturnType<typeof createTestOptions>;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    harness = createTestOptions(sandbox.url);
    await createClusters(harness.clients);
  });
  afterAll(() => sandbox.close());

  it.each(examples)('runs: $description', async example => {
    const action = createEcsServiceCreateAction(harness.options);
    const step = yaml.parse(example.example).steps[0];
    expect(step.action).toBe(action.id);
    const out = await runAction(action, step.input);
    expect(out.serviceName).toBe(step.input.name);
    expect(out.created).toContain(
      `ECS service ${step.input.name} (${
        step.input.deploymentController ?? 'CODE_DEPLOY'
      }${step.input.strategy ? ` ${step.input.strategy}` : ''})`,
    );
  });
});
