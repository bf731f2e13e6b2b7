/** Parameters that many operations share, built once. */
import type { INodeProperties } from 'n8n-workflow';

import { SIMPLIFY_PROPERTY, optionsProperty } from '../helpers/sessionProperties';
import { DEFAULT_TIMEOUT_SECONDS } from '../transport';

/** The longest Timeout a user may set: n8n itself gives up on a request after 300 s. */
export const MAX_TIMEOUT_SECONDS = 300;

/** More requests in flight than this would only queue up at Evo Voice. */
export const MAX_BATCH_SIZE = 100;

/**
 * The Session picker's search methods: the live sessions an action can act on (all, calls,
 * chats), or for operations that read ended sessions too, the live and the recent ones.
 */
export type SessionSearchMethod =
	| 'searchActiveSessions'
	| 'searchVoiceSessions'
	| 'searchChatSessions'
	| 'searchRecentSessions'
	| 'searchRecentChatSessions';

/** The Session ID parameter, picked from the live sessions or given as an ID or expression. */
export function sessionIdProperty(
	description: string,
	searchListMethod: SessionSearchMethod = 'searchActiveSessions',
): INodeProperties {
	return pickerProperty({ displayName: 'Session', name: 'sessionId', description, searchListMethod });
}

/** A required ID picked from a searchable list (`searchListMethod`) or given as an ID or expression. */
export function pickerProperty({
	displayName,
	name,
	description,
	searchListMethod,
}: {
	displayName: string;
	name: string;
	description: string;
	searchListMethod: string;
}): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 65f1c0ffee0123456789abcd',
			},
		],
	};
}

/** The Options collection every operation has: batching, and how long to wait for Evo Voice. */
export function requestOptionsProperty(options: INodeProperties[] = []): INodeProperties {
	return optionsProperty([
		...options,
		{
			displayName: 'Batching',
			name: 'batching',
			placeholder: 'Add Batching',
			type: 'fixedCollection',
			typeOptions: { multipleValues: false },
			default: { batch: {} },
			options: [
				{
					displayName: 'Batching',
					name: 'batch',
					values: [
						{
							displayName: 'Items per Batch',
							name: 'batchSize',
							type: 'number',
							typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE },
							default: 10,
							description:
								'How many items to send to Evo Voice at once. Items of a batch run side by side, so when one fails the others of its batch have already been sent (the error says which succeeded); output order is unchanged.',
						},
						{
							displayName: 'Batch Interval (Ms)',
							name: 'batchInterval',
							type: 'number',
							typeOptions: { minValue: 0 },
							default: 0,
							description: 'Time (in milliseconds) to wait between batches, to stay under Evo Voice\'s rate limit',
						},
					],
				},
			],
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_SECONDS },
			default: DEFAULT_TIMEOUT_SECONDS,
			description: 'How many seconds to wait for Evo Voice to answer each request before the item fails',
		},
	]);
}

/** An operation's optional fields, offered under "Add Field" and left out of the request when unset. */
export function additionalFieldsProperty(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}

/** The Call SID field of the operations that can act on one call of a session. */
export function callSidField(description: string): INodeProperties {
	return {
		displayName: 'Call SID',
		name: 'callSid',
		type: 'string',
		default: '',
		placeholder: 'e.g. CA0123456789abcdef0123456789abcdef',
		description,
	};
}

/** The Caller ID field of the operations that reach a phone number: what the other party sees. */
export function callerIdField(description: string): INodeProperties {
	return {
		displayName: 'Caller ID',
		name: 'callerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. +15555550100',
		description,
	};
}

/** The Return All and Limit parameters of a list operation. */
export function returnAllProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/**
 * The Simplify switch of the actions (Hold, Transfer, End…). Off by default: the whole session
 * shows what the action changed (hold reason, conference, members), and workflows saved before
 * the switch existed keep their output. On by default where the node is an AI agent's tool
 * (n8n's `@tool` condition): a model pays for every field, and can still be given the whole
 * session by turning it off.
 */
export const ACTION_SIMPLIFY_PROPERTIES: INodeProperties[] = [
	{ ...SIMPLIFY_PROPERTY, default: false, displayOptions: { show: { '@tool': [false] } } },
	{ ...SIMPLIFY_PROPERTY, default: true, displayOptions: { show: { '@tool': [true] } } },
];
