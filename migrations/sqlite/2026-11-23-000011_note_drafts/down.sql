DROP TABLE note_drafts;
