DROP TABLE team_notices;
