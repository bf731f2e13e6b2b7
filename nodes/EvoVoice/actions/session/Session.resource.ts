import type { INodeProperties } from 'n8n-workflow';

import type { EvoVoiceOperation } from '../common';
import * as addConferenceMember from './addConferenceMember.operation';
import * as getActive from './getActive.operation';
import * as hold from './hold.operation';
import * as inviteChatMember from './inviteChatMember.operation';

export const sessionOperations: Record<string, EvoVoiceOperation> = {
	addConferenceMember,
	getActive,
	hold,
	inviteChatMember,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['session'] } },
		options: [
			{
				name: 'Add Conference Member',
				value: 'addConferenceMember',
				description: 'Turn a call into a conference if needed and dial another party into it',
				action: 'Add a member to a session conference',
			},
			{
				name: 'Get Active',
				value: 'getActive',
				description: 'Get the live calls, chats and faxes',
				action: 'Get active sessions',
			},
			{
				name: 'Hold',
				value: 'hold',
				description: 'Put a live call on hold',
				action: 'Hold a session',
			},
			{
				name: 'Invite Chat Member',
				value: 'inviteChatMember',
				description: 'Invite a phone number or a user into a chat',
				action: 'Invite a member to a chat session',
			},
		],
		default: 'getActive',
	},
	...getActive.description,
	...hold.description,
	...addConferenceMember.description,
	...inviteChatMember.description,
];
