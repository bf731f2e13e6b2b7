import type { INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { SessionInfo } from '../../transport/dto';
import type { ItemRun } from '../itemRun';

/**
 * A change Evo Voice accepted without answering with the session (EndSession, RedirectSession
 * may answer nothing) is read back with GetSession. The change is made whatever the read-back
 * gives, so the item succeeds either way: a read-back that fails leaves `accepted` (what is
 * known of the change) with `readBackError` saying why the session's state could not be read.
 * Failing the item instead would invite Retry On Fail to make the change a second time.
 */
export async function sessionAfterChange(
	item: ItemRun,
	sessionId: string,
	answered: SessionInfo | undefined,
	accepted: Record<string, unknown>,
): Promise<{ output: INodeExecutionData; from: 'answer' | 'GetSession' | 'none' }> {
	if (answered !== undefined) return { output: item.session(answered), from: 'answer' };
	try {
		return { output: item.session(await item.request('GetSession', { path: { sessionId } })), from: 'GetSession' };
	} catch (error) {
		const notFound = error instanceof NodeApiError && error.httpCode === '404';
		const readBackError = notFound ? undefined : (error as Error).message;
		return { output: item.item({ id: sessionId, ...accepted, ...(readBackError ? { readBackError } : {}) }), from: 'none' };
	}
}
