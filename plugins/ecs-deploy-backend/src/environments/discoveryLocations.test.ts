import { ConfigReader } from '@backstage/config';
import { readDiscoveryLocations } from './discoveryLocations';

const read = (data: object) =>
  readDiscoveryLocations(new ConfigReader(data), 'eu-west-1');

const locator = (locatorConfig: object) => ({
  aws: { locator: locatorConfig },
});

describe('readDiscoveryLocations', () => {
  it('reads ecsDeploy.discovery.locations, regions defaulting to the default region', () => {
    expect(
      read({
        ecsDeploy: {
          discovery: {
            locations: [
              { accountId: '111111111111' },
              {
                accountId: '222222222222',
                regions: ['us-east-1', 'eu-west-2'],
              },
            ],
          },
        },
      }),
    ).toEqual([
      { accountId: '111111111111', region: 'eu-west-1' },
      { accountId: '222222222222', region: 'us-east-1' },
      { accountId: '222222222222', region: 'eu-west-2' },
    ]);
  });

  it('searches every account of aws.locator.resourceTaggingApi in every region', () => {
    expect(
      read(
        locator({
          resourceTaggingApi: {
            accounts: ['111111111111', '222222222222'],
            regions: ['us-east-1', 'eu-west-2'],
          },
        }),
      ),
    ).toEqual([
      { accountId: '111111111111', region: 'us-east-1' },
      { accountId: '111111111111', region: 'eu-west-2' },
      { accountId: '222222222222', region: 'us-east-1' },
      { accountId: '222222222222', region: 'eu-west-2' },
    ]);
    expect(
      read(
        locator({
          type: 'resourceTaggingApi',
          resourceTaggingApi: { accounts: ['111111111111'] },
        }),
      ),
    ).toEqual([{ accountId: '111111111111', region: 'eu-west-1' }]);
  });

  it("prefers the suite's own locations over aws.locator, whatever its type", () => {
    const own = {
      discovery: { locations: [{ accountId: '333333333333' }] },
    };
    for (const type of ['resourceTaggingApi', 'resourceExplorer']) {
      expect(
        read({
          ecsDeploy: own,
          ...locator({
            type,
            resourceTaggingApi: { accounts: ['111111111111'] },
          }),
        }),
      ).toEqual([{ accountId: '333333333333', region: 'eu-west-1' }]);
    }
  });

  it.each(['resourceExplorer', 'awsConfig'])(
    'refuses aws.locator.type %s, naming the key and what is supported',
    type => {
      expect(() => read(locator({ type }))).toThrow(
        `aws.locator.type '${type}' is not supported by ECS Deploy: it finds resources by their tags with the Resource Groups Tagging API only. Use aws.locator.type 'resourceTaggingApi' with aws.locator.resourceTaggingApi.accounts and regions, or set ecsDeploy.discovery.locations`,
      );
    },
  );

  it('refuses regions without accounts rather than searching nowhere', () => {
    expect(() =>
      read(locator({ resourceTaggingApi: { regions: ['us-east-1'] } })),
    ).toThrow(
      'aws.locator.resourceTaggingApi.regions is set without aws.locator.resourceTaggingApi.accounts',
    );
  });

  it('has no locations without either config', () => {
    expect(read({})).toEqual([]);
    expect(read(locator({ type: 'resourceTaggingApi' }))).toEqual([]);
  });
});
