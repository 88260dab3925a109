import yaml from 'yaml';
import {
  Sandbox,
  createClusters,
  createTestOptions,
  mutations,
  runAction,
  startTestSandbox,
} from '../__testUtils__/harness';
import { createServiceCheckAction } from './serviceCheck';
import { examples } from './serviceCheck.examples';

describe('ecs:service:check examples', () => {
  let sandbox: Sandbox;
  let harness: ReturnType<typeof createTestOptions>;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    harness = createTestOptions(sandbox.url);
    await createClusters(harness.clients);
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.callLog.reset());

  it.each(examples)('runs: $description', async example => {
    const action = createServiceCheckAction(harness.options);
    const step = yaml.parse(example.example).steps[0];
    expect(step.action).toBe(action.id);
    const out = await runAction(action, step.input);
    expect(out.entityRef).toBe(`component:default/${step.input.name}`);
    expect(out.plan).toContain(
      `${step.input.environments[0]}: ECS service ${step.input.name} (${
        step.input.deploymentController ?? 'CODE_DEPLOY'
      }${step.input.strategy ? ` ${step.input.strategy}` : ''})`,
    );
    expect(mutations(sandbox)).toEqual({});
  });
});
