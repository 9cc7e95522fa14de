"""Login and session security (等保2.0 level 2, OWASP ASVS L2): lockout after failed logins,
password rules and history, the audit log of logins and refusals.

- `passwords`: the password validators (Chinese messages) and the password history hook;
- `lockout`: django-axes' lockout page, and reading who is locked;
- `client`: the client's address and browser, behind a trusted proxy too;
- `audit`: the auth signals written to the audit log (`AuthEvent`);
- `services`, `selectors`: the writes and reads the pages and jobs use;
- `logs`: the logging filter that keeps a 403 to one line.

The middleware (session timeouts, private responses, one audit row per 403) is in
`congress.middleware`; the settings are in `congress.settings.base`.
"""
