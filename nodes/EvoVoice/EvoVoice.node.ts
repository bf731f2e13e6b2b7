import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import * as session from './actions/session/Session.resource';
import * as chat from './actions/chat/Chat.resource';
import * as recording from './actions/recording/Recording.resource';
import * as call from './actions/call/Call.resource';
import { searchActiveSessions, searchChatSessions, searchVoiceSessions } from './methods/listSearch';

/** Every resource's Operation choice and the parameters of its operations. */
const operationProperties = [
	...session.description,
	...chat.description,
	...recording.description,
	...call.description,
];

export class EvoVoice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Evo Voice',
		name: 'evoVoice',
		icon: { light: 'file:../../icons/evovoice.svg', dark: 'file:../../icons/evovoice.dark.svg' },
		group: ['transform'],
		version: 1,
		// The action in words ("Hold a session"); a unit test keeps it equal to each operation's `action`.
		subtitle:
			'={{ {"session.addConferenceMember":"Add a member to a session conference","session.end":"End a session","session.get":"Get a session","session.getActive":"Get active sessions","session.getMany":"Get many sessions","session.hold":"Hold a session","session.inviteChatMember":"Invite a member to a chat session","session.transfer":"Transfer a session","chat.getTranscript":"Get a chat transcript","chat.removeMember":"Remove a member from a chat","chat.sendMessage":"Send a message to a chat","recording.getMany":"Get recordings of a call","call.startOutgoing":"Start an outgoing call"}[$parameter["resource"] + "." + $parameter["operation"]] }}',
		description: 'Watch and control live Evo Voice calls and chats',
		defaults: { name: 'Evo Voice' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'evoVoiceApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Call', value: 'call' },
					{ name: 'Chat', value: 'chat' },
					{ name: 'Recording', value: 'recording' },
					{ name: 'Session', value: 'session' },
				],
				default: 'session',
			},
			...operationProperties,
		],
	};

	methods = {
		listSearch: { searchActiveSessions, searchVoiceSessions, searchChatSessions },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
