import { describe, expect, it } from 'vitest';
import { slackLoggerOf } from '../../../src/adapters/slack/slack-logger.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';

describe('Slack SDK logger', () => {
  it('forwards the SDK’s lines at their level, without request contents or anything shaped like a token', () => {
    const logger = createRecordingLogger();
    const slack = slackLoggerOf(logger, 'web-api');
    slack.debug('http request body: {"code":"c","client_id":"1.2","client_secret":"shh"}');
    slack.debug('http request headers: {"Authorization":"[[REDACTED]]"}');
    slack.warn('http request failed', 'token xoxb-123-456-abcDEF was', { n: 1 });
    slack.info('API Call failed due to rate limiting. Will retry in 3 seconds.');
    expect(logger.entries).toEqual([
      { level: 'debug', obj: { source: 'web-api' }, msg: 'http request body: [omitted]' },
      { level: 'debug', obj: { source: 'web-api' }, msg: 'http request headers: [omitted]' },
      { level: 'warn', obj: { source: 'web-api' }, msg: 'http request failed token [token] was {"n":1}' },
      {
        level: 'info',
        obj: { source: 'web-api' },
        msg: 'API Call failed due to rate limiting. Will retry in 3 seconds.',
      },
    ]);
  });
});
