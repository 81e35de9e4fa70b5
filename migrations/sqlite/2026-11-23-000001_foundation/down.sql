DROP TABLE history;
DROP TABLE sessions;
DROP TABLE user_preferences;
DROP TABLE password_history;
DROP TABLE users;
DROP TABLE organisation;
