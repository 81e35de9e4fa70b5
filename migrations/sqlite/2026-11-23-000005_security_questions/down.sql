DROP TABLE security_answers;
