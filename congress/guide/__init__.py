"""The user guide (操作手册): one Markdown part for each role under docs/guide/, read in the app
(帮助 in the header) and in the repository, its screenshots taken by tests/test_guide_browser.py."""
