//! The Diesel schema, written by hand to match `migrations/` (see migrations/README.md).

diesel::table! {
    organisation (id) {
        id -> Integer,
        name -> Text,
        min_password_length -> Integer,
        require_upper -> Bool,
        require_lower -> Bool,
        require_digit -> Bool,
        require_symbol -> Bool,
        password_expiry_days -> Integer,
        password_reuse_count -> Integer,
        lockout_attempts -> Integer,
        lockout_minutes -> Integer,
        idle_minutes -> Integer,
        question_recovery -> Bool,
        notify_requisition_closing -> Bool,
        notify_someone_applies -> Bool,
        notify_applies_daily -> Bool,
        notify_background_check -> Bool,
        notify_approval_steps -> Bool,
    }
}

diesel::table! {
    users (id) {
        id -> Integer,
        email -> Text,
        first_name -> Text,
        last_name -> Text,
        phone -> Text,
        extension -> Text,
        role -> Text,
        password_hash -> Text,
        password_changed_at -> BigInt,
        must_change_password -> Bool,
        failed_attempts -> Integer,
        locked_until -> Nullable<BigInt>,
        created_at -> BigInt,
        is_active -> Bool,
    }
}

diesel::table! {
    password_history (id) {
        id -> Integer,
        user_id -> Integer,
        password_hash -> Text,
        created_at -> BigInt,
    }
}

diesel::table! {
    user_preferences (user_id) {
        user_id -> Integer,
        time_zone -> Text,
        observe_daylight_saving -> Bool,
        records_per_page -> Integer,
        notify_requisition_closing -> Bool,
        notify_someone_applies -> Bool,
        notify_applies_daily -> Bool,
        notify_background_check -> Bool,
        notify_approval_steps -> Bool,
    }
}

diesel::table! {
    sessions (id) {
        id -> Integer,
        token_digest -> Text,
        user_id -> Integer,
        created_at -> BigInt,
        last_seen_at -> BigInt,
    }
}

diesel::table! {
    history (id) {
        id -> Integer,
        at -> BigInt,
        actor_user_id -> Nullable<Integer>,
        actor_email -> Text,
        job_seeker_id -> Nullable<Integer>,
        requisition_id -> Nullable<Integer>,
        kind -> Text,
        summary -> Text,
        details -> Text,
    }
}

diesel::table! {
    requisitions (id) {
        id -> Integer,
        title -> Text,
        department -> Text,
        location -> Text,
        hiring_manager -> Text,
        closing_date -> Nullable<Text>,
        is_open -> Bool,
        created_at -> BigInt,
    }
}

diesel::table! {
    job_seekers (id) {
        id -> Integer,
        first_name -> Text,
        last_name -> Text,
        email -> Text,
        phone -> Text,
        address_line1 -> Text,
        address_line2 -> Text,
        city -> Text,
        state -> Text,
        postal_code -> Text,
        created_at -> BigInt,
        last_activity_at -> BigInt,
    }
}

diesel::table! {
    applications (id) {
        id -> Integer,
        job_seeker_id -> Integer,
        requisition_id -> Integer,
        stage -> Text,
        disposition -> Nullable<Text>,
        recruiter_user_id -> Nullable<Integer>,
        applied_at -> BigInt,
    }
}

diesel::table! {
    application_forms (id) {
        id -> Integer,
        application_id -> Integer,
        name -> Text,
        position -> Integer,
        completed_at -> Nullable<BigInt>,
        completed_by_email -> Nullable<Text>,
    }
}

diesel::table! {
    notification_events (id) {
        id -> Integer,
        kind -> Text,
        job_seeker_id -> Integer,
        requisition_id -> Integer,
        application_id -> Integer,
        created_at -> BigInt,
        delivered_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    security_answers (user_id, slot) {
        user_id -> Integer,
        slot -> Integer,
        question -> Text,
        answer_hash -> Text,
    }
}

diesel::table! {
    outbox (id) {
        id -> Integer,
        to_address -> Text,
        subject -> Text,
        text_body -> Text,
        html_body -> Nullable<Text>,
        job_seeker_id -> Nullable<Integer>,
        user_id -> Nullable<Integer>,
        created_at -> BigInt,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> BigInt,
        last_error -> Nullable<Text>,
        sent_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    mail_settings (id) {
        id -> Integer,
        host -> Text,
        port -> Integer,
        security -> Text,
        username -> Text,
        password -> Text,
        sender -> Text,
    }
}

diesel::table! {
    notices_sent (key) {
        key -> Text,
        user_id -> Integer,
        sent_at -> BigInt,
    }
}

diesel::table! {
    notes (id) {
        id -> Integer,
        application_id -> Integer,
        job_seeker_id -> Integer,
        author_user_id -> Integer,
        author_email -> Text,
        text -> Text,
        is_task -> Bool,
        due_date -> Nullable<Text>,
        completed_at -> Nullable<BigInt>,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    note_drafts (user_id) {
        user_id -> Integer,
        job_seeker_id -> Integer,
        application_id -> Integer,
        note_id -> Nullable<Integer>,
        text -> Text,
        is_task -> Bool,
        due_date -> Text,
        kept_at -> BigInt,
    }
}

diesel::table! {
    offer_templates (id) {
        id -> Integer,
        name -> Text,
        subject -> Text,
        body -> Text,
        is_active -> Bool,
        updated_at -> BigInt,
    }
}

diesel::table! {
    offer_template_approvers (template_id, position) {
        template_id -> Integer,
        position -> Integer,
        user_id -> Integer,
    }
}

diesel::table! {
    offers (id) {
        id -> Integer,
        application_id -> Integer,
        job_seeker_id -> Integer,
        template_id -> Integer,
        version -> Integer,
        status -> Text,
        tag_values -> Text,
        expires_on -> Nullable<Text>,
        sent_subject -> Nullable<Text>,
        sent_html -> Nullable<Text>,
        sent_text -> Nullable<Text>,
        outbox_id -> Nullable<Integer>,
        status_at -> BigInt,
        status_by -> Text,
        created_by_user_id -> Integer,
        created_at -> BigInt,
    }
}

diesel::table! {
    offer_approvals (offer_id, position) {
        offer_id -> Integer,
        position -> Integer,
        user_id -> Integer,
        approved_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    offer_events (id) {
        id -> Integer,
        offer_id -> Integer,
        at -> BigInt,
        actor_user_id -> Nullable<Integer>,
        actor_email -> Text,
        action -> Text,
        comment -> Text,
    }
}

diesel::joinable!(password_history -> users (user_id));
diesel::joinable!(application_forms -> applications (application_id));
diesel::joinable!(user_preferences -> users (user_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(applications -> job_seekers (job_seeker_id));
diesel::joinable!(applications -> requisitions (requisition_id));
diesel::joinable!(security_answers -> users (user_id));
diesel::joinable!(notes -> applications (application_id));
diesel::joinable!(notes -> job_seekers (job_seeker_id));
diesel::joinable!(note_drafts -> job_seekers (job_seeker_id));
diesel::joinable!(offer_template_approvers -> offer_templates (template_id));
diesel::joinable!(offer_template_approvers -> users (user_id));
diesel::joinable!(offers -> applications (application_id));
diesel::joinable!(offers -> offer_templates (template_id));
diesel::joinable!(offer_approvals -> offers (offer_id));
diesel::joinable!(offer_approvals -> users (user_id));
diesel::joinable!(offer_events -> offers (offer_id));

diesel::allow_tables_to_appear_in_same_query!(
    organisation,
    users,
    password_history,
    user_preferences,
    sessions,
    history,
    requisitions,
    job_seekers,
    applications,
    application_forms,
    notification_events,
    security_answers,
    outbox,
    mail_settings,
    notices_sent,
    notes,
    note_drafts,
    offer_templates,
    offer_template_approvers,
    offers,
    offer_approvals,
    offer_events,
);
