import { ecsDeployPlugin } from './plugin';

describe('ecs-deploy', () => {
  it('should export plugin', () => {
    expect(ecsDeployPlugin).toBeDefined();
  });
});
