-- A customer's open conversation in an inbox, or a new one numbered `p_display_id`, in one round trip (issue 5:
-- under a surge each statement of BEGIN / lock / insert / COMMIT cost a round trip to the server). The advisory
-- lock serialises starts per contact and inbox; in READ COMMITTED each statement below takes a new snapshot, so
-- the check after the lock sees a racing start that committed first.
-- Returns the conversation row and whether this call created it (it then also wrote the outbox event).
CREATE FUNCTION warmdesk_start_conversation(
	p_account_id uuid,
	p_inbox_id uuid,
	p_contact_id uuid,
	p_contact_inbox_id uuid,
	p_display_id integer
) RETURNS TABLE (created boolean, conversation conversations)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	conv conversations;
BEGIN
	PERFORM pg_advisory_xact_lock(hashtext(p_contact_id::text || ':' || p_inbox_id::text));
	SELECT * INTO conv FROM conversations c
	 WHERE c.account_id = p_account_id AND c.contact_id = p_contact_id AND c.inbox_id = p_inbox_id
	   AND c.status IN ('open', 'pending', 'snoozed')
	 ORDER BY c.created_at DESC LIMIT 1;
	IF conv.id IS NOT NULL THEN
		RETURN QUERY SELECT false, conv;
		RETURN;
	END IF;
	INSERT INTO conversations (account_id, display_id, inbox_id, contact_id, contact_inbox_id)
	VALUES (p_account_id, p_display_id, p_inbox_id, p_contact_id, p_contact_inbox_id)
	RETURNING * INTO conv;
	INSERT INTO events (account_id, type, payload)
	VALUES (p_account_id, 'conversation.created', jsonb_build_object('conversationId', conv.id));
	RETURN QUERY SELECT true, conv;
END
$$;
