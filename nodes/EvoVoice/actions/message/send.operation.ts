import type { OperationDeclaration } from '../declaration';
import { MESSAGE_SIMPLIFY_PROPERTY, MESSAGE_TEXT_PROPERTY, messageOutput, phoneNumberProperty, sendSms } from './messaging';

export const send: OperationDeclaration = {
	resource: 'message',
	operation: 'send',
	name: 'Send',
	description: 'Send an SMS from one of your Evo Voice phone numbers',
	action: 'Send an SMS from one of your numbers',
	endpoints: ['SendMessageToAddress'],
	properties: [
		{ ...phoneNumberProperty('From', 'endpointId', 'The Evo Voice phone number the SMS is sent from: its endpoint ID, as Endpoint → Get Many (type Phone Number) gives it'), required: true },
		{
			displayName: 'To',
			name: 'toAddress',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. +15556667777',
			description: 'The phone number to text, in E.164 form; spaces, dashes, dots and brackets are dropped',
		},
		MESSAGE_TEXT_PROPERTY,
		MESSAGE_SIMPLIFY_PROPERTY,
	],
	/** SendMessage: POST /messages with {endpointId, toAddress, body}; outputs the MessageInfo Evo Voice answers. */
	async run(item) {
		const message = await sendSms(item, {
			endpointId: item.id('endpointId'),
			toAddress: item.e164('toAddress', item.text('toAddress')),
			// Leading and trailing spaces and line breaks are part of a message: it goes as written.
			body: item.text('text', { asWritten: true }),
		});
		return messageOutput(item, message);
	},
};
