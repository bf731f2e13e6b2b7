import { collectPages } from '../../transport';
import type { EndpointType, ListEndpoints } from '../../transport/dto';
import { ENDPOINT_TYPES } from '../../transport/dto';
import type { OperationDeclaration } from '../declaration';
import { filtersProperty } from '../../helpers/sessionProperties';
import { accountFilter, customerFilter, flowFilter, idFilters, nameFilterField } from '../directoryParameters';
import { returnAllProperties } from '../parameters';

/** The endpoint types as Evo Voice's dashboard names them. */
const TYPE_NAMES: Record<EndpointType, string> = {
	PhoneNumber: 'Phone Number',
	User: 'User',
	Team: 'Team',
	Email: 'Email',
	Fax: 'Fax',
	EmergencyAddress: 'Emergency Address',
	SipTrunk: 'SIP Trunk',
	AssistantBot: 'Assistant Bot',
};

const ANY_TYPE = 'any';

export const getMany: OperationDeclaration = {
	resource: 'endpoint',
	operation: 'getMany',
	name: 'Get Many',
	description: 'List phone numbers, users, teams and the other endpoints',
	action: 'List phone numbers, users and teams',
	endpoints: ['ListEndpoints'],
	properties: [
		...returnAllProperties(),
		filtersProperty([
			accountFilter('endpoints'),
			customerFilter('endpoints'),
			flowFilter('endpoints'),
			nameFilterField('endpoints'),
			{
				displayName: 'Phone Number Contains',
				name: 'phoneNumberFilter',
				type: 'string',
				default: '',
				placeholder: 'e.g. +1555',
				description: 'Only phone numbers that contain these digits',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Any', value: ANY_TYPE },
					...ENDPOINT_TYPES.map((type) => ({ name: TYPE_NAMES[type], value: type })),
				],
				default: ANY_TYPE,
				description: 'Only endpoints of this type',
			},
		]),
	],
	/** ListEndpoints: GET /endpoints, page by page, one output item per endpoint. */
	async run(item) {
		const limit = item.limit();
		const type = item.oneOf('filters.type', [ANY_TYPE, ...ENDPOINT_TYPES], ANY_TYPE);
		const query: ListEndpoints = {
			...idFilters(item, { accountIds: 'accountId', customerIds: 'customerId', flowIds: 'flowId' }),
			nameFilter: item.optionalText('filters.nameFilter'),
			phoneNumberFilter: item.optionalText('filters.phoneNumberFilter'),
			type: type === ANY_TYPE ? undefined : type,
		};
		const endpoints = await collectPages(item.client, 'ListEndpoints', query, limit, item.call);
		return endpoints.map((endpoint) => item.item(endpoint));
	},
};
