DROP TABLE applications;
DROP TABLE job_seekers;
DROP TABLE requisitions;
