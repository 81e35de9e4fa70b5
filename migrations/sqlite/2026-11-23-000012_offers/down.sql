DROP TABLE offer_events;
DROP TABLE offer_approvals;
DROP TABLE offers;
DROP TABLE offer_template_approvers;
DROP TABLE offer_templates;
