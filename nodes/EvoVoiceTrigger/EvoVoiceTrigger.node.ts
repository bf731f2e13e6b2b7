import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { simplifySession } from '../EvoVoice/helpers/simplify';
import {
	ACCOUNT_ID_FILTER,
	CUSTOMER_ID_FILTER,
	SIMPLIFY_PROPERTY,
} from '../EvoVoice/helpers/sessionProperties';
import { EvoVoiceClient, getActiveSessions, listSessions } from '../EvoVoice/transport';
import type { FlowChannel, ListSessions, SessionInfo } from '../EvoVoice/transport/dto';
import type { SessionEvent, SessionEventName, TriggerState } from './sessionEvents';
import { baselineState, sessionEvents } from './sessionEvents';

/** ListSessions pages fetched at most per poll when catching sessions between polls. */
const MAX_RECENT_PAGES = 10;
const RECENT_PAGE_SIZE = 100;
const SAMPLE_SIZE = 5;
const DAY_MS = 86_400_000;

interface Filters {
	accountId?: string;
	customerId?: string;
	channels?: FlowChannel[];
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function matchesChannels(filters: Filters) {
	const channels = filters.channels ?? [];
	return (session: SessionInfo) => channels.length === 0 || channels.includes(session.channel);
}

/** GET /portal/active-sessions with the account and customer filters; channels are kept here. */
async function fetchLiveSessions(client: EvoVoiceClient, filters: Filters): Promise<SessionInfo[]> {
	const sessions = await getActiveSessions(client, {
		...(text(filters.accountId) ? { accountId: text(filters.accountId) } : {}),
		...(text(filters.customerId) ? { customerId: text(filters.customerId) } : {}),
	});
	return sessions.filter(matchesChannels(filters));
}

/**
 * GET /sessions, newest first, down to `since` (an ISO date-time; '' for just the first page).
 * ListSessions filters by whole days, so the day before `since` is asked for too.
 */
async function fetchRecentSessions(
	client: EvoVoiceClient,
	filters: Filters,
	since: string,
	pageSize = RECENT_PAGE_SIZE,
): Promise<SessionInfo[]> {
	const sinceMs = since === '' ? undefined : Date.parse(since);
	const qs: ListSessions = {
		sortField: 'DateCreated',
		sortOrder: 'Descend',
		countPerPage: pageSize,
		simplifiedPaging: true,
	};
	if (text(filters.accountId)) qs.accountIds = text(filters.accountId);
	if (text(filters.customerId)) qs.customerIds = text(filters.customerId);
	if (sinceMs !== undefined) qs.startDate = new Date(sinceMs - DAY_MS).toISOString().slice(0, 10);
	const found: SessionInfo[] = [];
	for (let page = 0; page < MAX_RECENT_PAGES; page++) {
		const response = await listSessions(client, { ...qs, page });
		const items = response.items;
		found.push(...items);
		const oldest = items[items.length - 1];
		const reachedSince = sinceMs === undefined || (oldest !== undefined && Date.parse(oldest.dateCreated) < sinceMs);
		if (items.length === 0 || !response.hasMorePages || reachedSince) break;
	}
	return found.filter(
		(session) => (sinceMs === undefined || Date.parse(session.dateCreated) >= sinceMs) && matchesChannels(filters)(session),
	);
}

function isTriggerState(value: unknown): value is TriggerState {
	const state = value as Partial<TriggerState> | undefined;
	return (
		typeof state?.sessions === 'object' &&
		state.sessions !== null &&
		typeof state.newestCreated === 'string' &&
		Array.isArray(state.newestCreatedIds)
	);
}

function eventItem({ event, session, changes }: SessionEvent): INodeExecutionData {
	return { json: { event, ...session, ...(changes ? { changes } : {}) } };
}

export class EvoVoiceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Evo Voice Trigger',
		name: 'evoVoiceTrigger',
		icon: { light: 'file:../../icons/evovoice.svg', dark: 'file:../../icons/evovoice.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description: 'Starts a workflow when Evo Voice calls and chats start, change or end',
		defaults: { name: 'Evo Voice Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'evoVoiceApi', required: true }],
		properties: [
			{
				displayName:
					'The first poll after activation only records the sessions that are live then; events are reported from the second poll on',
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
			SIMPLIFY_PROPERTY,
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					ACCOUNT_ID_FILTER,
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
					CUSTOMER_ID_FILTER,
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Sessions Between Polls',
						name: 'includeSessionsBetweenPolls',
						type: 'boolean',
						default: false,
						description:
							'Whether to also report sessions that started and ended between two polls, which the live list never shows. Costs one more request (GET /sessions) per poll.',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const selectedEvents = this.getNodeParameter('events', []) as SessionEventName[];
		const filters = this.getNodeParameter('filters', {}) as Filters;
		const { includeSessionsBetweenPolls = false } = this.getNodeParameter('options', {}) as {
			includeSessionsBetweenPolls?: boolean;
		};
		const toJson = (this.getNodeParameter('simplify', true) as boolean)
			? simplifySession
			: (session: SessionInfo) => ({ ...session }) as IDataObject;

		const client = new EvoVoiceClient(this);
		const live = await fetchLiveSessions(client, filters);

		if (this.getMode() === 'manual') {
			// Fetch Test Event: the newest sessions as samples; the polling state is left alone.
			const newestFirst = [...live].sort((a, b) => b.dateCreated.localeCompare(a.dateCreated));
			const samples = newestFirst.length > 0 ? newestFirst : await fetchRecentSessions(client, filters, '', SAMPLE_SIZE);
			if (samples.length === 0) return null;
			return [
				samples.slice(0, SAMPLE_SIZE).map((session) =>
					eventItem({ event: session.ended ? 'sessionEnded' : 'sessionStarted', session: toJson(session) }),
				),
			];
		}

		const staticData = this.getWorkflowStaticData('node');
		const previous = isTriggerState(staticData.state) ? staticData.state : undefined;
		const recent = includeSessionsBetweenPolls
			? await fetchRecentSessions(client, filters, previous?.newestCreated ?? '', previous ? RECENT_PAGE_SIZE : 1)
			: [];

		// Every request has succeeded: only now is the state replaced, so a failed poll loses nothing.
		if (!previous) {
			staticData.state = baselineState(live, recent) as unknown as IDataObject;
			return null;
		}
		const { events, next } = sessionEvents(previous, live, recent, toJson);
		staticData.state = next as unknown as IDataObject;
		const items = events.filter(({ event }) => selectedEvents.includes(event)).map(eventItem);
		return items.length > 0 ? [items] : null;
	}
}
