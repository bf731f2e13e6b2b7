/** What the SMS operations share: the From picker, the message text, sending, and simplified messages. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { MessageInfo, SendMessageToAddress } from '../../transport/dto';
import type { ItemRun } from '../itemRun';

/** The fields Simplify keeps of a message: when, which way, between whom, and what it said. */
export const SIMPLIFIED_MESSAGE_FIELDS = [
	'id',
	'date',
	'direction',
	'endpointId',
	'endpointDisplayName',
	'otherAddress',
	'sender',
	'text',
	'isUnread',
] as const satisfies ReadonlyArray<keyof MessageInfo>;

/** A message with the simplified fields it has (Evo Voice may leave some out). */
export function simplifyMessage(message: MessageInfo): IDataObject {
	const simplified: IDataObject = {};
	for (const field of SIMPLIFIED_MESSAGE_FIELDS) if (message[field] !== undefined) simplified[field] = message[field];
	return simplified;
}

export const MESSAGE_SIMPLIFY_PROPERTY: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return only the message\'s ID, date, direction, phone number endpoint, other party, sender, text and unread flag instead of the whole record',
};

/** A phone-number endpoint of the account, picked from a list (ListEndpoints) or given by ID. */
export function phoneNumberProperty(displayName: string, name: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchPhoneNumbers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. end-main-line',
			},
		],
	};
}

export const MESSAGE_TEXT_PROPERTY: INodeProperties = {
	displayName: 'Text',
	name: 'text',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	required: true,
	description: 'The SMS text, sent exactly as written (spaces and line breaks included)',
};

/**
 * SendMessage at POST /messages, with parameters already checked: the text as written, to an
 * E.164 number. Never repeated once Evo Voice may have acted on it (the table's `change`).
 */
export async function sendSms(item: ItemRun, message: SendMessageToAddress): Promise<MessageInfo> {
	return await item.request('SendMessageToAddress', { body: message });
}

/** The message as an output item, simplified unless Simplify is off. */
export function messageOutput(item: ItemRun, message: MessageInfo) {
	return item.output(item.simplified(true) ? simplifyMessage(message) : message);
}
