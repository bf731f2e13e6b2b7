import { getOperation } from '../directoryGet';

/** GetCustomer: GET /customers/{customerId}. */
export const get = getOperation({
	resource: 'customer',
	noun: 'customer',
	endpoint: 'GetCustomer',
	idName: 'customerId',
	displayName: 'Customer',
	searchListMethod: 'searchCustomers',
	description: 'Get one customer, with its data fields',
});
