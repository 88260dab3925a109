import { callerInfo } from './requestInfo';

const defaults = { accountId: '111111111111', region: 'eu-west-1' };
const auth = (accessKey: string, region: string) =>
  `AWS4-HMAC-SHA256 Credential=${accessKey}/20250101/${region}/ecs/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`;

describe('callerInfo', () => {
  it('takes the region from the credential scope', () => {
    expect(
      callerInfo({ authorization: auth('AKIDEXAMPLE', 'us-east-2') }, defaults),
    ).toEqual({ accountId: '111111111111', region: 'us-east-2' });
  });

  it('takes the account from a 12-digit access key, or the x-sandbox-account header first', () => {
    expect(
      callerInfo({ authorization: auth('333333333333', 'eu-west-1') }, defaults)
        .accountId,
    ).toBe('333333333333');
    expect(
      callerInfo(
        {
          authorization: auth('333333333333', 'eu-west-1'),
          'x-sandbox-account': '222222222222',
        },
        defaults,
      ).accountId,
    ).toBe('222222222222');
  });

  it('falls back to the defaults for unsigned requests', () => {
    expect(callerInfo({}, defaults)).toEqual(defaults);
  });
});
