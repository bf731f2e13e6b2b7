import type { INodeProperties } from 'n8n-workflow';

import { collectPages } from '../../transport';
import type { ListMessages, MessageDirection } from '../../transport/dto';
import { MESSAGE_DIRECTIONS } from '../../transport/dto';
import type { OperationDeclaration } from '../declaration';
import type { ItemRun } from '../itemRun';
import { filtersProperty } from '../../helpers/sessionProperties';
import { idListLocator, pickedIdList } from '../directoryParameters';
import { returnAllProperties } from '../parameters';
import { MESSAGE_SIMPLIFY_PROPERTY, messagingFilterQuery, messagingFilters, simplifyMessage } from './messaging';

const ANY_DIRECTION = 'any';

const properties: INodeProperties[] = [
	...returnAllProperties(),
	MESSAGE_SIMPLIFY_PROPERTY,
	filtersProperty(
		messagingFilters('messages', [
			idListLocator({
				displayName: 'Conversations',
				name: 'conversationIds',
				searchListMethod: 'searchConversations',
				description: 'Only messages of these conversations',
			}),
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				options: [
					{ name: 'Incoming and Outgoing', value: ANY_DIRECTION },
					{ name: 'Incoming', value: 'Incoming' },
					{ name: 'Outgoing', value: 'Outgoing' },
				],
				default: ANY_DIRECTION,
				description:
					'Only received or only sent messages. Evo Voice has no such filter: the node reads the messages and keeps these, so Limit still counts kept messages.',
			},
		]),
	),
];

function messagesQuery(item: ItemRun): ListMessages {
	return { ...messagingFilterQuery(item), conversationIds: pickedIdList(item, 'filters.conversationIds') };
}

export const getMany: OperationDeclaration = {
	resource: 'message',
	operation: 'getMany',
	name: 'Get Many',
	description: 'Get the SMS history: messages sent and received on your Evo Voice numbers',
	action: 'List sent and received SMS messages',
	endpoints: ['ListMessages'],
	properties,
	/** ListMessages: GET /messages, page by page, one output item per message (of the chosen direction). */
	async run(item) {
		const query = messagesQuery(item);
		const direction = item.oneOf<MessageDirection | typeof ANY_DIRECTION>(
			'filters.direction',
			[ANY_DIRECTION, ...MESSAGE_DIRECTIONS],
			ANY_DIRECTION,
		);
		const limit = item.limit();
		const simplify = item.simplified(true);
		const keep = direction === ANY_DIRECTION ? undefined : (message: { direction: string }) => message.direction === direction;
		const messages = await collectPages(item.client, 'ListMessages', query, limit, item.call, keep);
		return messages.map((message) => item.item(simplify ? simplifyMessage(message) : message));
	},
};
