import type { OperationDeclaration } from '../declaration';
import { ACTION_SIMPLIFY_PROPERTIES, additionalFieldsProperty, callSidField, sessionIdProperty } from '../parameters';
import { sessionAfterChange } from './readBack';

/**
 * Where End's output came from, in its `endedSessionFrom` field: Evo Voice's answer to
 * EndSession, a GetSession read afterwards (EndSession answered empty), or nowhere (the ended
 * session could not be read back, so the item says only that it ended).
 */
const ENDED_SESSION_FROM = { answer: 'EndSession', GetSession: 'GetSession', none: 'none' } as const;

export const end: OperationDeclaration = {
	resource: 'session',
	operation: 'end',
	name: 'End',
	description: 'Hang up a live call or close a live chat',
	action: 'Hang up a live call or close a live chat',
	endpoints: ['EndSession', 'GetSession'],
	properties: [
		{
			displayName: 'This hangs up a live call or closes a live chat for everyone in it',
			name: 'endNotice',
			type: 'notice',
			default: '',
		},
		sessionIdProperty('The ID of the live call or chat to end (a session ID, as Get Active Sessions gives it)'),
		...ACTION_SIMPLIFY_PROPERTIES,
		additionalFieldsProperty([
			callSidField('The SID (CA…) of the one call on your voice device to hang up; leave empty to end the whole session'),
		]),
	],
	/** EndSession: DELETE /sessions/{sessionId}?callSid= */
	async run(item) {
		const sessionId = item.sessionId();
		const callSid = item.optionalText('additionalFields.callSid');
		const answered = await item.request('EndSession', { path: { sessionId }, query: { callSid } });
		const { output, from } = await sessionAfterChange(item, sessionId, answered, { ended: true });
		output.json.endedSessionFrom = ENDED_SESSION_FROM[from];
		return [output];
	},
};
