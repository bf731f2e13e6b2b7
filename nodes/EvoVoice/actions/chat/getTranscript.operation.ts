import type { GetChatTranscript } from '../../transport/dto';
import type { OperationDeclaration } from '../declaration';
import type { ItemRun } from '../itemRun';
import { sessionIdProperty } from '../parameters';

const OUTPUT_MODES = ['perMessage', 'oneItem'] as const;

/** Evo Voice keeps historical messages for at most six months. */
const MAX_HISTORY_DAYS = 183;

function transcriptQuery(item: ItemRun): GetChatTranscript {
	const includeHistorical = item.optionalBoolean('options.includeHistorical');
	const cutOff = includeHistorical ? item.date('options.historicalCutOffDate') : undefined;
	if (cutOff !== undefined && Date.parse(cutOff) < Date.now() - MAX_HISTORY_DAYS * 86_400_000) {
		throw item.fail('options.historicalCutOffDate', 'may be at most six months ago', { got: `"${cutOff}"` });
	}
	return { includeHistorical, historicalCutOffDate: cutOff };
}

export const getTranscript: OperationDeclaration = {
	resource: 'chat',
	operation: 'getTranscript',
	name: 'Get Transcript',
	description: 'Get the messages of a chat, live or ended',
	action: 'Get the messages of a chat by session ID',
	endpoints: ['GetChatTranscript'],
	properties: [
		sessionIdProperty('The ID of the chat whose messages to get, live or ended (a session ID, as Get Active Sessions or Get Many Sessions gives it)', 'searchRecentChatSessions'),
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{ name: 'One Item per Message', value: 'perMessage' },
				{ name: 'One Item with All Messages', value: 'oneItem', description: 'In a messages list' },
			],
			default: 'perMessage',
			description: 'Whether each message becomes its own item, or all of them one item with a messages list',
		},
	],
	options: [
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
			description: 'How far back historical messages go: an ISO 8601 date (YYYY-MM-DD) at most six months ago',
			displayOptions: { show: { includeHistorical: [true] } },
		},
	],
	/** GetChatTranscript: GET /sessions/{sessionId}/transcript */
	async run(item) {
		const sessionId = item.sessionId();
		const output = item.oneOf('output', OUTPUT_MODES);
		const query = transcriptQuery(item);
		const { messages } = await item.request('GetChatTranscript', { path: { sessionId }, query });
		if (output === 'oneItem') return item.output({ sessionId, messages });
		return messages.map((message) => item.item({ sessionId, ...message }));
	},
};
