import { redactAwsText } from './redactAwsText';

describe('redactAwsText', () => {
  it('hides the calling role and every account id, and keeps the action and resource', () => {
    expect(
      redactAwsText(
        'User: arn:aws:sts::123456789012:assumed-role/backstage-ecs-deploy/i-0abc is not authorized to perform: ecs:UpdateService on resource: arn:aws:ecs:eu-west-1:210987654321:service/storefront-prod/payments-api because no identity-based policy allows the ecs:UpdateService action',
      ),
    ).toBe(
      'User: <principal> is not authorized to perform: ecs:UpdateService on resource: arn:aws:ecs:eu-west-1:<account>:service/storefront-prod/payments-api because no identity-based policy allows the ecs:UpdateService action',
    );
  });

  it('hides IAM ARNs, organization policies and principal ids', () => {
    expect(
      redactAwsText(
        'Role arn:aws:iam::123456789012:role/deployer. Denied by arn:aws:organizations::123456789012:policy/o-abc/service_control_policy/p-xyz (key AKIAIOSFODNN7EXAMPLE, role AROA3XFRBF535PLBIFPI4:session)',
      ),
    ).toBe(
      'Role <principal>. Denied by <principal> (key <principal>, role <principal>:session)',
    );
  });

  it('keeps numbers that are not account ids', () => {
    expect(
      redactAwsText(
        'Rate exceeded: 40 requests in 1 s, limit 20; 1700000000000',
      ),
    ).toBe('Rate exceeded: 40 requests in 1 s, limit 20; 1700000000000');
  });

  it('cuts long text', () => {
    const text = redactAwsText('x'.repeat(1000));
    expect(text).toHaveLength(300);
    expect(text.endsWith('…')).toBe(true);
  });
});
