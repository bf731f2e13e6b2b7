import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { EvoVoiceClient } from '../../transport';
import { forEachActiveSession } from '../../transport';
import type { AppGetActiveSessions } from '../../transport/dto';
import { simplifySession } from '../../helpers/simplify';
import { ACCOUNT_ID_FILTER, CUSTOMER_ID_FILTER, SIMPLIFY_PROPERTY } from '../../helpers/sessionProperties';
import { isoDateOf } from '../../helpers/dates';
import { limitOf, optionalText, requestOptionsProperty, returnAllProperties, timeoutMsOf } from '../common';

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
			ACCOUNT_ID_FILTER,
			CUSTOMER_ID_FILTER,
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				description: 'Only sessions that started at or after this date',
			},
		],
	},
	requestOptionsProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['getActive'] } },
	properties,
);

function activeSessionsQuery(
	context: IExecuteFunctions,
	itemIndex: number,
): AppGetActiveSessions {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as Record<string, unknown>;
	const accountId = optionalText(context, filters, 'accountId', 'Account ID', itemIndex);
	const customerId = optionalText(context, filters, 'customerId', 'Customer ID', itemIndex);
	const startDate = isoDateOf(context, optionalText(context, filters, 'startDate', 'Start Date', itemIndex), 'Start Date', itemIndex);
	return {
		...(accountId ? { accountId } : {}),
		...(customerId ? { customerId } : {}),
		...(startDate ? { startDate } : {}),
	};
}

/** AppGetActiveSessions: GET /portal/active-sessions, one output item per live session. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: EvoVoiceClient,
): Promise<INodeExecutionData[]> {
	const limit = limitOf(this, itemIndex);
	const simplified = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const query = activeSessionsQuery(this, itemIndex);
	const timeoutMs = timeoutMsOf(this, itemIndex);
	// Each session becomes its item as it arrives, so a full record that Simplify shortens is
	// dropped at once, and sessions past the limit are read (the answer is checked whole) but kept
	// nowhere.
	const items: INodeExecutionData[] = [];
	await forEachActiveSession(
		client,
		query,
		(session) => {
			if (items.length >= limit) return;
			items.push({
				json: simplified ? simplifySession(session) : (session as unknown as IDataObject),
				pairedItem: { item: itemIndex },
			});
		},
		{ itemIndex, timeoutMs },
	);
	return items;
}
