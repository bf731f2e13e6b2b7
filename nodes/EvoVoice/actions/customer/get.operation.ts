import { getOperation } from '../directoryGet';

/** GetCustomer: GET /customers/{customerId}. */
export const get = getOperation({
	resource: 'customer',
	action: 'Get a customer by ID',
	idDescription: "The ID of the customer to get, as Customer → Get Many or a session's customerId gives it",
	endpoint: 'GetCustomer',
	idName: 'customerId',
	displayName: 'Customer',
	searchListMethod: 'searchCustomers',
	description: 'Get one customer, with its data fields',
});
