import { ConfigReader } from '@backstage/config';
import { AwsClientFactory } from './AwsClientFactory';
import {
  assertEndpointAllowed,
  isLoopbackEndpoint,
} from './sandboxEndpointGuard';

const configWith = (
  endpoint: string | undefined,
  awsSandbox?: { enabled: boolean },
) =>
  new ConfigReader({
    ...(awsSandbox ? { awsSandbox } : {}),
    ecsDeploy: { aws: endpoint ? { endpoint } : {} },
  });

describe('the sandbox endpoint guard', () => {
  it.each([
    'http://127.0.0.1:4599',
    'http://127.1.2.3',
    'http://localhost:4599',
    'http://sandbox.localhost',
    'http://[::1]:4599',
    'http://[::ffff:127.0.0.1]',
  ])('knows %s as loopback', endpoint => {
    expect(isLoopbackEndpoint(endpoint)).toBe(true);
  });

  it.each([
    'https://ecs.eu-west-1.amazonaws.com',
    'http://10.0.0.5:4599',
    'http://128.0.0.1',
    'http://localhost.example.com',
    'not a url',
  ])('knows %s as not loopback', endpoint => {
    expect(isLoopbackEndpoint(endpoint)).toBe(false);
  });

  it('refuses a loopback endpoint in production, saying what to change', () => {
    const endpoint = 'http://127.0.0.1:4599';
    expect(() =>
      assertEndpointAllowed(configWith(endpoint), endpoint, 'production'),
    ).toThrow(
      /ecsDeploy\.aws\.endpoint is http:\/\/127\.0\.0\.1:4599, a loopback address.*unset it \(ecsDeploy\.aws\.endpoint: null.*awsSandbox\.enabled: true/,
    );
    // awsSandbox.enabled: false is no permission
    expect(() =>
      assertEndpointAllowed(
        configWith(endpoint, { enabled: false }),
        endpoint,
        'production',
      ),
    ).toThrow(/loopback/);
  });

  it('allows it in production when the sandbox is enabled explicitly, and outside production', () => {
    const endpoint = 'http://localhost:4599';
    expect(() =>
      assertEndpointAllowed(
        configWith(endpoint, { enabled: true }),
        endpoint,
        'production',
      ),
    ).not.toThrow();
    expect(() =>
      assertEndpointAllowed(configWith(endpoint), endpoint, 'development'),
    ).not.toThrow();
    expect(() =>
      assertEndpointAllowed(configWith(undefined), undefined, 'production'),
    ).not.toThrow();
    expect(() =>
      assertEndpointAllowed(
        configWith('https://vpce-1.ecs.eu-west-1.vpce.amazonaws.com'),
        'https://vpce-1.ecs.eu-west-1.vpce.amazonaws.com',
        'production',
      ),
    ).not.toThrow();
  });

  describe('AwsClientFactory.fromConfig', () => {
    const nodeEnv = process.env.NODE_ENV;
    afterEach(() => {
      process.env.NODE_ENV = nodeEnv;
    });

    it('refuses to build clients for a loopback endpoint with NODE_ENV=production', () => {
      process.env.NODE_ENV = 'production';
      expect(() =>
        AwsClientFactory.fromConfig(configWith('http://127.0.0.1:4599')),
      ).toThrow(/loopback/);
      expect(
        AwsClientFactory.fromConfig(
          configWith('http://127.0.0.1:4599', { enabled: true }),
        ).settings.endpoint,
      ).toBe('http://127.0.0.1:4599');
      expect(
        AwsClientFactory.fromConfig(configWith(undefined)).settings.endpoint,
      ).toBeUndefined();
    });
  });
});
