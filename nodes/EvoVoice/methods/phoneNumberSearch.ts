import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { EvoVoiceClient, collectPages } from '../transport';

/** How many phone numbers the picker reads at most. */
const MAX_PHONE_NUMBERS = 1000;

/**
 * The account's phone-number endpoints (ListEndpoints `type=PhoneNumber`; Manager, Customer or
 * SystemAdministrator role), those whose name, number or ID contains the search text.
 */
export async function searchPhoneNumbers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = new EvoVoiceClient(this);
	const endpoints = await collectPages(client, 'ListEndpoints', { type: 'PhoneNumber' }, MAX_PHONE_NUMBERS);
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = endpoints
		.map((endpoint) => ({
			name: [endpoint.displayName, endpoint.phoneNumber].filter(Boolean).join(' · ') || endpoint.id,
			value: endpoint.id,
			description: `ID ${endpoint.id}${endpoint.disableSms === true ? ' · SMS disabled' : ''}`,
		}))
		.filter(({ name, value }) => needle === '' || name.toLowerCase().includes(needle) || value.toLowerCase().includes(needle));
	return { results };
}
