import {
  ecrRegistryHost,
  ecrRepositoryUri,
  parseEcrImageUri,
} from './ecrAddress';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('ECR addresses', () => {
  it.each([
    ['eu-west-1', '111111111111.dkr.ecr.eu-west-1.amazonaws.com'],
    ['cn-north-1', '111111111111.dkr.ecr.cn-north-1.amazonaws.com.cn'],
    ['us-gov-west-1', '111111111111.dkr.ecr.us-gov-west-1.amazonaws.com'],
  ])('names the registry of %s %s', (region, host) => {
    expect(ecrRegistryHost({ accountId: '111111111111', region })).toBe(host);
    expect(
      ecrRepositoryUri({
        accountId: '111111111111',
        region,
        name: 'team/payments-api',
      }),
    ).toBe(`${host}/team/payments-api`);
  });

  it.each([
    ['eu-west-1', 'amazonaws.com'],
    ['cn-north-1', 'amazonaws.com.cn'],
    ['us-gov-west-1', 'amazonaws.com'],
  ])('splits an image URI of %s', (region, suffix) => {
    const registry = `111111111111.dkr.ecr.${region}.${suffix}`;
    expect(parseEcrImageUri(`${registry}/payments-api:3f2a1bc`)).toEqual({
      registry,
      accountId: '111111111111',
      region,
      repository: 'payments-api',
      tag: '3f2a1bc',
    });
    expect(parseEcrImageUri(`${registry}/team/web@${DIGEST}`)).toEqual({
      registry,
      accountId: '111111111111',
      region,
      repository: 'team/web',
      digest: DIGEST,
    });
    expect(parseEcrImageUri(`${registry}/web:prod@${DIGEST}`)).toMatchObject({
      repository: 'web',
      tag: 'prod',
      digest: DIGEST,
    });
  });

  it('refuses other registries and a host outside its region’s partition', () => {
    expect(parseEcrImageUri('nginx:1.27')).toBeUndefined();
    expect(parseEcrImageUri('ghcr.io/acme/web:1')).toBeUndefined();
    expect(
      parseEcrImageUri('111111111111.dkr.ecr.cn-north-1.amazonaws.com/web:1'),
    ).toBeUndefined();
    expect(
      parseEcrImageUri('111111111111.dkr.ecr.eu-west-1.amazonaws.com.cn/web'),
    ).toBeUndefined();
  });
});
