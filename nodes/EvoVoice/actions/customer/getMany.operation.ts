import { collectPages } from '../../transport';
import type { ListCustomers } from '../../transport/dto';
import type { OperationDeclaration } from '../declaration';
import { filtersProperty } from '../../helpers/sessionProperties';
import { accountFilter, idFilters, nameFilterField, parentCustomerLocator } from '../directoryParameters';
import { returnAllProperties } from '../parameters';

export const getMany: OperationDeclaration = {
	resource: 'customer',
	operation: 'getMany',
	name: 'Get Many',
	description: 'List customers, optionally those under one parent customer',
	action: 'List customers, by account, parent or name',
	endpoints: ['ListCustomers'],
	properties: [
		...returnAllProperties(),
		filtersProperty([
			accountFilter('customers'),
			nameFilterField('customers'),
			parentCustomerLocator('Only the customers under this customer, at any depth'),
		]),
	],
	/** ListCustomers: GET /customers, page by page, one output item per customer. */
	async run(item) {
		const limit = item.limit();
		const query: ListCustomers = {
			...idFilters(item, { accountIds: 'accountId', parentCustomerIds: 'parentCustomerId' }),
			nameFilter: item.optionalText('filters.nameFilter'),
		};
		const customers = await collectPages(item.client, 'ListCustomers', query, limit, item.call);
		return customers.map((customer) => item.item(customer));
	},
};
