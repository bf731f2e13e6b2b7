import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { EvoVoiceClient } from '../../transport';
import { getChatTranscript } from '../../transport';
import type { GetChatTranscript } from '../../transport/dto';
import { isoDateOf } from '../../helpers/dates';
import {
	assertOneOf,
	optionalBoolean,
	optionalText,
	requestOptionsProperty,
	sessionIdOf,
	sessionIdProperty,
	sessionItem,
	timeoutMsOf,
} from '../common';

const OUTPUT_MODES = ['perMessage', 'oneItem'] as const;

/** Evo Voice keeps historical messages for at most six months. */
const MAX_HISTORY_DAYS = 183;

const properties: INodeProperties[] = [
	sessionIdProperty('The chat whose messages to get', 'searchChatSessions'),
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'One Item per Message', value: 'perMessage' },
			{ name: 'One Item with All Messages', value: 'oneItem', description: 'In a messages list' },
		],
		default: 'perMessage',
	},
	requestOptionsProperty([
		{
			displayName: 'Include Historical',
			name: 'includeHistorical',
			type: 'boolean',
			default: false,
			description: 'Whether to add the earlier messages exchanged with the same chat party',
		},
		{
			displayName: 'Historical Cut-Off Date',
			name: 'historicalCutOffDate',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2026-06-01',
			description: 'How far back historical messages go: a date at most six months ago',
			displayOptions: { show: { includeHistorical: [true] } },
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['chat'], operation: ['getTranscript'] } },
	properties,
);

function transcriptQuery(context: IExecuteFunctions, itemIndex: number): GetChatTranscript {
	const options = context.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	const includeHistorical = optionalBoolean(context, options, 'includeHistorical', 'Include Historical', itemIndex);
	const cutOff = includeHistorical
		? isoDateOf(
				context,
				optionalText(context, options, 'historicalCutOffDate', 'Historical Cut-Off Date', itemIndex),
				'Historical Cut-Off Date',
				itemIndex,
			)
		: undefined;
	if (cutOff !== undefined && Date.parse(cutOff) < Date.now() - MAX_HISTORY_DAYS * 86_400_000) {
		throw new NodeOperationError(
			context.getNode(),
			`The "Historical Cut-Off Date" parameter may be at most six months ago for item ${itemIndex}, got "${cutOff}"`,
			{ itemIndex },
		);
	}
	return {
		...(includeHistorical !== undefined ? { includeHistorical } : {}),
		...(cutOff ? { historicalCutOffDate: cutOff } : {}),
	};
}

/** GetChatTranscript: GET /sessions/{sessionId}/transcript */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: EvoVoiceClient,
): Promise<INodeExecutionData[]> {
	const sessionId = sessionIdOf(this, itemIndex);
	const output = assertOneOf(this, this.getNodeParameter('output', itemIndex), OUTPUT_MODES, 'Output', itemIndex);
	const query = transcriptQuery(this, itemIndex);
	const timeoutMs = timeoutMsOf(this, itemIndex);
	const { messages } = await getChatTranscript(client, sessionId, query, { itemIndex, timeoutMs });
	if (output === 'oneItem') return sessionItem({ sessionId, messages }, itemIndex);
	return messages.map((message) => ({ json: { sessionId, ...message }, pairedItem: { item: itemIndex } }));
}
