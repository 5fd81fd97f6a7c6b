"""Course mode: modules as content (content/sv/kurs/), their validation and the self-test grading."""
