// The client's REST, split in two queues. Discord: "Interaction endpoints are not bound to the bot's Global
// Rate Limit" (topics/rate-limits#global-rate-limit): the callback, the original response and follow-ups
// (interactions/receiving-and-responding#endpoints). @discordjs/rest 2.x paces every request of one REST
// instance by a single 50-a-second counter, except POST /interactions/{id}/{token}/callback (its BurstHandler):
// edits of the original and follow-ups (/webhooks/{application}/{token}/...) wait behind bot-token requests.
// So requests made with an interaction token go to a second instance with no global pacing of its own; both
// keep per-route buckets and 429 retries. Channel webhooks (character voices) stay on the paced queue:
// without a bot token Discord applies the global limit to the IP address.
// A global 429 holds only the queue it came to (each instance keeps its own global state), on purpose. On the
// paced queue it means the bot token's (or, for a channel webhook, the IP's) global budget is spent, a limit
// Discord says interaction endpoints are not bound to: holding them would delay the replies for nothing.
// Discord documents no global limit for interaction endpoints; should one answer a global 429 anyway, that
// limit would be the IP's (they carry no token), which bot-token requests are not counted against.
import { type InternalRequest, REST, RESTEvents, type RESTOptions, type ResponseLike } from 'discord.js';

export class InteractionAwareREST extends REST {
  /** Where interaction-token requests go; its events are re-emitted by this instance. */
  readonly interactions: REST;
  readonly #applicationIds = new Set<string>();

  constructor(options: Partial<RESTOptions> = {}) {
    super(options);
    this.interactions = new REST({ ...options, globalRequestsPerSecond: Number.POSITIVE_INFINITY });
    const inner = this.interactions;
    inner.on(RESTEvents.Response, (request, response) => this.emit(RESTEvents.Response, request, response));
    inner.on(RESTEvents.RateLimited, (info) => this.emit(RESTEvents.RateLimited, info));
    inner.on(RESTEvents.InvalidRequestWarning, (info) => this.emit(RESTEvents.InvalidRequestWarning, info));
    inner.on(RESTEvents.Debug, (info) => this.emit(RESTEvents.Debug, `[interaction token] ${info}`));
  }

  /** The application's id: its interaction webhooks are /webhooks/{id}/{token}. Learnt from interactions. */
  addApplicationId(id: string): void {
    this.#applicationIds.add(id);
  }

  /** True for the endpoints an interaction token opens, which Discord keeps out of the global limit. */
  isInteractionRequest(request: Pick<InternalRequest, 'fullRoute' | 'auth'>): boolean {
    if (request.auth !== false) return false;
    const [, major, id] = request.fullRoute.split('/');
    if (major === 'interactions') return request.fullRoute.endsWith('/callback');
    return major === 'webhooks' && id !== undefined && this.#applicationIds.has(id);
  }

  override queueRequest(request: InternalRequest): Promise<ResponseLike> {
    if (this.isInteractionRequest(request)) return this.interactions.queueRequest(request);
    return super.queueRequest(request);
  }

  override clearHashSweeper(): void {
    super.clearHashSweeper();
    this.interactions.clearHashSweeper();
  }

  override clearHandlerSweeper(): void {
    super.clearHandlerSweeper();
    this.interactions.clearHandlerSweeper();
  }
}
