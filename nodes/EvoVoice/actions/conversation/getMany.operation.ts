import type { OperationDeclaration } from '../declaration';
import { filtersProperty } from '../../helpers/sessionProperties';
import { returnAllProperties } from '../parameters';
import { messagingFilterQuery, messagingFilters } from '../message/messaging';

export const getMany: OperationDeclaration = {
	resource: 'conversation',
	operation: 'getMany',
	name: 'Get Many',
	description: 'Get the SMS conversations: each of your numbers with each party, and its most recent message',
	action: 'List SMS conversations with their latest message',
	endpoints: ['ListConversations'],
	properties: [...returnAllProperties(), filtersProperty(messagingFilters('conversations'))],
	/**
	 * ListConversations: GET /conversations. It is not paged: every conversation comes in one
	 * answer, and Limit keeps the first ones. One output item per conversation.
	 */
	async run(item) {
		const query = messagingFilterQuery(item);
		const limit = item.limit();
		const { conversations } = await item.request('ListConversations', { query });
		item.countAll(conversations.length);
		return conversations.slice(0, limit).map((conversation) => item.item(conversation));
	},
};
