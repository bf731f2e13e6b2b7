import { collectPages } from '../../transport';
import type { ListFlows } from '../../transport/dto';
import type { OperationDeclaration } from '../declaration';
import { filtersProperty } from '../../helpers/sessionProperties';
import { accountFilter, customerFilter, idFilters, nameFilterField } from '../directoryParameters';
import { returnAllProperties } from '../parameters';

export const getMany: OperationDeclaration = {
	resource: 'flow',
	operation: 'getMany',
	name: 'Get Many',
	description: 'List the flows that calls, chats and phone numbers run',
	action: 'List call flows, by account or name',
	endpoints: ['ListFlows'],
	properties: [
		...returnAllProperties(),
		filtersProperty([accountFilter('flows'), customerFilter('flows'), nameFilterField('flows')]),
	],
	/** ListFlows: GET /flows, page by page, one output item per flow. */
	async run(item) {
		const limit = item.limit();
		const query: ListFlows = {
			...idFilters(item, { accountIds: 'accountId', customerIds: 'customerId' }),
			nameFilter: item.optionalText('filters.nameFilter'),
		};
		const flows = await collectPages(item.client, 'ListFlows', query, limit, item.call);
		return flows.map((flow) => item.item(flow));
	},
};
