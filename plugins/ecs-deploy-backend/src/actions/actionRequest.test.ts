import { InputError } from '@backstage/errors';
import { parseIdempotencyKey } from '../routes/actionRequests';
import { approvalSummary } from '../systems/pipeline/actions';
import { parseActionRequest } from './actionRequest';
import { decodeLedgerCursor, encodeLedgerCursor } from './ledgerEntries';

describe('action input', () => {
  it('keeps the fields of each action and drops unknown ones', () => {
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
  });

  it('names the field of each problem', () => {
    expect(() =>
      parseActionRequest('approve', {
        environment: 'prod',
        pipelineExecutionId: 'exec-1',
        decision: 'Rejected',
        comment: '   ',
      }),
    ).toThrow('comment: required when rejecting');
    expect(() =>
      parseActionRequest('approve', {
        environment: 'prod',
        decision: 'Approved',
      }),
    ).toThrow(/pipelineExecutionId: /);
    expect(() =>
      parseActionRequest('rollback', {
        environment: 'prod',
        deploymentId: 'pipeline:e-1',
      }),
    ).toThrow(/deploymentId: must be a deployment id/);
    expect(() =>
      parseActionRequest('retry-stage', {
        environment: 'prod',
        stageName: 'Deploy',
        pipelineExecutionId: '../../etc',
      }),
    ).toThrow(/pipelineExecutionId: must be a pipeline execution id/);
  });

  it('accepts UUIDs as idempotency keys, nothing that could not be one', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(parseIdempotencyKey('0d2d8b8e-1111-4222-8333-444455556666')).toBe(
      '0d2d8b8e-1111-4222-8333-444455556666',
    );
    for (const bad of ['short', 'x'.repeat(129), 'has space in it', '']) {
      expect(() => parseIdempotencyKey(bad)).toThrow(InputError);
    }
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
