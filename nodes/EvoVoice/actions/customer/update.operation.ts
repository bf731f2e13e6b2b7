import type { PatchCustomer } from '../../transport/dto';
import type { OperationDeclaration } from '../declaration';
import { directoryLocator, parentCustomerLocator } from '../directoryParameters';
import { customerData, dataProperties } from './customerData';

export const update: OperationDeclaration = {
	resource: 'customer',
	operation: 'update',
	name: 'Update',
	description: "Change a customer's name, reference ID, parent or data fields; what is not set stays",
	action: "Update a customer's name, reference or data",
	endpoints: ['GetCustomer', 'PatchCustomer'],
	properties: [
		directoryLocator({
			displayName: 'Customer',
			name: 'customerId',
			searchListMethod: 'searchCustomers',
			description: 'The customer to update',
			required: true,
		}),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '', description: "The customer's new name" },
				parentCustomerLocator('The customer this one moves under'),
				{
					displayName: 'Reference ID',
					name: 'referenceId',
					type: 'string',
					default: '',
					description: "Your own ID for the customer, such as the CRM account's ID",
				},
			],
		},
		...dataProperties(['none', 'fields', 'json'], 'none'),
	],
	/**
	 * PatchCustomer: PATCH /customers/{customerId} with only the fields set. Evo Voice does not
	 * say whether `data` replaces or merges the stored fields, so the node reads the customer
	 * (GetCustomer) and sends the stored fields with the given ones over them: fields not named
	 * stay either way.
	 */
	async run(item) {
		const customerId = item.id('customerId');
		const body: PatchCustomer = {
			name: item.optionalText('updateFields.name'),
			referenceId: item.optionalText('updateFields.referenceId'),
			parentCustomerId: item.optionalId('updateFields.parentCustomerId'),
		};
		const data = customerData(item, 'none');
		if (data === undefined && Object.values(body).every((value) => value === undefined)) {
			throw item.fail('updateFields', 'sets nothing to change', {
				description: 'Add a field to Update Fields, or give Data Fields.',
			});
		}
		if (data !== undefined) {
			const stored = await item.request('GetCustomer', { path: { customerId } });
			body.data = { ...(stored.data ?? {}), ...data };
		}
		return item.output(await item.request('PatchCustomer', { path: { customerId }, body }));
	},
};
