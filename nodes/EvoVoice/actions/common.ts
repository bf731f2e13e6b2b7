import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { EvoVoiceClient } from '../transport';
import type { ListResponse, SessionInfo } from '../transport/dto';
import { simplifySession } from '../helpers/simplify';
import { SIMPLIFY_PROPERTY } from '../helpers/sessionProperties';
import { DEFAULT_TIMEOUT_SECONDS } from '../transport';

/** What every operation exports: its parameters and how it runs for one input item. */
export interface EvoVoiceOperation {
	description: INodeProperties[];
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		client: EvoVoiceClient,
	): Promise<INodeExecutionData[]>;
}

/** The longest Timeout a user may set: n8n itself gives up on a request after 300 s. */
const MAX_TIMEOUT_SECONDS = 300;

/** More requests in flight than this would only queue up at Evo Voice. */
const MAX_BATCH_SIZE = 100;

/** The Session picker's search methods: each lists only the live sessions an operation can act on. */
export type SessionSearchMethod = 'searchActiveSessions' | 'searchVoiceSessions' | 'searchChatSessions';

/** The Session ID parameter, picked from the live sessions or given as an ID or expression. */
export function sessionIdProperty(
	description: string,
	searchListMethod: SessionSearchMethod = 'searchActiveSessions',
): INodeProperties {
	return {
		displayName: 'Session',
		name: 'sessionId',
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

function itemLabel(itemIndex: number): string {
	return `item ${itemIndex}`;
}

/** Reads a text parameter that must not be blank, failing before any request if it is. */
export function requiredText(
	context: IExecuteFunctions,
	name: string,
	displayName: string,
	itemIndex: number,
	options: { extractValue?: boolean } = {},
): string {
	const value = context.getNodeParameter(name, itemIndex, '', options) as unknown;
	const text = typeof value === 'number' ? String(value) : value;
	if (typeof text === 'object' && text !== null) {
		throw new NodeOperationError(
			context.getNode(),
			`The "${displayName}" parameter must be text for ${itemLabel(itemIndex)}, got ${Array.isArray(text) ? 'a list' : 'an object'}`,
			{ itemIndex, description: `Check the expression that fills "${displayName}": it should give one text value.` },
		);
	}
	if (typeof text !== 'string' || text.trim() === '') {
		throw new NodeOperationError(
			context.getNode(),
			`The "${displayName}" parameter is required but is empty for ${itemLabel(itemIndex)}`,
			{ itemIndex, description: `Set "${displayName}", or check the expression that fills it.` },
		);
	}
	return text.trim();
}

/** Reads an optional text field of a collection; blank values are left out of the request. */
export function optionalText(
	context: IExecuteFunctions,
	collection: Record<string, unknown>,
	name: string,
	displayName: string,
	itemIndex: number,
): string | undefined {
	const value = collection[name];
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new NodeOperationError(
			context.getNode(),
			`The "${displayName}" parameter must be text for ${itemLabel(itemIndex)}`,
			{ itemIndex },
		);
	}
	const text = String(value).trim();
	return text === '' ? undefined : text;
}

/** Fails with a message naming the parameter when a value is not one of the allowed ones. */
export function assertOneOf<T extends string>(
	context: IExecuteFunctions,
	value: unknown,
	allowed: readonly T[],
	displayName: string,
	itemIndex: number,
): T {
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	throw new NodeOperationError(
		context.getNode(),
		`The "${displayName}" parameter must be one of ${allowed.join(', ')} for ${itemLabel(itemIndex)}, got "${String(value)}"`,
		{ itemIndex },
	);
}

// Half of a UTF-16 surrogate pair cannot be percent-encoded into a URL.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Reads an ID that goes into the request path: an ID of only dots would be read by URL
 * parsers as a path step, and a lone surrogate cannot be encoded at all.
 */
export function pathIdOf(
	context: IExecuteFunctions,
	name: string,
	displayName: string,
	itemIndex: number,
): string {
	const id = requiredText(context, name, displayName, itemIndex, { extractValue: true });
	if (/^\.+$/.test(id) || LONE_SURROGATE.test(id)) {
		throw new NodeOperationError(
			context.getNode(),
			`The "${displayName}" parameter ${JSON.stringify(id)} is not a valid ID for ${itemLabel(itemIndex)}`,
			{ itemIndex, description: 'An ID may not be made of dots only or contain broken Unicode characters.' },
		);
	}
	return id;
}

export function sessionIdOf(context: IExecuteFunctions, itemIndex: number): string {
	return pathIdOf(context, 'sessionId', 'Session', itemIndex);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Digits with the usual separators, optionally in E.164 form.
const PHONE_NUMBER = /^\+?[0-9][0-9 ().-]{2,}[0-9]$/;

/** Reads a party to dial or invite: a phone number or an Evo Voice user's email address. */
export function phoneOrEmailOf(
	context: IExecuteFunctions,
	name: string,
	displayName: string,
	itemIndex: number,
): string {
	const value = requiredText(context, name, displayName, itemIndex);
	if (!EMAIL.test(value) && !PHONE_NUMBER.test(value)) {
		throw new NodeOperationError(
			context.getNode(),
			`The "${displayName}" parameter must be a phone number or an email address for ${itemLabel(itemIndex)}, got "${value}"`,
			{ itemIndex },
		);
	}
	return value;
}

/** The Options collection every operation has: batching, and how long to wait for Evo Voice. */
export function requestOptionsProperty(options: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
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
								description: 'How many items to send to Evo Voice at once. Items of a batch run side by side; output order is unchanged.',
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
		],
	};
}

export interface Batching {
	batchSize: number;
	batchIntervalMs: number;
}

/** The node's Batching option (read from the first item, as it shapes the whole run); none: one at a time. */
export function batchingOf(context: IExecuteFunctions): Batching {
	const batch = context.getNodeParameter('options.batching.batch', 0, {}) as {
		batchSize?: unknown;
		batchInterval?: unknown;
	};
	const batchSize = batch.batchSize ?? 1;
	const batchIntervalMs = batch.batchInterval ?? 0;
	if (typeof batchSize !== 'number' || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
		throw new NodeOperationError(
			context.getNode(),
			`The "Items per Batch" option must be a whole number from 1 to ${MAX_BATCH_SIZE}, got ${JSON.stringify(batchSize)}`,
		);
	}
	if (typeof batchIntervalMs !== 'number' || !Number.isFinite(batchIntervalMs) || batchIntervalMs < 0) {
		throw new NodeOperationError(
			context.getNode(),
			`The "Batch Interval (Ms)" option must be a number of milliseconds of 0 or more, got ${JSON.stringify(batchIntervalMs)}`,
		);
	}
	return { batchSize, batchIntervalMs };
}

/** The item's Timeout option in milliseconds, checked before any request. */
export function timeoutMsOf(context: IExecuteFunctions, itemIndex: number): number {
	const options = context.getNodeParameter('options', itemIndex, {}) as { timeout?: unknown };
	const timeout = options.timeout ?? DEFAULT_TIMEOUT_SECONDS;
	if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_TIMEOUT_SECONDS) {
		throw new NodeOperationError(
			context.getNode(),
			`The "Timeout" option must be a number of seconds between 1 and ${MAX_TIMEOUT_SECONDS} for ${itemLabel(itemIndex)}, got ${JSON.stringify(timeout)}`,
			{ itemIndex },
		);
	}
	return timeout * 1000;
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

export function additionalFieldsOf(
	context: IExecuteFunctions,
	itemIndex: number,
): Record<string, unknown> {
	return context.getNodeParameter('additionalFields', itemIndex, {}) as Record<string, unknown>;
}

/** One output item: the session an action returned, paired with its input item. */
export function sessionItem(session: object, itemIndex: number): INodeExecutionData[] {
	return [{ json: { ...session } as IDataObject, pairedItem: { item: itemIndex } }];
}

/** The Limit of a list operation, or Infinity under Return All; checked before any request. */
export function limitOf(context: IExecuteFunctions, itemIndex: number): number {
	if (context.getNodeParameter('returnAll', itemIndex, false) as boolean) return Infinity;
	const limit = context.getNodeParameter('limit', itemIndex, 50) as number;
	if (!Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(
			context.getNode(),
			`The "Limit" parameter must be a whole number of at least 1 for ${itemLabel(itemIndex)}, got ${limit}`,
			{ itemIndex },
		);
	}
	return limit;
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

/** How many entries each page request asks for: Evo Voice's own default is 25. */
export const PAGE_SIZE = 100;

/**
 * Reads a ServiceStack list page by page (page 0 first) until `limit` entries are in, the
 * answer says there are no more pages, or a page brings nothing new — a server that ignored
 * `page` would otherwise be asked for the same page forever.
 */
export async function collectPages<T extends { id: string }>(
	fetchPage: (page: number, countPerPage: number) => Promise<ListResponse<T>>,
	limit: number,
): Promise<T[]> {
	const collected: T[] = [];
	const seen = new Set<string>();
	// One page size throughout: `page` counts pages of this size.
	const countPerPage = Math.min(PAGE_SIZE, limit);
	for (let page = 0; collected.length < limit; page++) {
		const answer = await fetchPage(page, countPerPage);
		const fresh = answer.items.filter((entry) => !seen.has(entry.id));
		for (const entry of fresh) seen.add(entry.id);
		collected.push(...fresh);
		if (fresh.length === 0 || answer.hasMorePages !== true) break;
	}
	return collected.slice(0, limit);
}

/**
 * The Simplify switch of the actions (Hold, Transfer, End…). Off by default: the whole session
 * shows what the action changed (hold reason, conference, members), and workflows saved before
 * the switch existed keep their output.
 */
export const ACTION_SIMPLIFY_PROPERTY: INodeProperties = { ...SIMPLIFY_PROPERTY, default: false };

/** One output item for a session an action returned, simplified when the Simplify switch is on. */
export function simplifiedSessionItem(
	context: IExecuteFunctions,
	session: SessionInfo,
	itemIndex: number,
): INodeExecutionData[] {
	const simplify = context.getNodeParameter('simplify', itemIndex, false) as boolean;
	return simplify ? sessionItem(simplifySession(session), itemIndex) : sessionItem(session, itemIndex);
}

/** Reads a Yes/No field of a collection, failing on anything but a boolean. */
export function optionalBoolean(
	context: IExecuteFunctions,
	collection: Record<string, unknown>,
	name: string,
	displayName: string,
	itemIndex: number,
): boolean | undefined {
	const value = collection[name];
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'boolean') {
		throw new NodeOperationError(
			context.getNode(),
			`The "${displayName}" parameter must be true or false for ${itemLabel(itemIndex)}, got ${JSON.stringify(value)}`,
			{ itemIndex },
		);
	}
	return value;
}
