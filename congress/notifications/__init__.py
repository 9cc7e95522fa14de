"""Notifications: what a user should know, in their inbox and through the channels (email
today, an SMS gateway tomorrow). Apps call `notify` and nothing else about delivery.

- `services`: `notify` and the other writes (read marks, email states);
- `selectors`: a user's inbox and unread count, the digests due;
- `channels`: the small interface every channel implements, and email;
- `emails`: the email messages, in Chinese, with absolute links.
"""
