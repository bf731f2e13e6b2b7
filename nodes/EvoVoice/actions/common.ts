import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { evoVoiceApiRequest, sessionPath } from '../transport';
import type { SessionInfo } from '../transport/dto';

/** What every operation exports: its parameters and how it runs for one input item. */
export interface EvoVoiceOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
}

/** The Session ID parameter, picked from the live sessions or given as an ID or expression. */
export function sessionIdProperty(description: string): INodeProperties {
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
				typeOptions: { searchListMethod: 'searchActiveSessions', searchable: true },
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

/** Reads the session ID; an ID of only dots would be read by URL parsers as a path step. */
export function sessionIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const sessionId = requiredText(context, 'sessionId', 'Session', itemIndex, {
		extractValue: true,
	});
	if (/^\.+$/.test(sessionId)) {
		throw new NodeOperationError(
			context.getNode(),
			`The "Session" parameter "${sessionId}" is not a valid session ID for ${itemLabel(itemIndex)}`,
			{ itemIndex },
		);
	}
	return sessionId;
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

export function additionalFieldsOf(
	context: IExecuteFunctions,
	itemIndex: number,
): Record<string, unknown> {
	return context.getNodeParameter('additionalFields', itemIndex, {}) as Record<string, unknown>;
}

/** POSTs an action to one of a session's routes; the updated session is this item's output. */
export async function postToSession(
	context: IExecuteFunctions,
	itemIndex: number,
	sessionId: string,
	route: string[],
	body: object,
): Promise<INodeExecutionData[]> {
	const session = await evoVoiceApiRequest<SessionInfo>(
		context,
		{ method: 'POST', path: sessionPath(sessionId, ...route), body },
		itemIndex,
	);
	return [{ json: { ...session }, pairedItem: { item: itemIndex } }];
}
