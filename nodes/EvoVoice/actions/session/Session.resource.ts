import type { INodeProperties } from 'n8n-workflow';

import type { EvoVoiceOperation } from '../common';
import * as addConferenceMember from './addConferenceMember.operation';
import * as end from './end.operation';
import * as get from './get.operation';
import * as getActive from './getActive.operation';
import * as getMany from './getMany.operation';
import * as hold from './hold.operation';
import * as inviteChatMember from './inviteChatMember.operation';
import * as transfer from './transfer.operation';

export const sessionOperations: Record<string, EvoVoiceOperation> = {
	addConferenceMember,
	end,
	get,
	getActive,
	getMany,
	hold,
	inviteChatMember,
	transfer,
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
				name: 'End',
				value: 'end',
				description: 'Hang up a live call or close a live chat',
				action: 'End a session',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one session, live or ended, optionally with its log',
				action: 'Get a session',
			},
			{
				name: 'Get Active',
				value: 'getActive',
				description: 'Get the live calls, chats and faxes',
				action: 'Get active sessions',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get the session history: live and ended calls, chats and faxes',
				action: 'Get many sessions',
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
			{
				name: 'Transfer',
				value: 'transfer',
				description: 'Send a live call to another number or user (blind transfer)',
				action: 'Transfer a session',
			},
		],
		default: 'getActive',
	},
	...getActive.description,
	...hold.description,
	...addConferenceMember.description,
	...inviteChatMember.description,
	...get.description,
	...getMany.description,
	...end.description,
	...transfer.description,
];
