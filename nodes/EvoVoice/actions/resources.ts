import type { ResourceDeclaration } from './declaration';
import { call } from './call/Call.resource';
import { chat } from './chat/Chat.resource';
import { customer } from './customer/Customer.resource';
import { endpoint } from './endpoint/Endpoint.resource';
import { flow } from './flow/Flow.resource';
import { conversation } from './conversation/Conversation.resource';
import { message } from './message/Message.resource';
import { file } from './file/File.resource';
import { recording } from './recording/Recording.resource';
import { session } from './session/Session.resource';

/** Every resource of the node and, in each, its operations. One line a resource. */
export const RESOURCES: ResourceDeclaration[] = [
	call,
	chat,
	recording,
	customer,
	endpoint,
	flow,
	message,
	conversation,
	file,
	session,
];
