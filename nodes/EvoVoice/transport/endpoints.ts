/**
 * Calls an Evo Voice endpoint of the table (endpointTable.ts) and checks that the answer has the
 * shape the table says before anything believes it.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CallOptions, EvoVoiceClient } from './client';
import { parseJson } from './client';
import type { AppGetActiveSessions, ListResponse, ListSessions, SessionInfo } from './dto';
import type { AnswerOf, Endpoint, EndpointName } from './endpointTable';
import { ENDPOINTS, hasUsableId } from './endpointTable';
import { unexpectedAnswerError } from './errors';
import { JsonListScanner } from './jsonListScanner';

/** The per-call options an endpoint takes; whether a request is repeated is the table's word. */
export type EndpointOptions = Omit<CallOptions, 'streamBody'>;

/** What one request carries: the values of the route's `{name}` segments, its query and body. */
export interface EndpointInput {
	path?: Record<string, string>;
	query?: object;
	body?: object;
}

/**
 * The route with each `{name}` filled by its value as exactly one segment: `/`, spaces and
 * non-ASCII characters are percent-encoded so an id can never reach another route.
 */
export function routePath(route: string, values: Record<string, string> = {}): string {
	return route.replace(/\{(\w+)\}/g, (_whole, name: string) => {
		const value = values[name];
		if (value === undefined) throw new Error(`No value for {${name}} of ${route}`);
		return encodeURIComponent(value);
	});
}

/** Leaves unset values out, so no filter travels as an empty value. */
function definedOnly(values: object | undefined): IDataObject | undefined {
	if (values === undefined) return undefined;
	return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as IDataObject;
}

function requestOf(spec: Endpoint<unknown>, input: EndpointInput) {
	return {
		method: spec.method,
		path: routePath(spec.route, input.path),
		qs: definedOnly(input.query),
		body: input.body,
		repeat: spec.repeat,
		mayHaveHappened: spec.mayHaveHappened,
		roles: spec.roles,
	};
}

/**
 * A page's records without a usable id cannot be acted on, paged past or picked: they are left
 * out, and n8n's log says how many, so nothing is dropped unseen.
 */
function withUsableRecords<T>(client: EvoVoiceClient, name: EndpointName, page: ListResponse<T>): ListResponse<T> {
	const usable = page.items.filter(hasUsableId);
	const skipped = page.items.length - usable.length;
	if (skipped === 0) return page;
	client.warn(`skipped ${skipped} ${name} record(s) without a usable id`, { endpoint: name, skipped });
	return { ...page, items: usable as T[] };
}

/** Sends one request of the table and returns its answer once its shape is the table's. */
export async function callEndpoint<N extends EndpointName>(
	client: EvoVoiceClient,
	name: N,
	input: EndpointInput,
	options: EndpointOptions = {},
): Promise<AnswerOf<N>> {
	const spec = ENDPOINTS[name] as Endpoint<unknown>;
	const answer = await client.send(requestOf(spec, input), options);
	if (spec.answer.mayBeEmpty === true && answer.text.trim() === '') return undefined as AnswerOf<N>;
	const body = parseJson(answer);
	if (!spec.answer.accepts(body)) {
		throw unexpectedAnswerError(client.node, answer, spec.answer.expected, options.itemIndex, spec.mayHaveHappened);
	}
	return (spec.answer.isPage === true ? withUsableRecords(client, name, body as ListResponse<unknown>) : body) as AnswerOf<N>;
}

/**
 * AppGetActiveSessions: every live session comes in one answer (it is not paged), so it is read
 * as it arrives and each session is handed to `onSession` on its own: the whole answer is never
 * held as text beside the sessions made from it. Sessions without a usable id are skipped and
 * counted in n8n's log.
 */
export async function forEachActiveSession(
	client: EvoVoiceClient,
	query: AppGetActiveSessions,
	onSession: (session: SessionInfo) => void,
	options: EndpointOptions = {},
): Promise<void> {
	const spec = ENDPOINTS.AppGetActiveSessions;
	const answer = await client.send(requestOf(spec, { query }), { ...options, streamBody: true });
	let skipped = 0;
	const scanner = new JsonListScanner('sessions', (record) => {
		if (hasUsableId(record)) onSession(record as unknown as SessionInfo);
		else skipped++;
	});
	if (answer.readBody === undefined) scanner.write(answer.text);
	else await answer.readBody((text) => scanner.write(text));
	if (!scanner.end()) {
		throw unexpectedAnswerError(client.node, { ...answer, text: scanner.head }, spec.answer.expected, options.itemIndex);
	}
	if (skipped > 0) {
		client.warn(`skipped ${skipped} AppGetActiveSessions record(s) without a usable id`, { skipped });
	}
}

/** AppGetActiveSessions, every live session in one array (the trigger and the pickers). */
export async function getActiveSessions(
	client: EvoVoiceClient,
	query: AppGetActiveSessions,
	options: EndpointOptions = {},
): Promise<SessionInfo[]> {
	const sessions: SessionInfo[] = [];
	await forEachActiveSession(client, query, (session) => sessions.push(session), options);
	return sessions;
}

/** ListSessions: one page of live and ended sessions. */
export async function listSessions(
	client: EvoVoiceClient,
	query: ListSessions,
	options: EndpointOptions = {},
): Promise<ListResponse<SessionInfo>> {
	return await callEndpoint(client, 'ListSessions', { query }, options);
}

/** The paged endpoints: their answer is a ListResponse of records with ids. */
type PagedEndpoint = {
	[N in EndpointName]: AnswerOf<N> extends ListResponse<{ id: string }> ? N : never;
}[EndpointName];

type RecordOf<N extends PagedEndpoint> = AnswerOf<N> extends ListResponse<infer T> ? T : never;

/**
 * How many records each page request of a whole list asks for. Every request costs n8n a few
 * milliseconds of its own (a new connection, its request pipeline) whatever its size, so a list
 * read in pages of 1,000 instead of 100 spends a tenth of that. Evo Voice documents no largest
 * page; one that gives fewer than asked while saying more pages follow is paged on at the size
 * it gave (see collectPages).
 */
export const LIST_PAGE_SIZE = 1000;

/** How many records a picker asks for: one request, as many as the editor's list shows at once. */
export const PICKER_PAGE_SIZE = 100;

/**
 * Reads a ServiceStack list page by page (page 0 first) until `limit` records are in, the
 * answer says there are no more pages, or a page brings nothing new — a server that ignored
 * `page` would otherwise be asked for the same page forever. Simplified paging is what fills
 * `hasMorePages`, and it skips counting every match. With `keep`, only the records it accepts
 * are collected and count toward `limit` (a filter Evo Voice does not offer, applied here).
 */
export async function collectPages<N extends PagedEndpoint>(
	client: EvoVoiceClient,
	name: N,
	query: object,
	limit: number,
	options: EndpointOptions = {},
	keep?: (record: RecordOf<N>) => boolean,
): Promise<Array<RecordOf<N>>> {
	const collected: Array<RecordOf<N>> = [];
	const seen = new Set<string>();
	// One page size throughout: `page` counts pages of this size. A filtered read may need more
	// records than it keeps, so it reads full pages.
	let countPerPage = keep ? LIST_PAGE_SIZE : Math.min(LIST_PAGE_SIZE, limit);
	for (let page = 0; collected.length < limit; page++) {
		const answer = (await callEndpoint(client, name, {
			query: { ...query, page, countPerPage, simplifiedPaging: true },
		}, options)) as ListResponse<RecordOf<N>>;
		let fresh = 0;
		for (const record of answer.items) {
			// Every record of a page has a usable id: callEndpoint left out the others.
			const { id } = record as { id: string };
			if (seen.has(id)) continue;
			seen.add(id);
			fresh++;
			if (collected.length < limit && (keep === undefined || keep(record))) collected.push(record);
		}
		if (fresh === 0 || answer.hasMorePages !== true) break;
		// A first page shorter than asked, with more to come: the server has a largest page. The
		// next pages are asked at that size, so page 1 starts right after what page 0 gave.
		if (page === 0 && answer.items.length < countPerPage) countPerPage = answer.items.length;
	}
	return collected;
}
