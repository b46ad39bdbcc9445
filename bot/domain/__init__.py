"""Pure rules of mentorship: standard library and pure libraries only, nothing else of ours."""
