DROP TABLE notification_events;
DROP TABLE application_forms;
