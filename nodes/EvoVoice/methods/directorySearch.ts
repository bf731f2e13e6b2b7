/**
 * The directory's pickers: accounts, customers, flows, endpoints and phone numbers. Each list
 * is one Evo Voice request; when Evo Voice has more, n8n's pagination token asks for the next
 * page. The search text goes to Evo Voice's own filter, so a search finds records beyond the
 * first page. A failure (signed out, a 403 for a role) is thrown, so the editor shows Evo
 * Voice's message instead of an empty list.
 */
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import type { AnswerOf, EndpointName } from '../transport';
import { EvoVoiceClient, PICKER_PAGE_SIZE, callEndpoint, listSessions } from '../transport';
import type { CustomerInfo, EndpointInfo, FlowInfo, ListEndpoints, ListResponse } from '../transport/dto';

/** A search text that is a phone number (digits with the usual separators) is searched as one. */
const LOOKS_LIKE_A_NUMBER = /^\+?[0-9][0-9 ().-]*$/;

/** The text typed in the picker's search box, or undefined when there is none. */
function searchText(filter: string | undefined): string | undefined {
	const text = filter?.trim() ?? '';
	return text === '' ? undefined : text;
}

/** The page a pagination token asks for: page 0 without one. */
function pageOf(paginationToken: string | undefined): number {
	const page = Number(paginationToken);
	return Number.isInteger(page) && page > 0 ? page : 0;
}

type ListEndpointName = 'ListEndpoints' | 'ListFlows' | 'ListCustomers';
type RecordOf<N extends ListEndpointName> = AnswerOf<N> extends ListResponse<infer T> ? T : never;

/** One page of a directory list as picker results, with the token for the next page when there is one. */
async function searchPage<N extends ListEndpointName & EndpointName>(
	context: ILoadOptionsFunctions,
	name: N,
	query: object,
	paginationToken: string | undefined,
	resultOf: (record: RecordOf<N>) => INodeListSearchItems | undefined,
): Promise<INodeListSearchResult> {
	const page = pageOf(paginationToken);
	const answer = (await callEndpoint(new EvoVoiceClient(context), name, {
		query: { ...query, page, countPerPage: PICKER_PAGE_SIZE, simplifiedPaging: true },
	})) as ListResponse<RecordOf<N>>;
	const results = answer.items
		.map(resultOf)
		.filter((result): result is INodeListSearchItems => result !== undefined);
	return answer.hasMorePages === true && answer.items.length > 0
		? { results, paginationToken: String(page + 1) }
		: { results };
}

/** "name · account", the ID in the hint under it. */
function labelled(id: string, parts: Array<string | undefined>): INodeListSearchItems {
	return { name: parts.filter(Boolean).join(' · ') || id, value: id, description: `ID ${id}` };
}

/** The accounts the signed-in user can reach (GET /auth/status), whose name or ID contains the search text. */
export async function searchAccounts(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = new EvoVoiceClient(this);
	let status = await callEndpoint(client, 'GetAuthStatus', {});
	if (status.isAuthenticated === false) {
		// GET /auth/status answers 200 to an expired session too, so it never makes n8n sign in
		// again: a request that needs a signed-in user does (ListSessions, one record, as the
		// credential's Test), then the status is asked again.
		await listSessions(client, { countPerPage: 1, simplifiedPaging: true });
		status = await callEndpoint(client, 'GetAuthStatus', {});
	}
	const needle = searchText(filter)?.toLowerCase();
	const results = status.accountIds
		.filter((id): id is string => typeof id === 'string' && id.trim() !== '')
		.map((id, index) => labelled(id, [status.accountNames?.[index]]))
		.filter(({ name, value }) => needle === undefined || `${name} ${value}`.toLowerCase().includes(needle));
	return { results };
}

function customerResult(customer: CustomerInfo): INodeListSearchItems {
	const path = (customer.breadcrumb ?? []).map((step) => step.name).filter(Boolean).join(' › ');
	return labelled(customer.id, [path || customer.name, customer.accountName]);
}

/** Customers whose name contains the search text (ListCustomers' nameFilter). */
export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, 'ListCustomers', { nameFilter: searchText(filter) }, paginationToken, customerResult);
}

function flowResult(flow: FlowInfo): INodeListSearchItems {
	return labelled(flow.id, [flow.name, flow.customerName, flow.accountName]);
}

/** Flows whose name contains the search text (ListFlows' nameFilter). */
export async function searchFlows(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, 'ListFlows', { nameFilter: searchText(filter) }, paginationToken, flowResult);
}

/** How an endpoint reads in a picker: its name, its number or address when it has one, its type and account. */
function endpointResult(endpoint: EndpointInfo): INodeListSearchItems {
	const address = endpoint.phoneNumber || endpoint.emailAddress;
	const name = address && address !== endpoint.displayName ? `${endpoint.displayName} (${address})` : endpoint.displayName;
	return labelled(endpoint.id, [name, endpoint.type, endpoint.accountName]);
}

/** Endpoints of every type whose name contains the search text (ListEndpoints' nameFilter). */
export async function searchEndpoints(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, 'ListEndpoints', { nameFilter: searchText(filter) }, paginationToken, endpointResult);
}

/** ListEndpoints for phone numbers: a search text that is a number goes to phoneNumberFilter, other text to nameFilter. */
function phoneNumberQuery(filter: string | undefined): ListEndpoints {
	const text = searchText(filter);
	if (text === undefined) return { type: 'PhoneNumber' };
	return LOOKS_LIKE_A_NUMBER.test(text)
		? { type: 'PhoneNumber', phoneNumberFilter: text.replace(/[\s().-]/g, '') }
		: { type: 'PhoneNumber', nameFilter: text };
}

/** The account's phone numbers, picked as endpoints (the value is the endpoint's ID): Send SMS's From. */
export async function searchPhoneNumbers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, 'ListEndpoints', phoneNumberQuery(filter), paginationToken, endpointResult);
}

/**
 * The account's phone numbers, picked as numbers (the value is the E.164 number): caller IDs.
 * A phone-number endpoint without a number is left out: it could not be dialled from.
 */
export async function searchCallerIds(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, 'ListEndpoints', phoneNumberQuery(filter), paginationToken, (endpoint) =>
		endpoint.phoneNumber
			? {
					name: [endpoint.phoneNumber, endpoint.displayName, endpoint.accountName].filter(Boolean).join(' · '),
					value: endpoint.phoneNumber,
					description: `Endpoint ID ${endpoint.id}`,
				}
			: undefined,
	);
}
