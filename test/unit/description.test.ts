import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { EvoVoiceApi, loginFingerprint, sessionTokenOf } from '../../credentials/EvoVoiceApi.credentials';
import { EvoVoice } from '../../nodes/EvoVoice/EvoVoice.node';
import { sessionOperations } from '../../nodes/EvoVoice/actions/session/Session.resource';
import { SIMPLIFIED_SESSION_FIELDS } from '../../nodes/EvoVoice/helpers/simplify';

const { description } = new EvoVoice();
const operationProperty = description.properties.find((property) => property.name === 'operation')!;
const operationOptions = operationProperty.options as INodePropertyOptions[];
const allOperationOptions = description.properties
	.filter((property) => property.name === 'operation')
	.flatMap((property) => property.options as INodePropertyOptions[]);

describe('Evo Voice node description', () => {
	it('can be used as an AI agent tool and names each action as verb + object', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.subtitle).toBeTruthy();
		expect(allOperationOptions.map((option) => option.action)).toEqual([
			'Add a member to a session conference',
			'End a session',
			'Get a session',
			'Get active sessions',
			'Get many sessions',
			'Hold a session',
			'Invite a member to a chat session',
			'Transfer a session',
			'Get a chat transcript',
			'Remove a member from a chat',
			'Send a message to a chat',
			'Get recordings of a call',
			'Start an outgoing call',
		]);
	});

	it('has an implementation for every operation it offers, and no other', () => {
		expect(operationOptions.map((option) => option.value).sort()).toEqual(
			Object.keys(sessionOperations).sort(),
		);
	});

	it('shows every operation parameter only for its own operation', () => {
		const operationParameters = description.properties.filter(
			(property: INodeProperties) => !['resource', 'operation'].includes(property.name),
		);
		for (const parameter of operationParameters) {
			expect(parameter.displayOptions?.show?.operation).toHaveLength(1);
			expect(parameter.displayOptions?.show?.resource).toHaveLength(1);
		}
	});

	it('reads the canvas subtitle as words: each operation\'s action, by resource and operation', () => {
		const actions: Record<string, string> = {};
		for (const property of description.properties.filter((candidate) => candidate.name === 'operation')) {
			for (const option of property.options as INodePropertyOptions[]) {
				actions[`${String(property.displayOptions?.show?.resource?.[0])}.${String(option.value)}`] = option.action!;
			}
		}
		const subtitle = description.subtitle!;
		const map = JSON.parse(subtitle.slice(subtitle.indexOf('{', 3), subtitle.indexOf('}[') + 1)) as Record<string, string>;
		expect(map).toEqual(actions);
		expect(subtitle.endsWith('[$parameter["resource"] + "." + $parameter["operation"]] }}')).toBe(true);
	});

	it('offers the seeds\' hold reasons as strings', () => {
		const reason = description.properties.find((property) => property.name === 'reason')!;
		expect((reason.options as INodePropertyOptions[]).map((option) => option.value)).toEqual([
			'None',
			'Transferring',
		]);
	});

	it('keeps Simplify short', () => {
		expect(SIMPLIFIED_SESSION_FIELDS.length).toBeLessThanOrEqual(16);
	});
});

describe('Evo Voice credential', () => {
	const credential = new EvoVoiceApi();

	it('stores the session in a hidden, expirable, secret field so n8n signs in again on a 401', () => {
		const session = credential.properties.find((property) => property.type === 'hidden')!;
		expect(session.typeOptions).toEqual({ expirable: true, password: true });
	});

	it('hides the password and sends the session as a Cookie header to the login it came from only', async () => {
		expect(credential.properties.find((property) => property.name === 'password')?.typeOptions?.password).toBe(true);
		const login = { environment: 'custom', baseUrl: 'http://127.0.0.1:1', email: 'a@example.com', password: 'one' };
		const sessionToken = sessionTokenOf(loginFingerprint(login), 'ss-id=s1');
		const sent = await credential.authenticate({ ...login, sessionToken }, { url: '/x', headers: {} });
		expect(sent).toMatchObject({ baseURL: 'http://127.0.0.1:1', headers: { Cookie: 'ss-id=s1' } });
		for (const edit of [{ password: 'two' }, { email: 'b@example.com' }, { baseUrl: 'http://127.0.0.1:2' }]) {
			const afterEdit = await credential.authenticate({ ...login, ...edit, sessionToken }, { url: '/x', headers: {} });
			expect(afterEdit.headers).toEqual({});
		}
	});
});
