// The Bolt App / HTTPReceiver options for distributing storyroom to several workspaces: Slack's OAuth
// install flow at /slack/install (straight to Slack's consent screen) and /slack/oauth_redirect, the
// installations kept in the rooms' store, and the end pages in the admin's language. Undefined when
// SLACK_CLIENT_ID/SECRET/STATE_SECRET are not set: the single-workspace bot token is used then.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppOptions, Installation, InstallationStore } from '@slack/bolt';
import sceneStart from '../../commands/scene-start.ts';
import type { Logger } from '../../logger.ts';
import {
  type InstallFailure,
  localeOfBrowser,
  renderFailedPage,
  renderInstalledPage,
} from './install-pages.ts';
import { createInstallationStore, type InstallationAttachments } from './installation-store.ts';
import { slackClientOptions } from './retry-after.ts';
import { BOT_SCOPES } from './scopes.ts';
import type { SlackConfig } from './slack-config.ts';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

export interface SlackOAuthOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  scopes: string[];
  installationStore: InstallationStore;
  installerOptions: NonNullable<AppOptions['installerOptions']>;
}

export function slackOAuthOptions(
  config: Pick<SlackConfig, 'clientId' | 'clientSecret' | 'stateSecret' | 'commandPrefix'>,
  store: InstallationAttachments,
  options: { logger: Logger; slackApiUrl?: string | undefined },
): SlackOAuthOptions | undefined {
  const { clientId, clientSecret, stateSecret } = config;
  if (!clientId || !clientSecret || !stateSecret) return undefined;
  const { logger } = options;
  const command = `/${config.commandPrefix}${sceneStart.name}`;
  return {
    clientId,
    clientSecret,
    stateSecret,
    scopes: [...BOT_SCOPES],
    installationStore: createInstallationStore(store),
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      // The install path sends the browser to Slack's consent screen at once, with a state tied to it by a cookie.
      directInstall: true,
      stateVerification: true,
      // oauth.v2.access and auth.test during the flow; slackApiUrl points them at a fake in tests.
      clientOptions: slackClientOptions({ slackApiUrl: options.slackApiUrl, logger }),
      callbackOptions: {
        success(
          installation: Installation,
          _options: unknown,
          request: IncomingMessage,
          response: ServerResponse,
        ) {
          logger.info(
            { teamId: installation.team?.id, enterpriseId: installation.enterprise?.id },
            'storyroom was installed in a Slack workspace',
          );
          const workspace =
            installation.team?.name ?? installation.enterprise?.name ?? installation.team?.id ?? '';
          send(
            response,
            200,
            renderInstalledPage(localeOfBrowser(request.headers['accept-language']), {
              workspace,
              command,
              openUrl: openUrlOf(installation),
            }),
          );
        },
        failure(error, _options, request, response) {
          const reason = failureOf(error, request);
          // The code only: an OAuth error can carry the request that failed.
          logger.warn({ code: error.code, reason }, 'a Slack installation did not finish');
          send(
            response,
            reason === 'other' ? 500 : 400,
            renderFailedPage(localeOfBrowser(request.headers['accept-language']), {
              reason,
              retryUrl: INSTALL_PATH,
            }),
          );
        },
      },
    },
  };
}

function send(response: ServerResponse, status: number, html: string) {
  response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(html);
}

function failureOf(error: { code?: string }, request: IncomingMessage): InstallFailure {
  if (new URL(request.url ?? '/', 'http://localhost').searchParams.get('error') === 'access_denied')
    return 'cancelled';
  if (error.code === 'slack_oauth_invalid_state' || error.code === 'slack_oauth_missing_state')
    return 'state';
  return 'other';
}

/** Where the admin goes next: the app in their workspace (Slack's web redirect works with or without the app). */
function openUrlOf(installation: Installation): string {
  const team = installation.team?.id;
  const app = installation.appId;
  if (team && app)
    return `https://slack.com/app_redirect?app=${encodeURIComponent(app)}&team=${encodeURIComponent(team)}`;
  if (installation.enterpriseUrl) return installation.enterpriseUrl;
  return 'https://slack.com/';
}
