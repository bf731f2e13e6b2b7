import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { EvoVoiceApi } from '../../credentials/EvoVoiceApi.credentials';
import { loginFingerprint, sessionTokenOf } from '../../nodes/EvoVoice/transport/signIn';
import { EvoVoice } from '../../nodes/EvoVoice/EvoVoice.node';
import { RESOURCES } from '../../nodes/EvoVoice/actions/resources';
import { SIMPLIFIED_SESSION_FIELDS } from '../../nodes/EvoVoice/helpers/simplify';

const { description } = new EvoVoice();
const declarations = RESOURCES.flatMap((resource) => resource.operations);

/** The Operation options that a node of `version` shows for `resource`. */
function operationOptionsOf(resource: string, version: number): INodePropertyOptions[] {
	return description.properties
		.filter((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource))
		.filter((property) => {
			const versions = property.displayOptions?.show?.['@version'];
			return versions === undefined || versions.includes(version);
		})
		.flatMap((property) => property.options as INodePropertyOptions[]);
}

describe('Evo Voice node description', () => {
	it('can be used as an AI agent tool and gives every operation its own action', () => {
		expect(description.usableAsTool).toBe(true);
		const actions = declarations.map((declaration) => declaration.action);
		expect(new Set(actions).size).toBe(actions.length);
		expect(actions.every((action) => action.length > 0 && action.length < 1024)).toBe(true);
	});

	it.each([1, 1.1])('reaches every declared operation from the options of version %s, and offers no other', (version) => {
		for (const resource of RESOURCES) {
			const offered = operationOptionsOf(resource.resource, version).map((option) => String(option.value)).sort();
			const declared = [
				...resource.operations.map((declaration) => declaration.operation),
				// Version 1 also keeps operations at the places they have since left.
				...(version === 1
					? declarations
							.filter((declaration) => declaration.formerly?.resource === resource.resource)
							.map((declaration) => declaration.formerly!.operation)
					: []),
			].sort();
			expect(offered).toEqual(declared);
		}
		const resources = (description.properties[0].options as INodePropertyOptions[]).map((option) => option.value).sort();
		expect(resources).toEqual(RESOURCES.map((resource) => resource.resource).sort());
	});

	it('keeps Session → Invite Chat Member running for version 1 workflows, as Chat → Invite Member', () => {
		expect(operationOptionsOf('session', 1).map((option) => option.value)).toContain('inviteChatMember');
		expect(operationOptionsOf('session', 1.1).map((option) => option.value)).not.toContain('inviteChatMember');
		expect(operationOptionsOf('chat', 1.1).map((option) => option.value)).toContain('inviteMember');
		expect(description.defaultVersion).toBe(1.1);
	});

	it('shows every operation parameter only where its own operation is chosen', () => {
		const operationParameters = description.properties.filter(
			(property: INodeProperties) => !['resource', 'operation'].includes(property.name),
		);
		for (const parameter of operationParameters) {
			const { resource, operation } = parameter.displayOptions?.show ?? {};
			const owners = declarations.filter(
				(declaration) =>
					(resource?.includes(declaration.resource) && operation?.includes(declaration.operation)) ||
					(resource?.includes(declaration.formerly?.resource ?? '') && operation?.includes(declaration.formerly?.operation ?? '')),
			);
			expect(owners).toHaveLength(1);
			expect(operation).toHaveLength(owners[0].formerly ? 2 : 1);
		}
	});

	it("reads the canvas subtitle as words: each operation's action, by resource and operation", () => {
		const actions: Record<string, string> = {};
		for (const declaration of declarations) {
			actions[`${declaration.resource}.${declaration.operation}`] = declaration.action;
			if (declaration.formerly) actions[`${declaration.formerly.resource}.${declaration.formerly.operation}`] = declaration.action;
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
