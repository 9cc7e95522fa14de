"""The user guide (操作手册): the Markdown chapters under docs/guide/, read in the app."""
