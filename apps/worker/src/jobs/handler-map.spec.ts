import { JobName } from '@accord/notifications';
import { buildHandlerMap, type FoundHandler } from './handler-map.js';

const handler = { handle: async () => undefined };
const found = (name: JobName, owner = `${name}Handler`): FoundHandler => ({ name, handler, owner });
const all = () => Object.values(JobName).map((name) => found(name));

describe('buildHandlerMap', () => {
  it('should map every job name to its one handler', () => {
    const map = buildHandlerMap(all());
    expect([...map.keys()].sort()).toEqual(Object.values(JobName).sort());
  });

  it('should refuse to start when a job has no handler', () => {
    expect(() => buildHandlerMap(all().filter((f) => f.name !== JobName.SendWebhook))).toThrow(
      'Job handlers are misconfigured: job "send-webhook" has no handler',
    );
  });

  it('should refuse to start when a job has two handlers', () => {
    expect(() => buildHandlerMap([...all(), found(JobName.SendEmail, 'OtherEmailHandler')])).toThrow(
      'job "send-email" has 2 handlers (send-emailHandler, OtherEmailHandler)',
    );
  });

  it('should refuse a handler for a job name nobody declared', () => {
    expect(() => buildHandlerMap([...all(), found('send-fax' as JobName, 'FaxHandler')])).toThrow(
      'FaxHandler handles unknown job "send-fax"',
    );
  });
});
