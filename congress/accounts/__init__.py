"""Login accounts of a township's people, made in the app instead of the admin.

Staff create their township's accounts (deputies' from the roster, through
`deputies.services.accounts`) and give a user who forgot their password a new initial one; the
county administrator creates townships and their first staff account. An initial password is
random, shown once and printed on a slip, never stored in clear, and must be replaced at the
first login (`User.must_change_password`, enforced by `congress.middleware`).
"""
