/** The published trigger across an n8n restart, with n8n's legacy poller (its default). */
import { describeRestart } from './trigger-restart';

describeRestart("n8n's legacy poller", {}, { reimport: true });
