/** What the SMS operations share: the From picker, the message text, sending, and simplified messages. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { pickFields } from '../../helpers/simplify';
import type { ListConversations, MessageInfo, SendMessageToAddress } from '../../transport/dto';
import type { ItemRun } from '../itemRun';
import { accountListFilter, customerListFilter, pickedIdList } from '../directoryParameters';

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
	return pickFields(message, SIMPLIFIED_MESSAGE_FIELDS);
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

/**
 * The filters ListMessages and ListConversations share, for `records` ("messages",
 * "conversations"): accounts, customers, a phone number and a date.
 */
export function messagingFilters(records: string, more: INodeProperties[] = []): INodeProperties[] {
	const filters: INodeProperties[] = [
		accountListFilter(records),
		{
			displayName: 'After Date',
			name: 'afterDate',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2026-11-24T09:00:00Z',
			description: `Only ${records} after this date: ISO 8601, a date or a date-time (sent in UTC when it has an offset)`,
		},
		...more,
		customerListFilter(records),
		phoneNumberProperty('Phone Number', 'endpointId', `Only ${records} of this Evo Voice phone number`),
	];
	return filters.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The shared filters' query: lists comma-joined, the phone number as `endpointIds`, the date checked. */
export function messagingFilterQuery(item: ItemRun): ListConversations {
	return {
		accountIds: pickedIdList(item, 'filters.accountIds'),
		customerIds: pickedIdList(item, 'filters.customerIds'),
		endpointIds: item.optionalText('filters.endpointId', { extractValue: true }),
		afterDate: item.date('filters.afterDate'),
	};
}
