import type { INodeProperties } from 'n8n-workflow';

import type { EvoVoiceOperation } from '../common';
import * as getTranscript from './getTranscript.operation';
import * as removeMember from './removeMember.operation';
import * as sendMessage from './sendMessage.operation';

export const chatOperations: Record<string, EvoVoiceOperation> = {
	getTranscript,
	removeMember,
	sendMessage,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['chat'] } },
		options: [
			{
				name: 'Get Transcript',
				value: 'getTranscript',
				description: 'Get the messages of a chat',
				action: 'Get a chat transcript',
			},
			{
				name: 'Remove Member',
				value: 'removeMember',
				description: 'Remove a member from a live chat',
				action: 'Remove a member from a chat',
			},
			{
				name: 'Send Message',
				value: 'sendMessage',
				description: 'Send a text message into a live chat',
				action: 'Send a message to a chat',
			},
		],
		default: 'sendMessage',
	},
	...sendMessage.description,
	...getTranscript.description,
	...removeMember.description,
];
