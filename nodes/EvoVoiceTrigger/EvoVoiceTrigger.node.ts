import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { simplifySession } from '../EvoVoice/helpers/simplify';
import { SIMPLIFY_PROPERTY, filtersProperty, optionsProperty } from '../EvoVoice/helpers/sessionProperties';
import { accountFilter, customerFilter, idListLocator } from '../EvoVoice/actions/directoryParameters';
import { EvoVoiceClient, getActiveSessions, listSessions } from '../EvoVoice/transport';
import type { FlowChannel, ListSessions, SessionInfo } from '../EvoVoice/transport/dto';
import type { MessageFilters } from './messageEvents';
import { MESSAGE_RECEIVED, readMessageEvents, withMessages } from './messageEvents';
import { NEW_FILE_EVENT, NEW_FILE_PROPERTIES, readNewFiles } from './fileEvents';
import type { PollReadings, SessionEvent, SessionEventName, TriggerState } from './sessionEvents';
import {
	accountFor,
	createdAfter,
	createdAt,
	isTriggerState,
	isUsableSession,
	newestCreation,
	shortHash,
	trackedSessions,
} from './sessionEvents';

/** ListSessions page size, and the pages one poll reads at most (also bounded by n8n's poll budget). */
export const RECENT_PAGE_SIZE = 100;
export const MAX_PAGES_PER_POLL = 10;
/** Final records asked for at once (ListSessions specificIds), short enough for any URL limit. */
export const FINAL_RECORDS_PER_REQUEST = 50;
/** Without n8n's poll budget (n8n 1.x has none; 2.40 and 2.41 give one), a poll stops reading after this long. */
const DEFAULT_POLL_BUDGET_MS = 30_000;
const SAMPLE_SIZE = 5;
const DAY_MS = 86_400_000;

interface Filters extends MessageFilters {
	accountId?: string;
	customerId?: string;
	channels?: FlowChannel[];
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The Filters as the poll uses them. Account, Customer and Receiving Phone Numbers are pickers
 * whose value n8n's extractValue takes out; a plain ID saved before they were pickers comes back
 * as it is, so a saved filter and the same ID picked or typed give the same filters (and hash).
 */
function filtersOf(context: IPollFunctions): Filters {
	const picked = (name: 'accountId' | 'customerId' | 'phoneNumberIds') => text(context.getNodeParameter(`filters.${name}`, '', { extractValue: true }));
	const { channels } = context.getNodeParameter('filters', {}) as Pick<Filters, 'channels'>;
	return { accountId: picked('accountId'), customerId: picked('customerId'), phoneNumberIds: picked('phoneNumberIds'), channels };
}

/** The filters as the state records them: equal for filters that watch the same sessions as written. */
function filtersHash(filters: Filters): string {
	const channels = [...new Set(filters.channels ?? [])].sort();
	return shortHash(JSON.stringify([filters.accountId ?? '', filters.customerId ?? '', channels]));
}

/**
 * A state saved before the filters were recorded in it cannot say which filters made it. A new
 * baseline would lose what happened since the last poll of every published trigger at the
 * upgrade, so it is taken as made by the current settings, filters and Include Sessions Between
 * Polls alike: only settings edited between the last poll before the upgrade and the first after
 * it go unnoticed.
 */
function withCurrentSettings(state: TriggerState, hash: string, includeSessionsBetweenPolls: boolean): TriggerState {
	if (state.filtersHash !== undefined) return state;
	return { ...state, filtersHash: hash, ...(includeSessionsBetweenPolls ? { betweenPolls: true } : {}) };
}

/**
 * Include Sessions Between Polls' cursor, taken from what a poll saw once ListSessions' newest
 * page was read; when the budget ran out before that, none (the next poll takes it).
 */
function cursorFrom(
	seen: SessionInfo[],
	listed: { resumePage?: number },
	previous: { since?: string; sinceIds?: string[] },
): Pick<TriggerState, 'betweenPolls' | 'since' | 'sinceIds'> {
	return listed.resumePage === undefined ? { betweenPolls: true, ...newestCreation(seen, previous) } : {};
}

/** What one poll may still spend: requests are started only while the budget lasts. */
class Budget {
	private readonly deadline: number;

	private pages = 0;

	constructor(budgetMs: number) {
		// Half of n8n's budget: the rest is for the requests already under way and the hand-off.
		this.deadline = Date.now() + budgetMs / 2;
	}

	/** Whether another ListSessions page may be read; none once the deadline is reached (at once for 0). */
	takePage(): boolean {
		if (this.pages >= MAX_PAGES_PER_POLL || Date.now() >= this.deadline) return false;
		this.pages++;
		return true;
	}
}

/** Reads Evo Voice for one poll: usable, channel-filtered sessions only, odd records logged. */
class SessionReader {
	private readonly client: EvoVoiceClient;

	constructor(
		private readonly context: IPollFunctions,
		private readonly filters: Filters,
	) {
		this.client = new EvoVoiceClient(context);
	}

	private usable(sessions: SessionInfo[], operation: string): SessionInfo[] {
		const channels = this.filters.channels ?? [];
		return sessions.filter((session) => {
			if (!isUsableSession(session)) {
				this.context.logger.warn(
					`Evo Voice Trigger: skipped a ${operation} record without a usable id or dateCreated`,
					{ id: String(session.id), dateCreated: String(session.dateCreated) },
				);
				return false;
			}
			return channels.length === 0 || channels.includes(session.channel);
		});
	}

	/** AppGetActiveSessions with the account and customer filters; channels are kept here. */
	async live(): Promise<SessionInfo[]> {
		const sessions = await getActiveSessions(this.client, {
			...(this.filters.accountId ? { accountId: this.filters.accountId } : {}),
			...(this.filters.customerId ? { customerId: this.filters.customerId } : {}),
		});
		return this.usable(sessions, 'AppGetActiveSessions');
	}

	private listQuery(): ListSessions {
		const query: ListSessions = {
			sortField: 'DateCreated',
			sortOrder: 'Descend',
			countPerPage: RECENT_PAGE_SIZE,
			simplifiedPaging: true,
		};
		if (this.filters.accountId) query.accountIds = this.filters.accountId;
		if (this.filters.customerId) query.customerIds = this.filters.customerId;
		return query;
	}

	/**
	 * ListSessions newest first from page `from` on, down to `since` (one page when undefined) or
	 * to a page holding a session `stopAt` recognises. ListSessions filters by whole days, so the
	 * day before `since` is asked for. Returns the page to read on from if the budget ran out first.
	 */
	async recent(
		since: string | undefined,
		budget: Budget,
		from: number,
		stopAt: (session: SessionInfo) => boolean,
	): Promise<{ sessions: SessionInfo[]; resumePage?: number }> {
		const sinceMs = since === undefined ? undefined : Date.parse(since);
		const query = this.listQuery();
		if (sinceMs !== undefined) query.startDate = new Date(sinceMs - DAY_MS).toISOString().slice(0, 10);
		const sessions: SessionInfo[] = [];
		for (let page = from; ; page++) {
			if (!budget.takePage()) return { sessions, resumePage: page };
			const { items, hasMorePages } = await listSessions(this.client, { ...query, page });
			const usable = this.usable(items, 'ListSessions');
			sessions.push(...usable);
			const oldest = usable[usable.length - 1];
			const passedSince = sinceMs === undefined || (oldest !== undefined && createdAt(oldest) < sinceMs);
			if (items.length === 0 || hasMorePages !== true || passedSince || usable.some(stopAt)) break;
		}
		return { sessions };
	}

	/** ListSessions by id: the final records of sessions that left the live list, while the budget lasts. */
	async finals(ids: string[], budget: Budget): Promise<{ finals: Map<string, SessionInfo>; deferred: Set<string> }> {
		const finals = new Map<string, SessionInfo>();
		const deferred = new Set<string>();
		for (let start = 0; start < ids.length; start += FINAL_RECORDS_PER_REQUEST) {
			const batch = ids.slice(start, start + FINAL_RECORDS_PER_REQUEST);
			if (!budget.takePage()) {
				batch.forEach((id) => deferred.add(id));
				continue;
			}
			const { items } = await listSessions(this.client, {
				...this.listQuery(),
				specificIds: batch.join(','),
				countPerPage: batch.length,
			});
			for (const session of this.usable(items, 'ListSessions')) {
				if (batch.includes(session.id)) finals.set(session.id, session);
			}
		}
		return { finals, deferred };
	}
}

function itemOf(
	{ event, session, changes, finalRecord }: SessionEvent,
	toJson: (session: SessionInfo) => IDataObject,
): INodeExecutionData {
	const json: IDataObject = { event, ...(finalRecord === false ? { id: session.id, ended: true } : toJson(session)) };
	if (changes) json.changes = changes;
	if (finalRecord !== undefined) json.finalRecord = finalRecord;
	return { json };
}

/**
 * Include Sessions Between Polls: ListSessions down to the previous poll's cursor. A backlog cut
 * short by the budget is read on from its page first (older sessions first, so it always moves
 * on); then the newest, down to the first session already reported.
 */
async function readBetweenPolls(
	reader: SessionReader,
	previous: TriggerState,
	budget: Budget,
): Promise<{ sessions: SessionInfo[]; resumePage?: number }> {
	const carried = new Set(previous.carried ?? []);
	let older: SessionInfo[] = [];
	if (previous.resumePage !== undefined) {
		const resumed = await reader.recent(previous.since, budget, previous.resumePage, () => false);
		if (resumed.resumePage !== undefined) return resumed;
		older = resumed.sessions;
	}
	const newer = await reader.recent(previous.since, budget, 0, (session) => carried.has(session.id));
	return { sessions: [...newer.sessions, ...older], resumePage: newer.resumePage };
}

/** Fetch Test Event: samples shaped like the selected events, from the newest sessions. */
async function samples(
	reader: SessionReader,
	selected: SessionEventName[],
	toJson: (session: SessionInfo) => IDataObject,
): Promise<INodeExecutionData[]> {
	const live = (await reader.live()).sort((a, b) => createdAt(b) - createdAt(a));
	const wantsEnded = selected.includes('sessionEnded');
	const listed = wantsEnded || live.length === 0
		? (await reader.recent(undefined, new Budget(DEFAULT_POLL_BUDGET_MS), 0, () => true)).sessions
		: [];
	const newest = live.length > 0 ? live : listed.filter((session) => !session.ended);
	const events: SessionEvent[] = [];
	for (const event of selected) {
		if (event === 'sessionEnded') {
			for (const session of listed.filter((candidate) => candidate.ended).slice(0, SAMPLE_SIZE)) {
				events.push({ event, session, finalRecord: true });
			}
		} else {
			for (const session of newest.slice(0, SAMPLE_SIZE)) {
				// An example of the shape only: the field a change most often concerns, as it might have been.
				const changes = { callState: session.callState === 'Ringing' ? 'None' : 'Ringing' };
				events.push({ event, session, ...(event === 'sessionChanged' ? { changes } : {}) });
			}
		}
	}
	return events.map((event) => itemOf(event, toJson));
}

export class EvoVoiceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Evo Voice Trigger',
		name: 'evoVoiceTrigger',
		icon: { light: 'file:../../icons/evovoice.svg', dark: 'file:../../icons/evovoice.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description: 'Starts a workflow when Evo Voice calls and chats start, change or end, or an SMS arrives',
		defaults: { name: 'Evo Voice Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'evoVoiceApi', required: true }],
		properties: [
			{
				displayName:
					'The first poll after activation, and the first after the filters change, only records the sessions that are live then (and the newest message); events are reported from the next poll on',
				name: 'baselineNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'Message Received',
						value: MESSAGE_RECEIVED,
						description: 'An SMS arrived on one of your Evo Voice phone numbers',
					},
					{
						name: 'New File',
						value: NEW_FILE_EVENT,
						description: 'A voicemail, call recording, fax or other file of the chosen types was created',
					},
					{
						name: 'Session Changed',
						value: 'sessionChanged',
						description:
							'The call state, queue state, dial state, hold reason, conference or a member\'s call state changed',
					},
					{
						name: 'Session Ended',
						value: 'sessionEnded',
						description: 'The session ended or left the live sessions',
					},
					{
						name: 'Session Started',
						value: 'sessionStarted',
						description: 'A session that was not live at the previous poll',
					},
				],
				default: ['sessionStarted'],
			},
			...NEW_FILE_PROPERTIES,
			SIMPLIFY_PROPERTY,
			filtersProperty([
				accountFilter('sessions'),
				{
					displayName: 'Channels',
					name: 'channels',
					type: 'multiOptions',
					options: [
						{ name: 'Chat', value: 'Chat' },
						{ name: 'Fax', value: 'Fax' },
						{ name: 'Voice', value: 'Voice' },
					],
					default: [],
					description: 'Only sessions of these channels; none chosen means all',
				},
				customerFilter('sessions'),
				idListLocator({
					displayName: 'Receiving Phone Numbers',
					name: 'phoneNumberIds',
					searchListMethod: 'searchPhoneNumbers',
					description: 'Message Received only: messages to these phone-number endpoints, all when empty',
				}),
			]),
			optionsProperty([
				{
					displayName: 'Include Sessions Between Polls',
					name: 'includeSessionsBetweenPolls',
					type: 'boolean',
					default: false,
					description:
						'Whether to also report sessions that started and ended between two polls, which the live list never shows. Costs one more request (GET /sessions) per poll.',
				},
			]),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// New File (fileEvents.ts) keeps its own cursor: its requests run first, the session and
		// message events' poll after them, and its cursor is written only once both succeeded (a failed poll loses nothing).
		const newFiles = await readNewFiles(this);
		const sessionItems = newFiles.withSessionEvents ? ((await EvoVoiceTrigger.pollSessions.call(this))?.[0] ?? []) : [];
		newFiles.commit();
		const items = [...sessionItems, ...newFiles.items];
		return items.length > 0 ? [items] : null;
	}

	/** The session events (Session Started, Changed and Ended) and Message Received. */
	static async pollSessions(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = (this.getNodeParameter('events', []) as string[]).filter((event) => event !== NEW_FILE_EVENT);
		const selectedEvents = events.filter((event): event is SessionEventName => event !== MESSAGE_RECEIVED);
		const filters = filtersOf(this);
		// Read first, kept last: the message cursor moves only when the session part succeeded too.
		const messages = events.includes(MESSAGE_RECEIVED)
			? await readMessageEvents(this, filters, selectedEvents.length === 0)
			: undefined;
		if (selectedEvents.length === 0) return withMessages(null, messages);
		const { includeSessionsBetweenPolls = false } = this.getNodeParameter('options', {}) as {
			includeSessionsBetweenPolls?: boolean;
		};
		const toJson = (this.getNodeParameter('simplify', true) as boolean)
			? simplifySession
			: (session: SessionInfo) => ({ ...session }) as IDataObject;
		const reader = new SessionReader(this, filters);

		if (this.getMode() === 'manual') {
			const items = await samples(reader, selectedEvents, toJson);
			return withMessages(items.length > 0 ? [items] : null, messages);
		}

		// n8n 2.x tells a poll its budget (5 min with the default poller, 36 s under the scheduler); 1.x does not.
		const budget = new Budget(this.getPollBudgetMs?.() ?? DEFAULT_POLL_BUDGET_MS);
		const staticData = this.getWorkflowStaticData('node');
		const hash = filtersHash(filters);
		const stored = isTriggerState(staticData.state)
			? withCurrentSettings(staticData.state, hash, includeSessionsBetweenPolls)
			: undefined;
		// Made under other filters, the state cannot tell a session that ended from one no longer watched.
		const filtersChanged = stored !== undefined && stored.filtersHash !== hash;
		const previous = filtersChanged ? undefined : stored;
		const live = await reader.live();

		if (!previous) {
			// The baseline: what is live now is known, nothing is reported.
			const listed = includeSessionsBetweenPolls ? await reader.recent(undefined, budget, 0, () => true) : undefined;
			const baseline = accountFor(new Map(), { live, recent: [], finals: new Map(), deferred: new Set() }, () => false);
			const state: TriggerState = {
				v: 2,
				filtersHash: hash,
				live: baseline.live,
				...(listed ? cursorFrom([...live, ...listed.sessions], listed, {}) : {}),
			};
			staticData.state = state as unknown as IDataObject;
			if (filtersChanged) {
				this.logger.info(
					'Evo Voice Trigger: the filters changed since the previous poll; a new baseline was taken and nothing reported',
				);
			}
			return withMessages(null, messages);
		}
		const tracked = trackedSessions(previous);
		const backlog = includeSessionsBetweenPolls ? await readBetweenPolls(reader, previous, budget) : undefined;
		const recent = backlog?.sessions ?? [];
		const liveIds = new Set(live.map((session) => session.id));
		const listedIds = new Set(recent.map((session) => session.id));
		// Tracked sessions that left the live list and whose end is not known yet: their final records.
		const gone = [...tracked]
			.filter(([id, code]) => !liveIds.has(id) && !listedIds.has(id) && !code.startsWith('E'))
			.map(([id]) => id);
		const { finals, deferred } = await reader.finals(gone, budget);

		// Every request has succeeded: only now is the state replaced, so a failed poll loses nothing.
		const readings: PollReadings = { live, recent, finals, deferred };
		const carried = new Set(previous.carried ?? []);
		// Switched on since the previous poll: what ListSessions lists may be older than the switch,
		// so only the live list says what started, as with the option off.
		const isNew = previous.betweenPolls ? createdAfter(previous) : () => false;
		const accounting = accountFor(tracked, readings, (session) => isNew(session) && !carried.has(session.id));
		const next: TriggerState = { v: 2, filtersHash: hash, live: accounting.live };
		if (backlog) {
			const seen = [...live, ...recent, ...finals.values()];
			if (backlog.resumePage === undefined || !previous.betweenPolls) {
				Object.assign(next, cursorFrom(seen, backlog, previous));
			} else {
				// A backlog is still unread: the cursor stays, and what was reported meanwhile is remembered.
				const sinceMs = previous.since === undefined ? -Infinity : Date.parse(previous.since);
				for (const session of seen) if (createdAt(session) >= sinceMs) carried.add(session.id);
				Object.assign(next, {
					betweenPolls: true,
					since: previous.since,
					sinceIds: previous.sinceIds,
					resumePage: backlog.resumePage,
					carried: [...carried].sort(),
				});
				this.logger.warn(
					`Evo Voice Trigger: more sessions started between polls than one poll reads; the rest is read from ListSessions page ${backlog.resumePage} at the next poll`,
				);
			}
		}
		// Static data is written whole when it changes: left untouched when nothing did.
		if (JSON.stringify(next) !== JSON.stringify(staticData.state)) staticData.state = next as unknown as IDataObject;

		const items = accounting.events.filter(({ event }) => selectedEvents.includes(event)).map((event) => itemOf(event, toJson));
		return withMessages(items.length > 0 ? [items] : null, messages);
	}
}
