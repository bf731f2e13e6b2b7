import type { INodeExecutionData } from 'n8n-workflow';

import type { SessionInfo } from '../../transport/dto';
import type { OperationDeclaration } from '../declaration';
import type { ItemRun } from '../itemRun';
import { sessionIdProperty } from '../parameters';

/**
 * GetSession answers with an empty `log`; leaving it out says that it was not asked for. A
 * tool's model gets the lean session.
 */
function withoutLog(item: ItemRun, session: SessionInfo): INodeExecutionData[] {
	if (item.asTool) return [item.session(session)];
	const rest: Partial<SessionInfo> = { ...session };
	delete rest.log;
	return item.output(rest);
}

/** ListSessions with `specificIds`: the one way to a session's log and to an archived session. */
async function listed(item: ItemRun, sessionId: string, searchArchive: boolean): Promise<SessionInfo> {
	const page = await item.request('ListSessions', {
		query: { specificIds: sessionId, countPerPage: 1, simplifiedPaging: true, searchArchive: searchArchive || undefined },
	});
	const found = page.items.find((session) => session.id === sessionId);
	if (found === undefined) {
		throw item.fail('sessionId', `names no ${searchArchive ? 'archived ' : ''}session in Evo Voice`, {
			got: `"${sessionId}"`,
			description: searchArchive
				? 'Turn Search Archive off for a session of the last ~15 days.'
				: 'Turn Search Archive on for a session older than ~15 days.',
		});
	}
	return found;
}

export const get: OperationDeclaration = {
	resource: 'session',
	operation: 'get',
	name: 'Get',
	description: 'Get one session, live or ended, optionally with its log',
	action: 'Get a call or chat by session ID',
	endpoints: ['GetSession', 'ListSessions'],
	properties: [sessionIdProperty('The ID of the call or chat to get, live or ended (a session ID, as Get Active Sessions or Get Many Sessions gives it)', 'searchRecentSessions')],
	options: [
		{
			displayName: 'Include Log',
			name: 'includeLog',
			type: 'boolean',
			default: false,
			description:
				'Whether to add the session log (what happened, step by step). Evo Voice leaves it out of a single session, so it costs a second request.',
		},
		{
			displayName: 'Search Archive',
			name: 'searchArchive',
			type: 'boolean',
			default: false,
			description: 'Whether to look among archived sessions: Evo Voice archives sessions older than about 15 days',
		},
	],
	/**
	 * GetSession: GET /sessions/{sessionId}. That answer has no log and knows no archive, so the
	 * log and archived sessions are read through ListSessions with `specificIds`, which has both.
	 */
	async run(item) {
		const sessionId = item.sessionId();
		const includeLog = item.optionalBoolean('options.includeLog') ?? false;
		const searchArchive = item.optionalBoolean('options.searchArchive') ?? false;
		if (searchArchive) {
			const session = await listed(item, sessionId, true);
			return includeLog ? item.output(session) : withoutLog(item, session);
		}
		const session = await item.request('GetSession', { path: { sessionId } });
		if (!includeLog) return withoutLog(item, session);
		return item.output({ ...session, log: (await listed(item, sessionId, false)).log ?? [] });
	},
};
