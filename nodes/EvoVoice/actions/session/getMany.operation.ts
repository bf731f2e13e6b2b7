import type { INodeProperties } from 'n8n-workflow';

import { collectPages } from '../../transport';
import type { ListSessions } from '../../transport/dto';
import { SORT_ORDERS } from '../../transport/dto';
import { SIMPLIFY_PROPERTY, filtersProperty } from '../../helpers/sessionProperties';
import type { OperationDeclaration } from '../declaration';
import type { ItemRun } from '../itemRun';
import { accountListFilter, customerListFilter, idListLocator, pickedIdList } from '../directoryParameters';
import { returnAllProperties } from '../parameters';

function dateFilter(displayName: string, name: string, description: string): INodeProperties {
	return { displayName, name, type: 'string', default: '', placeholder: 'YYYY-MM-DD', description };
}

const properties: INodeProperties[] = [
	...returnAllProperties(),
	SIMPLIFY_PROPERTY,
	filtersProperty([
		accountListFilter('sessions'),
		customerListFilter('sessions'),
		dateFilter('End Date', 'endDate', 'Only sessions up to this day (YYYY-MM-DD)'),
		idListLocator({
			displayName: 'Endpoints',
			name: 'endpointIds',
			searchListMethod: 'searchEndpoints',
			description: 'Only sessions of these endpoints (phone numbers, users…)',
		}),
		{
			displayName: 'From',
			name: 'from',
			type: 'string',
			default: '',
			placeholder: 'e.g. +1555',
			description: 'Only sessions whose caller contains this text',
		},
		{
			displayName: 'Log Text',
			name: 'log',
			type: 'string',
			default: '',
			description: 'Only sessions whose log contains this text',
		},
		{
			displayName: 'Parent Session ID',
			name: 'parentSessionId',
			type: 'string',
			default: '',
			description: 'Only the sessions started from this session: its session ID',
		},
		{
			displayName: 'Search Archive',
			name: 'searchArchive',
			type: 'boolean',
			default: false,
			description: 'Whether to search the archived sessions (older than about 15 days) instead of the recent ones',
		},
		dateFilter('Start Date', 'startDate', 'Only sessions from this day on (YYYY-MM-DD)'),
		{
			displayName: 'To',
			name: 'to',
			type: 'string',
			default: '',
			placeholder: 'e.g. +1555',
			description: 'Only sessions whose called address contains this text',
		},
	]),
];

function sessionsQuery(item: ItemRun): ListSessions {
	const text = (name: string) => item.optionalText(`filters.${name}`);
	const sortField = item.optionalText('options.sortField');
	return {
		accountIds: pickedIdList(item, 'filters.accountIds'),
		customerIds: pickedIdList(item, 'filters.customerIds'),
		endpointIds: pickedIdList(item, 'filters.endpointIds'),
		startDate: item.date('filters.startDate', { dateOnly: true }),
		endDate: item.date('filters.endDate', { dateOnly: true }),
		from: text('from'),
		to: text('to'),
		log: text('log'),
		parentSessionId: text('parentSessionId'),
		searchArchive: item.optionalBoolean('filters.searchArchive') || undefined,
		sortField,
		sortOrder: sortField ? item.oneOf('options.sortOrder', SORT_ORDERS, 'Descend') : undefined,
	};
}

export const getMany: OperationDeclaration = {
	resource: 'session',
	operation: 'getMany',
	name: 'Get Many',
	description: 'Get the session history: live and ended calls, chats and faxes',
	action: 'List past and live calls and chats',
	endpoints: ['ListSessions'],
	properties,
	options: [
		{
			displayName: 'Sort Field',
			name: 'sortField',
			type: 'string',
			default: '',
			placeholder: 'e.g. DateCreated',
			description: 'The session field to sort by, as Evo Voice names it; Evo Voice\'s own order when empty',
		},
		{
			displayName: 'Sort Order',
			name: 'sortOrder',
			type: 'options',
			options: [
				{ name: 'Ascending', value: 'Ascend' },
				{ name: 'Descending', value: 'Descend' },
			],
			default: 'Descend',
			description: 'Whether Sort Field sorts from smallest to largest (oldest first for a date) or the other way',
		},
	],
	/** ListSessions: GET /sessions, page by page, one output item per session. */
	async run(item) {
		const limit = item.limit();
		const toItem = item.sessionShaper(true);
		const sessions = await collectPages(item.client, 'ListSessions', sessionsQuery(item), limit, item.call);
		return sessions.map(toItem);
	},
};
