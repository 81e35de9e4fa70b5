DROP TABLE offer_events, offer_approvals, offers, offer_template_approvers, offer_templates, note_drafts, notes,
    notices_sent, mail_settings, outbox, security_answers, notification_events, application_forms, applications,
    job_seekers, requisitions, history, sessions, user_preferences, password_history, users, organisation;
DROP FUNCTION history_is_append_only();
