import { InputError } from '@backstage/errors';
import { approvalSummary } from '../systems/pipeline/actions';
import { parseActionRequest } from './actionRequest';
import { decodeLedgerCursor, encodeLedgerCursor } from './ledgerEntries';

describe('action input', () => {
  it('keeps the fields the spec declares for the action and drops unknown ones', () => {
    expect(
      parseActionRequest('approve', {
        environment: 'prod',
        pipelineExecutionId: 'exec-1',
        decision: 'Rejected',
        comment: '  broken canary  ',
        token: 'from-the-client',
      }),
    ).toEqual({
      action: 'approve',
      environment: 'prod',
      pipelineExecutionId: 'exec-1',
      decision: 'Rejected',
      comment: 'broken canary',
    });
    expect(
      parseActionRequest('promote', {
        environment: 'prod',
        from: 'staging',
        imageDigest: `sha256:${'a'.repeat(64)}`,
        deploymentId: 'codedeploy:d-ABCDEFGHI',
      }),
    ).toEqual({
      action: 'promote',
      environment: 'prod',
      from: 'staging',
      imageDigest: `sha256:${'a'.repeat(64)}`,
    });
  });

  it('checks the rules the spec cannot state, naming the field', () => {
    expect(() =>
      parseActionRequest('approve', {
        environment: 'prod',
        pipelineExecutionId: 'exec-1',
        decision: 'Rejected',
        comment: '   ',
      }),
    ).toThrow('comment: required when rejecting');
    expect(
      parseActionRequest('approve', {
        environment: 'prod',
        pipelineExecutionId: 'exec-1',
        decision: 'Approved',
        comment: '   ',
      }),
    ).not.toHaveProperty('comment');
    expect(() =>
      parseActionRequest('rollback', {
        environment: 'prod',
        deploymentId: 'pipeline:e-1',
      }),
    ).toThrow(/deploymentId: must be a deployment id/);
    expect(() =>
      parseActionRequest('promote', {
        environment: 'prod',
        from: 'prod',
        imageDigest: `sha256:${'a'.repeat(64)}`,
      }),
    ).toThrow(InputError);
  });

  it('round-trips ledger cursors and refuses forged ones', () => {
    const cursor = encodeLedgerCursor({
      id: 'abc',
      createdAt: '2026-11-23T12:00:00.000Z',
    } as any);
    expect(decodeLedgerCursor(cursor)).toEqual({
      id: 'abc',
      createdAt: '2026-11-23T12:00:00.000Z',
    });
    expect(() =>
      decodeLedgerCursor(
        Buffer.from('{"c":"never","i":"x"}').toString('base64url'),
      ),
    ).toThrow('cursor: ');
  });

  it('keeps approval summaries within CodePipeline’s 512 characters', () => {
    expect(approvalSummary('user:default/jane', 'Approved', undefined)).toBe(
      'Approved by user:default/jane in Backstage',
    );
    const long = approvalSummary(
      'user:default/jane',
      'Rejected',
      'x'.repeat(600),
    );
    expect(long).toHaveLength(512);
    expect(long.endsWith('…')).toBe(true);
  });
});
