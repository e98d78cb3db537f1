"""The privacy policy and terms of use residents consent to at sign-up, and their version."""

# Changed whenever the text in accounts/privacy.html changes materially: consents record it.
POLICY_VERSION = "2026-11-29"
