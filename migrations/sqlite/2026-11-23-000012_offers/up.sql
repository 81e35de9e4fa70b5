-- Offers (SPEC OF-1 to OF-10): the administrators' letter templates, each offer made from one, its approval
-- steps and every action taken on it.

CREATE TABLE offer_templates (
    id INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    -- The email subject and the letter, written with Tera tags such as {{ job_seeker_first_name }}.
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    is_active BOOLEAN NOT NULL DEFAULT 1,
    updated_at BIGINT NOT NULL
);

-- The users who must approve an offer made from a template, in order (SPEC OF-9).
CREATE TABLE offer_template_approvers (
    template_id INTEGER NOT NULL REFERENCES offer_templates (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (template_id, position)
);

-- One offer letter for one application; a new version follows a declined, rescinded or expired one.
CREATE TABLE offers (
    id INTEGER PRIMARY KEY NOT NULL,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    job_seeker_id INTEGER NOT NULL REFERENCES job_seekers (id) ON DELETE CASCADE,
    template_id INTEGER NOT NULL REFERENCES offer_templates (id),
    version INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
        ('draft', 'pending_approval', 'approved', 'sent', 'accepted', 'declined', 'rescinded', 'expired')),
    -- The recruiter's values: free tags, and filled tags they chose to override (JSON object).
    tag_values TEXT NOT NULL DEFAULT '{}',
    -- YYYY-MM-DD; an unanswered sent offer becomes expired after this day (SPEC OF-10).
    expires_on TEXT,
    -- The letter as sent, frozen at [Send Offer].
    sent_subject TEXT,
    sent_html TEXT,
    sent_text TEXT,
    outbox_id INTEGER REFERENCES outbox (id),
    -- The status tagline: when and by whom the status was set.
    status_at BIGINT NOT NULL,
    status_by TEXT NOT NULL,
    created_by_user_id INTEGER NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    UNIQUE (application_id, version)
);
CREATE INDEX offers_by_status ON offers (status, expires_on);

-- The approval steps of one offer, copied from its template when approval is requested.
CREATE TABLE offer_approvals (
    offer_id INTEGER NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id),
    approved_at BIGINT,
    PRIMARY KEY (offer_id, position)
);

-- Every action on an offer, for [View History] (SPEC OF-8).
CREATE TABLE offer_events (
    id INTEGER PRIMARY KEY NOT NULL,
    offer_id INTEGER NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    actor_user_id INTEGER REFERENCES users (id),
    actor_email TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('generated', 'edited', 'approval_requested', 'approved', 'sent',
        'accepted', 'declined', 'rescinded', 'expired')),
    comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX offer_events_by_offer ON offer_events (offer_id, id);
