import type { ListConversations } from '../../transport/dto';
import type { OperationDeclaration } from '../declaration';
import type { ItemRun } from '../itemRun';
import { idList, idListFilter, returnAllProperties } from '../parameters';
import { phoneNumberProperty } from '../message/messaging';

function conversationsQuery(item: ItemRun): ListConversations {
	const text = (name: string) => item.optionalText(`filters.${name}`);
	return {
		accountIds: idList(text('accountIds')),
		customerIds: idList(text('customerIds')),
		endpointIds: item.optionalText('filters.endpointId', { extractValue: true }),
		afterDate: item.date('filters.afterDate'),
	};
}

export const getMany: OperationDeclaration = {
	resource: 'conversation',
	operation: 'getMany',
	name: 'Get Many',
	description: 'Get the SMS conversations: each of your numbers with each party, and its most recent message',
	action: 'Get many SMS conversations',
	endpoints: ['ListConversations'],
	properties: [
		...returnAllProperties(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				idListFilter('Account IDs', 'accountIds', 'Only conversations of these accounts, separated by commas'),
				{
					displayName: 'After Date',
					name: 'afterDate',
					type: 'string',
					default: '',
					placeholder: 'e.g. 2026-11-24T09:00:00Z',
					description: 'Only conversations active after this date: ISO 8601 (sent in UTC when it has an offset)',
				},
				idListFilter('Customer IDs', 'customerIds', 'Only conversations of these customers, separated by commas'),
				phoneNumberProperty('Phone Number', 'endpointId', 'Only conversations of this Evo Voice phone number'),
			],
		},
	],
	/**
	 * ListConversations: GET /conversations. It is not paged: every conversation comes in one
	 * answer, and Limit keeps the first ones. One output item per conversation.
	 */
	async run(item) {
		const query = conversationsQuery(item);
		const limit = item.limit();
		const { conversations } = await item.request('ListConversations', { query });
		return conversations.slice(0, limit).map((conversation) => item.item(conversation));
	},
};
