import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { EvoVoiceClient } from '../../transport';
import { listSessions } from '../../transport';
import type { ListSessions } from '../../transport/dto';
import { SORT_ORDERS } from '../../transport/dto';
import { isoDateOf } from '../../helpers/dates';
import { SIMPLIFY_PROPERTY } from '../../helpers/sessionProperties';
import { simplifySession } from '../../helpers/simplify';
import {
	assertOneOf,
	collectPages,
	limitOf,
	optionalBoolean,
	optionalText,
	requestOptionsProperty,
	returnAllProperties,
	timeoutMsOf,
} from '../common';

function idListFilter(displayName: string, name: string, of: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder: 'e.g. id1, id2',
		description: `Only sessions of these ${of}, separated by commas`,
	};
}

function dateFilter(displayName: string, name: string, description: string): INodeProperties {
	return { displayName, name, type: 'string', default: '', placeholder: 'YYYY-MM-DD', description };
}

const properties: INodeProperties[] = [
	...returnAllProperties(),
	SIMPLIFY_PROPERTY,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			idListFilter('Account IDs', 'accountIds', 'accounts'),
			idListFilter('Customer IDs', 'customerIds', 'customers'),
			dateFilter('End Date', 'endDate', 'Only sessions up to this day (YYYY-MM-DD)'),
			idListFilter('Endpoint IDs', 'endpointIds', 'endpoints (phone numbers, users…)'),
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
				description: 'Only the sessions started from this session',
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
		],
	},
	requestOptionsProperty([
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
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['getMany'] } },
	properties,
);

/** `a, b,,c` as ServiceStack reads a list from a query string: `a,b,c`. */
function idList(text: string | undefined): string | undefined {
	const ids = (text ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
	return ids.length > 0 ? ids.join(',') : undefined;
}

function sessionsQuery(context: IExecuteFunctions, itemIndex: number): ListSessions {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as Record<string, unknown>;
	const options = context.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	const text = (name: string, displayName: string) => optionalText(context, filters, name, displayName, itemIndex);
	const day = (name: string, displayName: string) =>
		isoDateOf(context, text(name, displayName), displayName, itemIndex, { dateOnly: true });
	const sortField = optionalText(context, options, 'sortField', 'Sort Field', itemIndex);
	const query: ListSessions = {
		accountIds: idList(text('accountIds', 'Account IDs')),
		customerIds: idList(text('customerIds', 'Customer IDs')),
		endpointIds: idList(text('endpointIds', 'Endpoint IDs')),
		startDate: day('startDate', 'Start Date'),
		endDate: day('endDate', 'End Date'),
		from: text('from', 'From'),
		to: text('to', 'To'),
		log: text('log', 'Log Text'),
		parentSessionId: text('parentSessionId', 'Parent Session ID'),
		searchArchive: optionalBoolean(context, filters, 'searchArchive', 'Search Archive', itemIndex) || undefined,
		sortField,
		sortOrder: sortField
			? assertOneOf(context, options.sortOrder ?? 'Descend', SORT_ORDERS, 'Sort Order', itemIndex)
			: undefined,
	};
	// Unset filters stay out of the request rather than travelling as empty values.
	return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as ListSessions;
}

/** ListSessions: GET /sessions, page by page, one output item per session. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: EvoVoiceClient,
): Promise<INodeExecutionData[]> {
	const limit = limitOf(this, itemIndex);
	const simplified = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const query = sessionsQuery(this, itemIndex);
	const timeoutMs = timeoutMsOf(this, itemIndex);
	const sessions = await collectPages(
		async (page, countPerPage) =>
			await listSessions(
				client,
				// Simplified paging is what fills hasMorePages, and skips counting every match.
				{ ...query, page, countPerPage, simplifiedPaging: true },
				{ itemIndex, timeoutMs },
			),
		limit,
	);
	return sessions.map((session) => ({
		json: simplified ? simplifySession(session) : { ...session },
		pairedItem: { item: itemIndex },
	}));
}
