import { NodeOperationError } from 'n8n-workflow';

import type { OperationDeclaration } from '../declaration';
import { MESSAGE_SIMPLIFY_PROPERTY, MESSAGE_TEXT_PROPERTY, messageOutput, sendSms } from '../message/messaging';

export const reply: OperationDeclaration = {
	resource: 'conversation',
	operation: 'reply',
	name: 'Reply',
	description: 'Send an SMS into a conversation: from its Evo Voice number to its other party',
	action: 'Reply by SMS in a conversation',
	endpoints: ['ListMessages', 'SendMessageToAddress'],
	properties: [
		{
			displayName: 'Conversation',
			name: 'conversationId',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			required: true,
			description: 'The ID of the conversation to reply into, as Conversation → Get Many gives it',
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: 'searchConversations', searchable: true },
				},
				{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. cnv-0001' },
			],
		},
		MESSAGE_TEXT_PROPERTY,
		MESSAGE_SIMPLIFY_PROPERTY,
	],
	/**
	 * ListMessages (`conversationIds`, one message) tells the conversation's number and other
	 * party; then SendMessage at POST /messages from that number to that party.
	 */
	async run(item) {
		const conversationId = item.id('conversationId');
		const body = item.text('text', { asWritten: true });
		const { items } = await item.request('ListMessages', {
			query: { conversationIds: conversationId, countPerPage: 1, simplifiedPaging: true },
		});
		const latest = items[0];
		if (latest === undefined || !latest.endpointId || !latest.otherAddress) {
			throw new NodeOperationError(
				item.context.getNode(),
				`Evo Voice has no message in conversation "${conversationId}" to reply to for item ${item.itemIndex}`,
				{ itemIndex: item.itemIndex, description: 'Check the Conversation: Conversation → Get Many lists them with their IDs.' },
			);
		}
		const message = await sendSms(item, {
			endpointId: latest.endpointId,
			toAddress: item.e164('conversationId', latest.otherAddress),
			body,
		});
		return messageOutput(item, message);
	},
};
