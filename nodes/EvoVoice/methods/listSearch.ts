import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { EvoVoiceClient, getActiveSessions } from '../transport';
import type { SessionInfo } from '../transport/dto';

function sessionLabel(session: SessionInfo): string {
	const who = session.displayName || session.fromName || session.fromAddress || session.id;
	return `${who} (${session.channel}, ${session.callState})`;
}

/** Lists the live sessions for the Session picker, newest first as Evo Voice returns them. */
export async function searchActiveSessions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const sessions = await getActiveSessions(new EvoVoiceClient(this), {});
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = sessions
		.map((session) => ({ name: sessionLabel(session), value: session.id }))
		.filter(
			({ name, value }) =>
				needle === '' ||
				name.toLowerCase().includes(needle) ||
				value.toLowerCase().includes(needle),
		);
	return { results };
}
