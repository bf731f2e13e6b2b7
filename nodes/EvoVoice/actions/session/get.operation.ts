import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { EvoVoiceClient } from '../../transport';
import { getSession, listSessions } from '../../transport';
import type { SessionInfo } from '../../transport/dto';
import {
	optionalBoolean,
	requestOptionsProperty,
	sessionIdOf,
	sessionIdProperty,
	sessionItem,
	timeoutMsOf,
} from '../common';

const properties: INodeProperties[] = [
	sessionIdProperty('The session to get, live or ended'),
	requestOptionsProperty([
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
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['get'] } },
	properties,
);

/**
 * GetSession: GET /sessions/{sessionId}. That answer has no log and knows no archive, so the log
 * and archived sessions are read through ListSessions with `specificIds`, which has both.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: EvoVoiceClient,
): Promise<INodeExecutionData[]> {
	const sessionId = sessionIdOf(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	const includeLog = optionalBoolean(this, options, 'includeLog', 'Include Log', itemIndex) ?? false;
	const searchArchive = optionalBoolean(this, options, 'searchArchive', 'Search Archive', itemIndex) ?? false;
	const timeoutMs = timeoutMsOf(this, itemIndex);
	const call = { itemIndex, timeoutMs };

	const listed = async (): Promise<SessionInfo> => {
		const page = await listSessions(
			client,
			{ specificIds: sessionId, countPerPage: 1, simplifiedPaging: true, ...(searchArchive ? { searchArchive } : {}) },
			call,
		);
		const found = page.items.find((session) => session.id === sessionId);
		if (found === undefined) {
			throw new NodeOperationError(
				this.getNode(),
				`Evo Voice has no ${searchArchive ? 'archived ' : ''}session with the ID "${sessionId}" for item ${itemIndex}`,
				{
					itemIndex,
					description: searchArchive
						? 'Turn Search Archive off for a session of the last ~15 days.'
						: 'Turn Search Archive on for a session older than ~15 days.',
				},
			);
		}
		return found;
	};

	if (searchArchive) {
		const session = await listed();
		return sessionItem(includeLog ? session : withoutLog(session), itemIndex);
	}
	const session = await getSession(client, sessionId, call);
	if (!includeLog) return sessionItem(withoutLog(session), itemIndex);
	return sessionItem({ ...session, log: (await listed()).log ?? [] }, itemIndex);
}

/** GetSession answers with an empty `log`; leaving it out says that it was not asked for. */
function withoutLog(session: SessionInfo): Partial<SessionInfo> {
	const rest: Partial<SessionInfo> = { ...session };
	delete rest.log;
	return rest;
}
