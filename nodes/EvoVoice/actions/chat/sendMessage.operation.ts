import type { SendMessage } from '../../transport/dto';
import type { OperationDeclaration } from '../declaration';
import { sessionIdProperty } from '../parameters';

export const sendMessage: OperationDeclaration = {
	resource: 'chat',
	operation: 'sendMessage',
	name: 'Send Message',
	description: 'Send a text message into a live chat',
	action: 'Send a text message into a live chat',
	endpoints: ['SendMessage'],
	properties: [
		sessionIdProperty('The ID of the live chat to send the message into (a session ID, as Get Active Sessions gives it)', 'searchChatSessions'),
		{
			displayName: 'Message',
			name: 'body',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			required: true,
			description: 'The text to send to everyone in the chat, exactly as written (spaces and line breaks included)',
		},
	],
	/** SendMessage: POST /sessions/{sessionId}/messages; outputs the MessageInfo Evo Voice answers. */
	async run(item) {
		const sessionId = item.sessionId();
		// Leading and trailing spaces and line breaks are part of a message: it goes as written.
		const body: SendMessage = { sessionId, body: item.text('body', { asWritten: true }) };
		return item.output(await item.request('SendMessage', { path: { sessionId }, body }));
	},
};
