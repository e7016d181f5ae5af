// Loaded before every test file: no test may reach the internet. Only loopback (the local fake servers,
// Redis and PostgreSQL) is allowed; nock turns any other request into an error the test sees.
import nock from 'nock';

nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
