import { parseDuration } from '../../provider/resources/duration';
import { idempotencyKey } from '../../provider/resources/provisioned';
import { backoff } from '../../provider/resources/wait';

describe('parseDuration', () => {
  test.each([
    ['90s', 90_000],
    ['20m', 1_200_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['1.5h', 5_400_000],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  test.each(['', '10', '5 m', 'm5', '1d', '10s junk'])('rejects %j', (text) => expect(parseDuration(text)).toBeUndefined());
});

describe('idempotencyKey', () => {
  test('same type and body: same key', () => {
    expect(idempotencyKey('hikube_virtual_machine', { name: 'a', size: 1 })).toBe(idempotencyKey('hikube_virtual_machine', { name: 'a', size: 1 }));
  });

  test('another body or type: another key', () => {
    const k = idempotencyKey('hikube_virtual_machine', { name: 'a' });
    expect(idempotencyKey('hikube_virtual_machine', { name: 'b' })).not.toBe(k);
    expect(idempotencyKey('hikube_kubernetes_cluster', { name: 'a' })).not.toBe(k);
  });
});

describe('backoff', () => {
  test('starts fast and is capped at 2 s', () => {
    expect(backoff(0)).toBe(50);
    expect(backoff(1)).toBeGreaterThan(backoff(0));
    expect(backoff(50)).toBe(2000);
  });
});
