DROP TABLE notices_sent;
