import type { NewCustomer } from '../../transport/dto';
import type { OperationDeclaration } from '../declaration';
import { directoryLocator, parentCustomerLocator } from '../directoryParameters';
import { additionalFieldsProperty } from '../parameters';
import { customerData, dataProperties } from './customerData';

export const create: OperationDeclaration = {
	resource: 'customer',
	operation: 'create',
	name: 'Create',
	description: 'Create a customer, with a reference ID and custom data fields',
	action: 'Create a customer in an account',
	endpoints: ['NewCustomer'],
	properties: [
		directoryLocator({
			displayName: 'Account',
			name: 'accountId',
			searchListMethod: 'searchAccounts',
			description: 'The account the customer belongs to',
			required: true,
		}),
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Northwind Retail',
			description: "The customer's name, as Evo Voice lists it",
		},
		additionalFieldsProperty([
			parentCustomerLocator('The customer this one sits under'),
			{
				displayName: 'Reference ID',
				name: 'referenceId',
				type: 'string',
				default: '',
				placeholder: 'e.g. CRM-1042',
				description: "Your own ID for the customer, such as the CRM account's ID",
			},
		]),
		...dataProperties(['fields', 'json'], 'fields'),
	],
	/** NewCustomer: POST /customers. Every parameter is read and checked before it is sent, once. */
	async run(item) {
		const body: NewCustomer = {
			accountId: item.id('accountId'),
			name: item.text('name'),
			referenceId: item.optionalText('additionalFields.referenceId'),
			parentCustomerId: item.optionalId('additionalFields.parentCustomerId'),
			data: customerData(item, 'fields'),
		};
		return item.output(await item.request('NewCustomer', { body }));
	},
};
