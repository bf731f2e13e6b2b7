/**
 * The published trigger across an n8n restart, with n8n's durable poll cursors (n8n 2.x): the
 * trigger's state is kept in their own table, and polls are run by n8n's durable scheduler.
 */
import { describeRestart } from './trigger-restart';

describeRestart(
	"n8n's durable poll cursors",
	{
		// What n8n 2.40 and 2.41 need for them (see @n8n/config's SchedulerConfig and PollCursorService).
		N8N_SCHEDULER_ENABLED: 'true',
		N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
		N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
		N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
	},
	// The call made right after a re-import and re-publish was reported within a minute when this
	// file ran alone (2.41.1 and 2.40.7), and not within 200 s in the full suite (both versions,
	// 2026-12-07): not claimed with durable cursors.
	{ reimport: false },
);
