/**
 * The directory's pickers as parameters: an account, customer, flow, endpoint or phone number,
 * chosen from a searchable list or typed (an ID, or an expression), and the filters built on them:
 * those that take one ID, and those Evo Voice takes as lists (one picked, or several typed).
 */
import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import type { ItemRun } from './itemRun';

/** The directory pickers' search methods (methods/directorySearch.ts). */
export type DirectorySearchMethod =
	| 'searchAccounts'
	| 'searchCustomers'
	| 'searchFlows'
	| 'searchEndpoints'
	| 'searchPhoneNumbers'
	| 'searchCallerIds';

interface LocatorSpec<M extends string = DirectorySearchMethod> {
	displayName: string;
	name: string;
	searchListMethod: M;
	description: string;
	required?: boolean;
}

/** An ID typed by hand: one value, no spaces (the editor says so before the workflow runs). */
const ID_MODE = {
	displayName: 'By ID',
	name: 'id',
	type: 'string' as const,
	placeholder: 'e.g. 65f1c0ffee0123456789abcd',
	validation: [
		{ type: 'regex' as const, properties: { regex: '^\\S+$', errorMessage: 'An ID is one word, without spaces' } },
	],
};

/** A number typed by hand, in E.164 form. */
const NUMBER_MODE = {
	displayName: 'By Number',
	name: 'number',
	type: 'string' as const,
	placeholder: 'e.g. +15555550100',
	validation: [
		{
			type: 'regex' as const,
			properties: { regex: '^\\+[1-9][0-9]{6,14}$', errorMessage: 'An E.164 phone number such as +15555550100' },
		},
	],
};

/**
 * IDs typed by hand for a filter Evo Voice takes as a list: one, or several separated by commas
 * (so no one-word check here); a saved plain string such as `a, b` reads the same way.
 */
const ID_LIST_MODE = {
	displayName: 'By ID',
	name: 'id',
	type: 'string' as const,
	placeholder: 'e.g. id1, id2',
};

/** A resource locator: "From List" searches Evo Voice, "By ID" (or "By Number") takes it typed. */
export function directoryLocator(spec: LocatorSpec): INodeProperties {
	return locatorWith(spec, spec.searchListMethod === 'searchCallerIds' ? NUMBER_MODE : ID_MODE);
}

/**
 * A filter Evo Voice takes as a list (`accountIds`...): "From List" picks one record, "By ID"
 * takes one ID or several separated by commas. Read with `pickedIdList`. Besides the directory's,
 * the SMS conversations' picker (methods/conversationSearch.ts) fills one.
 */
export function idListLocator(spec: LocatorSpec<DirectorySearchMethod | 'searchConversations'>): INodeProperties {
	return locatorWith(
		{ ...spec, description: `${spec.description} (pick one from the list, or type one ID or several separated by commas)` },
		ID_LIST_MODE,
	);
}

function locatorWith(spec: LocatorSpec<string>, typed: INodePropertyMode): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		...(spec.required ? { required: true } : {}),
		description: spec.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			typed,
		],
	};
}

export const accountFilter = (of: string) =>
	directoryLocator({
		displayName: 'Account',
		name: 'accountId',
		searchListMethod: 'searchAccounts',
		description: `Only ${of} of this account (the signed-in user's accounts are listed)`,
	});

export const customerFilter = (of: string) =>
	directoryLocator({
		displayName: 'Customer',
		name: 'customerId',
		searchListMethod: 'searchCustomers',
		description: `Only ${of} of this customer`,
	});

/** The Accounts filter of a list Evo Voice filters by `accountIds`. */
export const accountListFilter = (of: string) =>
	idListLocator({ displayName: 'Accounts', name: 'accountIds', searchListMethod: 'searchAccounts', description: `Only ${of} of these accounts` });

/** The Customers filter of a list Evo Voice filters by `customerIds`. */
export const customerListFilter = (of: string) =>
	idListLocator({ displayName: 'Customers', name: 'customerIds', searchListMethod: 'searchCustomers', description: `Only ${of} of these customers` });

export const parentCustomerLocator = (description: string) =>
	directoryLocator({ displayName: 'Parent Customer', name: 'parentCustomerId', searchListMethod: 'searchCustomers', description });

export const flowFilter = (of: string) =>
	directoryLocator({ displayName: 'Flow', name: 'flowId', searchListMethod: 'searchFlows', description: `Only ${of} that run this flow` });

export const nameFilterField = (of: string): INodeProperties => ({
	displayName: 'Name Contains',
	name: 'nameFilter',
	type: 'string',
	default: '',
	description: `Only ${of} whose name contains this text`,
});

/** Optional filters that Evo Voice takes as lists (`accountIds`...), sent as the one ID picked. */
export function idFilters<K extends string>(item: ItemRun, names: Record<K, string>): Record<K, string | undefined> {
	const query = {} as Record<K, string | undefined>;
	for (const [key, parameter] of Object.entries(names) as Array<[K, string]>) {
		query[key] = item.optionalId(`filters.${parameter}`);
	}
	return query;
}

/**
 * A list filter's IDs as ServiceStack reads a list from a query string: the one picked, or those
 * typed (`a, b,,c` → `a,b,c`); a plain string saved before the filter was a picker reads the same
 * way (n8n's extractValue gives back a value that is not a locator as it is). Blank is undefined;
 * anything but text fails, naming the parameter and the item.
 */
export function pickedIdList(item: ItemRun, path: string): string | undefined {
	const ids = (item.optionalText(path, { extractValue: true }) ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter((id) => id !== '');
	return ids.length > 0 ? ids.join(',') : undefined;
}
