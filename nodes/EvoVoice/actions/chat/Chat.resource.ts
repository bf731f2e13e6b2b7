import type { ResourceDeclaration } from '../declaration';
import { getTranscript } from './getTranscript.operation';
import { inviteMember } from './inviteMember.operation';
import { removeMember } from './removeMember.operation';
import { sendMessage } from './sendMessage.operation';

export const chat: ResourceDeclaration = {
	resource: 'chat',
	name: 'Chat',
	defaultOperation: 'sendMessage',
	operations: [getTranscript, inviteMember, removeMember, sendMessage],
};
