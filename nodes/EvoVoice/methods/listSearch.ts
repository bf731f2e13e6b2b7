import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { EvoVoiceClient, getActiveSessions, listSessions } from '../transport';
import type { FlowChannel, SessionInfo } from '../transport/dto';

/**
 * A picker label that tells callers apart: who (name and number), what (channel and state) and
 * where (account). The ID goes in the hint under it, where it can be checked but does not crowd.
 */
function sessionLabel(session: SessionInfo): string {
	const name = session.displayName || session.fromName;
	const number = session.fromAddress && session.fromAddress !== name ? session.fromAddress : '';
	const who = [name, number].filter(Boolean).join(' ') || session.id;
	const where = session.accountName || session.accountId;
	const state = session.ended ? 'ended' : session.callState;
	return `${who} · ${session.channel} · ${state}${where ? ` · ${where}` : ''}`;
}

/** How many of the most recent sessions (live or ended) a picker of past sessions lists. */
const RECENT_SESSIONS = 50;

/**
 * The live sessions, then (for operations that serve ended sessions too) the most recent ones
 * of the history, newest first, each once.
 */
async function sessionsToPick(context: ILoadOptionsFunctions, includeRecent: boolean): Promise<SessionInfo[]> {
	const client = new EvoVoiceClient(context);
	const live = await getActiveSessions(client, {});
	if (!includeRecent) return live;
	const { items } = await listSessions(client, {
		sortField: 'DateCreated',
		sortOrder: 'Descend',
		countPerPage: RECENT_SESSIONS,
		simplifiedPaging: true,
	});
	const byId = new Map([...live, ...items].map((session) => [session.id, session]));
	return [...byId.values()].sort((a, b) => Date.parse(b.dateCreated) - Date.parse(a.dateCreated) || 0);
}

/** The sessions of the given channels whose label or ID contains the search text. */
async function searchSessions(
	context: ILoadOptionsFunctions,
	channels: readonly FlowChannel[] | undefined,
	filter: string | undefined,
	includeRecent = false,
): Promise<INodeListSearchResult> {
	const sessions = await sessionsToPick(context, includeRecent);
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = sessions
		.filter((session) => channels === undefined || channels.includes(session.channel))
		.map((session) => ({ name: sessionLabel(session), value: session.id, description: `ID ${session.id}` }))
		.filter(
			({ name, value }) =>
				needle === '' ||
				name.toLowerCase().includes(needle) ||
				value.toLowerCase().includes(needle),
		);
	return { results };
}

/** Lists the live sessions for the Session picker, newest first as Evo Voice returns them. */
export async function searchActiveSessions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchSessions(this, undefined, filter);
}

/** The live voice calls, for operations that act on a call (Hold, Conference, Transfer). */
export async function searchVoiceSessions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchSessions(this, ['Voice'], filter);
}

/** The live chats, for the chat operations. */
export async function searchChatSessions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchSessions(this, ['Chat'], filter);
}

/** Live and recent sessions, for operations that serve ended sessions too (Get, Recording). */
export async function searchRecentSessions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchSessions(this, undefined, filter, true);
}

/** Live and recent chats, for Get Transcript. */
export async function searchRecentChatSessions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchSessions(this, ['Chat'], filter, true);
}
