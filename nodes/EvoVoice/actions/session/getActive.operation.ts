import type { INodeExecutionData } from 'n8n-workflow';

import { forEachActiveSession } from '../../transport';
import type { AppGetActiveSessions } from '../../transport/dto';
import { SIMPLIFY_PROPERTY, filtersProperty } from '../../helpers/sessionProperties';
import { accountFilter, customerFilter } from '../directoryParameters';
import type { OperationDeclaration } from '../declaration';
import { returnAllProperties } from '../parameters';

export const getActive: OperationDeclaration = {
	resource: 'session',
	operation: 'getActive',
	name: 'Get Active',
	description: 'Get the live calls, chats and faxes',
	action: 'List live calls and chats with their session IDs',
	endpoints: ['AppGetActiveSessions'],
	properties: [
		...returnAllProperties(),
		SIMPLIFY_PROPERTY,
		filtersProperty([
			accountFilter('sessions'),
			customerFilter('sessions'),
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				description: 'Only sessions that started at or after this date and time (ISO 8601, such as 2026-11-24T09:00:00Z)',
			},
		]),
	],
	/** AppGetActiveSessions: GET /portal/active-sessions, one output item per live session. */
	async run(item) {
		const limit = item.limit();
		const toItem = item.sessionShaper(true);
		const query: AppGetActiveSessions = {
			accountId: item.optionalId('filters.accountId'),
			customerId: item.optionalId('filters.customerId'),
			startDate: item.date('filters.startDate'),
		};
		// Each session becomes its item as it arrives, so a full record that Simplify shortens is
		// dropped at once, and sessions past the limit are read (the answer is checked whole) but
		// kept nowhere.
		const items: INodeExecutionData[] = [];
		let total = 0;
		await forEachActiveSession(
			item.client,
			query,
			(session) => {
				total++;
				if (items.length < limit) items.push(toItem(session));
			},
			item.call,
		);
		item.countAll(total);
		return items;
	},
};
